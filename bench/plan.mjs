// Two figures for issue #5:
//  1. `jobform plan` of N managed jobs against a rate-limited emulator with latency, as a whole process:
//     wall time vs the floor "2 calls per job ÷ limit" (target ≤ 1.1×), and the calls it needed.
//  2. CPU and memory of normalise + diff (planJobs) for 10,000 jobs, in process.
// Run after `npm run build`: node bench/plan.mjs [N] [limit rps] [latency ms]
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, createWorkspace } from "../dist/emulator/server.js";
import { dispatch } from "../dist/emulator/dispatch.js";
import { planJobs } from "../dist/core/plan.js";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const N = Number(process.argv[2] ?? 300);
const LIMIT = Number(process.argv[3] ?? 50);
const LATENCY = Number(process.argv[4] ?? 20);
const TOKEN = "bench";

function settings(i) {
  return {
    name: `Job ${i}`,
    tags: { team: `t${i % 7}` },
    schedule: { quartz_cron_expression: `0 ${i % 60} 3 * * ?`, timezone_id: "UTC", pause_status: "PAUSED" },
    job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 2 } }],
    tasks: [
      { task_key: "ingest", job_cluster_key: "c", notebook_task: { notebook_path: `/Shared/ingest_${i}` } },
      { task_key: "publish", depends_on: [{ task_key: "ingest" }], job_cluster_key: "c", notebook_task: { notebook_path: "/Shared/publish" } },
    ],
  };
}
const yamlOf = (s) => JSON.stringify(s, null, 2); // JSON is YAML 1.2

async function post(url, path, body) {
  const r = await fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

function run(args, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, out, err, ms: performance.now() - t0 }));
  });
}

// --- 1. plan against a throttled workspace --------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), "jobform-bench-plan-"));
try {
  const state = join(dir, "state.json");
  const seed = await startEmulator({ port: 0, token: TOKEN, stateFile: state });
  mkdirSync(join(dir, "jobs"));
  writeFileSync(join(dir, "jobform.yaml"), "project: bench\n");
  for (let i = 0; i < N; i++) {
    const s = settings(i);
    writeFileSync(join(dir, "jobs", `job-${i}.yaml`), yamlOf(s));
    await post(seed.url, "/api/2.2/jobs/create", { ...s, tags: { ...s.tags, jobform_project: "bench", jobform_key: `job-${i}` } });
  }
  await seed.close();
  const emu = await startEmulator({ port: 0, token: TOKEN, stateFile: state, rateLimit: String(LIMIT), latencyMs: LATENCY });
  const r = await run(["--host", emu.url, "--dir", dir, "plan", "--detailed-exitcode"], { DATABRICKS_TOKEN: TOKEN, DATABRICKS_CONFIG_FILE: "/nonexistent" });
  const log = await (await fetch(`${emu.url}/__emulator/requests`)).json();
  const requests = (Array.isArray(log) ? log : log.requests).filter((q) => q.path.startsWith("/api/"));
  const throttled = requests.filter((q) => q.status === 429).length;
  await emu.close();
  if (r.code !== 0) throw new Error(`plan exited ${r.code}: ${r.err.slice(0, 400)}${r.out.slice(-400)}`);
  const floor = ((2 * N) / LIMIT) * 1000;
  console.log(`plan of ${N} jobs at ${LIMIT} req/s, ${LATENCY} ms latency: ${(r.ms / 1000).toFixed(2)} s; floor (2 calls/job ÷ limit) ${(floor / 1000).toFixed(2)} s → ${(r.ms / floor).toFixed(2)}× (target ≤ 1.1×)`);
  console.log(`  ${requests.length} API calls (${(requests.length / N).toFixed(2)} per job), ${throttled} answered 429; plan said "${r.out.trim().split("\n").pop()}"`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// --- 2. normalise + diff of 10,000 jobs -----------------------------------------------------------
const M = 10_000;
const ws = createWorkspace({});
const call = (method, url, body) => {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  return dispatch({ method, path, query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)), body, headers: { authorization: "Bearer b" } }, ws, path).body;
};
const desired = [];
const live = [];
for (let i = 0; i < M; i++) {
  const s = settings(i);
  const key = `job-${i}`;
  const { job_id } = call("POST", "/api/2.2/jobs/create", { ...s, tags: { ...s.tags, jobform_project: "bench", jobform_key: key } });
  const got = call("GET", `/api/2.2/jobs/get?job_id=${job_id}`);
  const acl = call("GET", `/api/2.0/permissions/jobs/${job_id}`);
  if (i % 10 === 0) s.tasks[0].timeout_seconds = 600; // one job in ten has a change to find
  desired.push({ key, file: `jobs/${key}.yaml`, document: s, locate: () => ({ file: "", line: 0, column: 0, path: "" }) });
  live.push({ jobId: String(job_id), settings: got.settings, permissions: acl, creatorUserName: got.creator_user_name, runAsUserName: got.run_as_user_name });
}
global.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const plan = planJobs(desired, live, { project: "bench", prune: false, deployer: "me@example.com" });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const heap = process.memoryUsage().heapUsed - heap0;
console.log(`normalise + diff of ${M} jobs: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ~${(heap / 1024 / 1024).toFixed(0)} MB heap growth; ${plan.summary.update} updates found (expected ${M / 10}), ${plan.summary.no_op} no-ops`);
