// Two figures for issue #17, in real Chromium (skipped with a message when none is installed):
//  1. the console's jobs page of N jobs: time from the /api/jobs answer's last byte to the table being
//     built and painted (target < 1.5 s at N = 1,000);
//  2. the workspace calls the console makes to show that page: no more than `plan` makes plus one
//     runs/list per job on screen (counted in the emulator's request log).
// Run after `npm run build`: node bench/ui-jobs.mjs [N]
/* global document, innerHeight */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../dist/emulator/server.js";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const N = Number(process.argv[2] ?? 1000);
const TOKEN = "bench";
const BROWSER = process.env.JOBFORM_BROWSER ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
if (!BROWSER) {
  console.log("ui-jobs: skipped, no Chromium found (apt-get install -y chromium, or set JOBFORM_BROWSER)");
  process.exit(0);
}
const { chromium } = await import("playwright-core");
const env = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_AUTH_TYPE: "pat", DATABRICKS_CONFIG_FILE: "/nonexistent" };

function settings(i) {
  return {
    name: `Job ${String(i).padStart(4, "0")}`,
    tags: { team: `t${i % 7}` },
    schedule: { quartz_cron_expression: `0 ${i % 60} 3 * * ?`, timezone_id: "UTC", pause_status: "PAUSED" },
    tasks: [
      { task_key: "ingest", notebook_task: { notebook_path: `/Shared/ingest_${i}` } },
      { task_key: "publish", depends_on: [{ task_key: "ingest" }], notebook_task: { notebook_path: "/Shared/publish" } },
    ],
  };
}

async function call(url, method, path, body) {
  const r = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

const apiCalls = async (url, since) => (await call(url, "GET", `/__emulator/requests?since=${since}`)).requests.filter((q) => q.path.startsWith("/api/"));
const lastSeq = async (url) => (await call(url, "GET", "/__emulator/requests")).requests.at(-1)?.seq ?? 0;

const dir = mkdtempSync(join(tmpdir(), "jobform-bench-ui-"));
const emu = await startEmulator({ port: 0, token: TOKEN });
let ui;
let browser;
try {
  mkdirSync(join(dir, "jobs"));
  writeFileSync(join(dir, "jobform.yaml"), "project: bench\n");
  for (let i = 0; i < N; i++) {
    const s = settings(i);
    writeFileSync(join(dir, "jobs", `job-${i}.yaml`), JSON.stringify(s, null, 2));
    await call(emu.url, "POST", "/api/2.2/jobs/create", { ...s, tags: { ...s.tags, jobform_project: "bench", jobform_key: `job-${i}` } });
  }
  for (let i = 0; i < 10; i++) await call(emu.url, "POST", "/api/2.2/jobs/create", { name: `Unmanaged ${i}`, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] });

  let since = await lastSeq(emu.url);
  const plan = await run(["--host", emu.url, "--dir", dir, "plan"]);
  if (plan.code !== 0) throw new Error(`plan exited ${plan.code}: ${plan.out.slice(-400)}`);
  const planCalls = (await apiCalls(emu.url, since)).length;

  since = await lastSeq(emu.url);
  ui = spawn(process.execPath, [CLI, "--host", emu.url, "--dir", dir, "ui", "--port", "0"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    ui.stdout.on("data", (d) => {
      out += d;
      const m = /(http:\/\/\S+\?token=[0-9a-f]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    ui.stderr.on("data", (d) => (out += d));
    ui.on("exit", (code) => reject(new Error(`ui exited ${code}: ${out}`)));
  });
  browser = await chromium.launch({ executablePath: BROWSER, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("jobs-painted").length > 0 && performance.getEntriesByName("jobs-complete").length > 0);
  const t = await page.evaluate(() => {
    const api = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/api/jobs");
    return { arrived: api.responseEnd, rendered: performance.getEntriesByName("jobs-rendered")[0].startTime, painted: performance.getEntriesByName("jobs-painted")[0].startTime, complete: performance.getEntriesByName("jobs-complete")[0].startTime, rows: document.querySelectorAll("#jobs-table tbody tr").length };
  });
  // Let the last-run lookups of the rows on screen finish, then count what the page cost the workspace.
  await page.waitForFunction(() => [...document.querySelectorAll("#jobs-table td.last")].filter((td) => td.getBoundingClientRect().top < innerHeight).every((td) => td.textContent !== "…"));
  await page.waitForTimeout(1000);
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
  const visible = await page.evaluate(() => [...document.querySelectorAll("#jobs-table tbody tr")].filter((tr) => { const r = tr.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }).length);
  const calls = await apiCalls(emu.url, since);
  const runsList = calls.filter((q) => q.path.endsWith("/runs/list")).length;
  const built = t.rendered - t.arrived;
  const painted = t.painted - t.arrived;
  console.log(`jobs page of ${t.rows} jobs (${N} managed + 10 unmanaged): first screen built ${built.toFixed(0)} ms and painted ${painted.toFixed(0)} ms after /api/jobs arrived (target < 1500 ms) ${painted < 1500 ? "OK" : "OVER"}; every row built ${(t.complete - t.arrived).toFixed(0)} ms`);
  console.log(`  workspace calls: console ${calls.length} = ${calls.length - runsList} for the plan + ${runsList} runs/list for ${visible} rows on screen; plan alone ${planCalls}; budget plan + 1 per visible row = ${planCalls + visible} ${calls.length <= planCalls + visible ? "OK" : "OVER"}`);
} finally {
  await browser?.close();
  ui?.kill("SIGTERM");
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
