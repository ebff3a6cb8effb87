/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The console in real Chromium, against `jobform ui` over `jobform serve` with the sample project applied.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { BROWSER_ARGS, browserForTests } from "../support/browser.js";
import { ensureBuilt, ROOT, runCliAsync } from "../support/cli.js";
import { startStack } from "./console-setup.js";
import type { Stack } from "./console-setup.js";

const executablePath = browserForTests();
const SHOTS = join(ROOT, "test-artifacts", "ui");
const LONG = 120_000;

describe.skipIf(!executablePath)("jobform ui in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let unmanagedId: string;
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const jobIdOf = async (key: string) => {
    const list = (await stack.rest("GET", "/api/2.2/jobs/list?limit=100")).jobs as { job_id: number; settings: { tags?: Record<string, string> } }[];
    return list.find((j) => j.settings.tags?.jobform_key === key)?.job_id as number;
  };

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    // publish is the last task of sales-load: every task runs, and publish fails with an error and a trace.
    stack = await startStack(["--run-duration-ms", "300", "--run-outcome", "publish=FAILED"]);
    const created = await stack.rest("POST", "/api/2.2/jobs/create", { name: "Ad-hoc export (made by hand)", tasks: [{ task_key: "export", notebook_task: { notebook_path: "/Users/ann/export" } }] });
    unmanagedId = String(created.job_id);
    // A UI edit made through the API: one task's timeout on sales-load.
    const salesId = await jobIdOf("sales-load");
    const job = (await stack.rest("GET", `/api/2.2/jobs/get?job_id=${salesId}`)) as { settings: { tasks: Record<string, unknown>[] } };
    const ingest = job.settings.tasks.find((t) => t.task_key === "ingest");
    await stack.rest("POST", "/api/2.2/jobs/update", { job_id: salesId, new_settings: { tasks: [{ ...ingest, timeout_seconds: 900 }] } });
    browser = await chromium.launch({ executablePath, args: BROWSER_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(60_000);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, LONG);

  it("refuses a request without the token", async () => {
    expect((await fetch(`${stack.base}/api/jobs`)).status).toBe(401);
    expect((await fetch(`${stack.base}/`)).status).toBe(401);
    expect((await fetch(`${stack.base}/api/jobs`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("lists managed and unmanaged jobs with their sync status after a UI edit", async () => {
    await page.goto(stack.console);
    // The token went into an HttpOnly cookie and out of the address bar.
    expect(page.url()).toBe(`${stack.base}/`);
    await page.waitForSelector("#jobs-table tbody tr");
    const rows = await page.$$eval("#jobs-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect(byName.get("Sales load")?.slice(1, 3)).toEqual(["sales-load", "OutOfSync (1 field)"]);
    expect(byName.get("Churn model training")?.slice(1, 4)).toEqual(["ml-training", "Synced", "5"]);
    expect(byName.get("Ad-hoc export (made by hand)")?.slice(1, 3)).toEqual(["unmanaged", "Unmanaged"]);
    expect(rows).toHaveLength(7);
    // Last runs arrive for the rows on screen.
    await page.waitForFunction(() => [...document.querySelectorAll("#jobs-table td.last")].every((td) => td.textContent !== "…"));
    await shot("jobs");
    await page.fill("#search", "churn");
    expect(await page.$$eval("#jobs-table tbody tr:not([hidden])", (trs) => trs.length)).toBe(1);
    await page.fill("#search", "");
    await page.selectOption("#f-sync", "Unmanaged");
    expect(await page.$$eval("#jobs-table tbody tr:not([hidden]) td.name", (tds) => tds.map((td) => td.textContent))).toEqual(["Ad-hoc export (made by hand)"]);
    await page.selectOption("#f-sync", "");
  }, LONG);

  it("draws the DAG of a job with a condition and a for_each: nodes and labelled edges", async () => {
    await page.goto(`${stack.base}/#/job/ml-training`);
    await page.waitForSelector("svg.dag .node");
    const nodes = await page.$$eval("svg.dag .node", (gs) => gs.map((g) => `${g.getAttribute("data-task")}:${g.getAttribute("class")}`));
    expect(nodes.sort()).toEqual(["features:node shape-task", "good_enough:node shape-condition", "notify_rejected:node shape-task", "promote:node shape-task", "train_per_region/train_region:node shape-inner", "train_per_region:node shape-for_each"]);
    const edges = await page.$$eval("svg.dag .edge", (gs) => gs.map((g) => `${g.getAttribute("data-from")}->${g.getAttribute("data-to")}:${g.querySelector(".edge-label")?.textContent ?? ""}`));
    expect(edges.sort()).toEqual(["features->train_per_region:", "good_enough->notify_rejected:false", "good_enough->promote:true", "train_per_region->good_enough:", "train_per_region->train_per_region/train_region:each input"]);
    await shot("job-graph");
  }, LONG);

  it("shows a task's git and workspace values side by side when a node is clicked, the plan's change highlighted", async () => {
    await page.goto(`${stack.base}/#/job/sales-load`);
    await page.click('svg.dag .node[data-task="ingest"]');
    await page.waitForSelector("#task-panel");
    const rows = await page.$$eval("#task-panel tbody tr", (trs) => trs.map((tr) => ({ changed: tr.classList.contains("changed"), cells: [...tr.children].map((c) => c.textContent) })));
    expect(rows.find((r) => r.cells[0] === "notebook_task/notebook_path")?.cells).toEqual(["notebook_task/notebook_path", "/Shared/etl/sales/ingest", "/Shared/etl/sales/ingest"]);
    expect(rows.find((r) => r.cells[0] === "timeout_seconds")).toEqual({ changed: true, cells: ["timeout_seconds", "—", "900"] });
    expect(rows.filter((r) => r.changed).map((r) => r.cells[0])).toEqual(["timeout_seconds"]);
    expect(await page.getAttribute('svg.dag .node[data-task="ingest"]', "class")).toContain("mark-changed");
    await shot("task-panel");
    await page.click("#tabbtn-diff");
    await page.waitForSelector(".diff");
    expect(await page.textContent(".diff")).toContain("/tasks/ingest/timeout_seconds");
    await shot("job-diff");
    await page.click("#tabbtn-details");
    await page.waitForSelector("table.details");
    expect(await page.textContent("table.details")).toContain("max_concurrent_runs");
    await shot("job-details");
  }, LONG);

  it("runs a job now with a parameter; the timeline shows every task and the failed task's error", async () => {
    await page.goto(`${stack.base}/#/job/sales-load`);
    await page.click("#run-now");
    await page.waitForSelector("#param-run_date");
    await page.fill("#param-run_date", "2024-01-02");
    await shot("run-now");
    await page.click("#dialog-confirm");
    await page.waitForSelector("#drawer:not([hidden]) #gantt");
    await page.waitForFunction(() => document.querySelector("#run-status")?.textContent === "Failed", undefined, { timeout: 60_000 });
    const tasks = await page.$$eval("#gantt .gantt-row", (rows) => rows.map((r) => r.getAttribute("data-task")));
    expect(tasks.sort()).toEqual(["ingest", "publish", "quality"]);
    await page.waitForSelector(".output[data-task='publish'] .task-error");
    expect(await page.textContent(".output[data-task='publish'] .task-error")).toMatch(/error: .+/);
    expect(await page.getAttribute(".output[data-task='publish'] a.task-link", "href")).toMatch(/#job\/\d+\/run\/\d+$/);
    await shot("run-drawer");
    const log = (await stack.rest("GET", "/__emulator/requests")).requests as { method: string; path: string; body?: Record<string, unknown> }[];
    const runNow = log.filter((r) => r.path.endsWith("/jobs/run-now"));
    expect(runNow).toHaveLength(1);
    expect(runNow[0]?.body?.job_parameters).toEqual({ run_date: "2024-01-02" });
    await page.click("#close-drawer");
    await page.click("#tabbtn-runs");
    await page.waitForSelector("#runs-table tbody tr");
    expect(await page.$$eval("#runs-table tbody tr", (trs) => trs.length)).toBe(1);
    await shot("job-runs");
  }, LONG);

  it("repairs the failed tasks from the drawer and follows the repair", async () => {
    await page.click("#runs-table tbody tr a");
    await page.waitForSelector("#repair-run");
    await page.click("#repair-run");
    await page.waitForFunction(() => document.querySelector("#notice")?.textContent?.startsWith("Repair "));
    // publish runs again (and fails again, by the outcome rule): the timeline gains its repair attempt.
    await page.waitForFunction(() => [...document.querySelectorAll("#gantt .gantt-label")].some((l) => l.textContent?.includes("(repair 1)")), undefined, { timeout: 60_000 });
    const log = (await stack.rest("GET", "/__emulator/requests")).requests as { path: string; body?: Record<string, unknown> }[];
    const repairs = log.filter((r) => r.path.endsWith("/runs/repair"));
    expect(repairs).toHaveLength(1);
    expect(repairs[0]?.body).toMatchObject({ rerun_all_failed_tasks: true });
    await page.click("#close-drawer");
  }, LONG);

  it("is keyboard navigable: a DAG node opens its task panel with Enter, tabs move with the arrow keys", async () => {
    await page.goto(`${stack.base}/#/job/ml-training`);
    await page.waitForSelector("svg.dag .node");
    await page.focus('svg.dag .node[data-task="good_enough"]');
    await page.keyboard.press("Enter");
    await page.waitForSelector("#task-panel");
    expect(await page.textContent("#task-panel h3")).toBe("good_enough");
    expect(await page.textContent("#task-panel")).toContain("condition");
    await page.focus("#tabbtn-graph");
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector("#tab-diff");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tabbtn-diff");
  }, LONG);

  it("opens an unmanaged job from its row: the workspace's DAG, nothing to compare", async () => {
    await page.goto(`${stack.base}/#/`);
    await page.click(`#jobs-table tr[data-job-id="${unmanagedId}"] td.name a`);
    await page.waitForSelector('svg.dag .node[data-task="export"]');
    expect(await page.textContent(".job-head .facts")).toContain("unmanaged");
    expect(await page.$("#run-now")).toBeNull();
    await page.click("#tabbtn-diff");
    expect(await page.textContent("#tab-diff")).toContain("no jobform ownership tags");
  }, LONG);

  it("starts a run from a row action of the jobs table", async () => {
    await page.goto(`${stack.base}/#/`);
    await page.click('#jobs-table tr[data-ref="reports-refresh"] button[data-action="run"]');
    await page.click("#dialog-confirm");
    await page.waitForSelector("#drawer:not([hidden]) #gantt");
    expect(await page.textContent("#drawer h2")).toMatch(/^Run \d+/);
    await page.waitForFunction(() => document.querySelector("#run-status")?.textContent === "Succeeded", undefined, { timeout: 60_000 });
    await page.click("#close-drawer");
  }, LONG);

  it("filters the table by the last run's status", async () => {
    await page.selectOption("#f-status", "Failed");
    await page.waitForFunction(() => [...document.querySelectorAll("#jobs-table tbody tr:not([hidden]) td.name")].map((td) => td.textContent).join() === "Sales load");
    await page.selectOption("#f-status", "Succeeded");
    await page.waitForFunction(() => [...document.querySelectorAll("#jobs-table tbody tr:not([hidden]) td.name")].map((td) => td.textContent).join() === "Reports refresh");
    await page.selectOption("#f-status", "");
  }, LONG);

  it("checks run now's parameters like `run --param`: an unknown name is refused with the job's parameters", async () => {
    const token = new URL(stack.console).searchParams.get("token");
    const res = await fetch(`${stack.base}/api/jobs/sales-load/run-now`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", origin: stack.base }, body: JSON.stringify({ params: { rundate: "2024-01-03" } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('--param rundate: job sales-load has no parameter "rundate" (its parameters: run_date, catalog)');
  }, LONG);

  it("unpauses through the YAML and one jobs/update; the plan is then empty", async () => {
    await page.goto(`${stack.base}/#/job/ml-training`);
    await page.click("#pause");
    await page.waitForSelector("#dialog-confirm");
    expect(await page.textContent("dialog")).toContain("jobs/ml-training.yaml");
    await page.click("#dialog-confirm");
    await page.waitForFunction(() => document.querySelector("#notice")?.textContent?.includes("jobs/ml-training.yaml changed"));
    const yaml = readFileSync(join(stack.dir, "jobs", "ml-training.yaml"), "utf8");
    expect(yaml).toContain("pause_status: UNPAUSED");
    expect(yaml.split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/job.schema.json");
    // The view is drawn again from a fresh plan: the job now reads as active, so the button offers Pause.
    await page.waitForFunction(() => document.querySelector("#pause")?.textContent === "Pause");
    expect(await page.textContent(".job-head .facts")).toContain("active");
    await shot("after-unpause");
    const plan = await runCliAsync(["--host", stack.emulator, "--dir", stack.dir, "plan", "--job", "ml-training", "--detailed-exitcode"], { env: stack.env });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
  }, LONG);

  it("is readable narrow and in the dark scheme", async () => {
    await page.setViewportSize({ width: 480, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${stack.base}/#/`);
    await page.waitForSelector("#jobs-table tbody tr");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(21, 24, 28)");
    await shot("jobs-narrow-dark");
    expect(unmanagedId).toMatch(/^\d+$/);
  }, LONG);
});
