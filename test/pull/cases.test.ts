// Pull's rules one by one, in process: secrets, jobs missing from the workspace, unreadable access lists,
// `ignore:` fields, values from `defaults:`, unmanaged jobs and --job.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LiveJob } from "../../src/core/plan-types.js";
import type { Workspace } from "../../src/emulator/state.js";
import { call, ok } from "../emulator/helpers.js";
import { ROOT } from "../support/cli.js";
import { changeLines, check, deploy, emulatorWorkspace, planOf, pull, readLiveJobs } from "./harness.js";
import type { Files } from "./harness.js";

type Obj = Record<string, unknown>;

function sample(): Files {
  const files: Files = new Map([["jobform.yaml", readFileSync(join(ROOT, "jobform.yaml"), "utf8")]]);
  for (const f of readdirSync(join(ROOT, "jobs")).sort()) files.set(`jobs/${f}`, readFileSync(join(ROOT, "jobs", f), "utf8"));
  return files;
}

function deployed(files: Files, target = "dev"): { ws: Workspace; ids: Map<string, string> } {
  const ws = emulatorWorkspace();
  return { ws, ids: deploy(ws, check(files, target)) };
}

/** A UI edit of a job's settings through jobs/reset. */
function edit(ws: Workspace, id: string, change: (s: Obj) => void): void {
  const s = structuredClone((call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`).body as { settings: Obj }).settings);
  change(s);
  ok(call(ws, "POST", "/api/2.2/jobs/reset", { job_id: Number(id), new_settings: s }));
}

const tasksOf = (s: Obj) => s.tasks as Obj[];

/** prod's override of sales-load also names its quality task. */
function withQualityOverride(files: Files): void {
  const over = "        email_notifications: { on_failure: [data-oncall@contoso.com] }\n";
  files.set("jobform.yaml", files.get("jobform.yaml")!.replace(over, `${over}        tasks:\n          - { task_key: quality, max_retries: 4 }\n`));
}

/** The quality task removed in the UI, publish depending on ingest instead. */
function dropQuality(ws: Workspace, id: string): void {
  edit(ws, id, (s) => {
    s.tasks = tasksOf(s).filter((t) => t.task_key !== "quality").map((t) => (t.task_key === "publish" ? { ...t, depends_on: [{ task_key: "ingest" }] } : t));
  });
}

describe("pull rules", () => {
  it("writes a secret-looking value as ${var.<job>_<key>} with a declaration, never the clear text", () => {
    const files = sample();
    const { ws, ids } = deployed(files);
    const token = `dapi${"0123456789abcdef".repeat(2)}`;
    edit(ws, ids.get("sales-load") as string, (s) => {
      const ingest = tasksOf(s).find((t) => t.task_key === "ingest") as Obj;
      (ingest.notebook_task as Obj).base_parameters = { ...((ingest.notebook_task as Obj).base_parameters as Obj), api_token: token };
    });
    const live = readLiveJobs(ws);
    const { outcome, files: after } = pull(files, live);
    expect(outcome.unsettled).toEqual([]);
    expect(outcome.secrets).toEqual([{ name: "sales_load_api_token", value: token }]);
    for (const text of after.values()) expect(text).not.toContain(token);
    expect(after.get("jobs/sales-load.yaml")).toContain('api_token: "${var.sales_load_api_token}"');
    expect(after.get("jobform.yaml")).toContain("  sales_load_api_token: { description: \"secret of sales-load /tasks/ingest/notebook_task/base_parameters/api_token, pulled from the workspace; its value is not kept in git\" }\n");
    // Until the value is supplied where jobform runs, validate says which variable it needs.
    expect(() => check(after, "dev")).toThrow(/JF012 variable "sales_load_api_token" has no value/);
  });

  it("reports a job the workspace no longer has and keeps its file", () => {
    const files = sample();
    const { ws, ids } = deployed(files);
    ok(call(ws, "POST", "/api/2.2/jobs/delete", { job_id: Number(ids.get("graph-less") ?? ids.get("reports-refresh")) }));
    const { outcome, files: after } = pull(files, readLiveJobs(ws));
    expect(outcome.missing).toEqual(["reports-refresh"]);
    expect(outcome.files).toEqual([]);
    expect(after).toEqual(files);
  });

  it("leaves permissions alone when the access list cannot be read (403)", () => {
    const files = sample();
    const { ws, ids } = deployed(files);
    ok(call(ws, "PUT", `/api/2.0/permissions/jobs/${ids.get("sales-load")}`, { access_control_list: [{ user_name: "alice@contoso.com", permission_level: "IS_OWNER" }] }));
    const live: LiveJob[] = readLiveJobs(ws).map((l) => (l.jobId === ids.get("sales-load") ? { ...l, permissions: [], aclUnreadable: true } : l));
    const { outcome } = pull(files, live);
    expect(outcome.edits).toEqual([]);
    expect(outcome.left).toEqual([{ key: "sales-load", pointer: "/permissions", reason: expect.stringContaining("403") }]);
  });

  it("never writes a field under ignore:", () => {
    const files = sample();
    files.set("jobform.yaml", files.get("jobform.yaml") + "\nignore:\n  - { path: /timeout_seconds, jobs: [sales-load], reason: on-call tunes it }\n");
    const { ws, ids } = deployed(files);
    edit(ws, ids.get("sales-load") as string, (s) => {
      s.timeout_seconds = 60;
      s.max_concurrent_runs = 4;
    });
    const { outcome, files: after } = pull(files, readLiveJobs(ws));
    expect(outcome.edits.map((e) => e.pointer)).toEqual(["/max_concurrent_runs"]);
    expect(after.get("jobs/sales-load.yaml")).toContain("timeout_seconds: 7200\n");
  });

  it("writes a change of a defaults: value as the job's own value, with a note, and leaves defaults: alone", () => {
    const files = sample();
    const { ws, ids } = deployed(files);
    edit(ws, ids.get("sales-load") as string, (s) => {
      s.tags = { ...(s.tags as Obj), "cost-center": "finance" };
    });
    const { outcome, files: after } = pull(files, readLiveJobs(ws));
    expect(outcome.edits.map((e) => [e.file, e.pointer, e.routed_to, e.note !== undefined])).toEqual([["jobs/sales-load.yaml", "/tags/cost-center", "job file", true]]);
    expect(after.get("jobs/sales-load.yaml")).toContain("tags: { team: sales, cost-center: finance }\n");
    expect(after.get("jobform.yaml")).toBe(files.get("jobform.yaml"));
    expect(changeLines(planOf(after, readLiveJobs(ws), "dev"))).toEqual([]);
  });

  it("adopts a prod-only schedule change into prod's override: the job file's PAUSED and dev's resolution stay", () => {
    const files = sample();
    const { ws, ids } = deployed(files, "prod");
    edit(ws, ids.get("sales-load") as string, (s) => void ((s.schedule as Obj).quartz_cron_expression = "0 0 7 * * ?"));
    const { outcome, files: after } = pull(files, readLiveJobs(ws), "prod");
    expect(outcome.edits.map((e) => [e.file, e.pointer, e.routed_to])).toEqual([["jobform.yaml", "/schedule/quartz_cron_expression", "target override"]]);
    expect(after.get("jobs/sales-load.yaml")).toBe(files.get("jobs/sales-load.yaml"));
    expect(after.get("jobform.yaml")).toContain('        schedule: { pause_status: UNPAUSED, quartz_cron_expression: 0 0 7 * * ? }\n');
    expect(check(after, "dev").resolved.jobs.map((j) => j.document)).toEqual(check(files, "dev").resolved.jobs.map((j) => j.document));
    expect(changeLines(planOf(after, readLiveJobs(ws), "prod"))).toEqual([]);
  });

  it("in development mode leaves the name, pause state and tag the mode sets, and pulls the rest", () => {
    const files = sample();
    files.set("jobform.yaml", files.get("jobform.yaml")!.replace("    default: true\n", "    default: true\n    mode: development\n"));
    const { ws, ids } = deployed(files);
    edit(ws, ids.get("sales-load") as string, (s) => {
      s.name = "[dev me] Sales load (renamed)";
      s.timeout_seconds = 600;
      s.tags = { ...(s.tags as Obj), extra: "yes" };
    });
    const { outcome, files: after } = pull(files, readLiveJobs(ws));
    expect(outcome.edits.map((e) => e.pointer).sort()).toEqual(["/tags/extra", "/timeout_seconds"]);
    expect(outcome.left.map((l) => [l.pointer, l.reason.includes("development mode")])).toEqual([["/name", true]]);
    expect(after.get("jobs/sales-load.yaml")).toContain("name: Sales load\n");
  });

  it("removes a task the workspace dropped from the job file and from this target's override of it", () => {
    const files = sample();
    withQualityOverride(files);
    const { ws, ids } = deployed(files, "prod");
    dropQuality(ws, ids.get("sales-load") as string);
    const { outcome, files: after } = pull(files, readLiveJobs(ws), "prod");
    expect(outcome.unsettled).toEqual([]);
    expect(after.get("jobform.yaml")).not.toContain("task_key: quality");
    expect(after.get("jobs/sales-load.yaml")).not.toContain("task_key: quality");
    expect(changeLines(planOf(after, readLiveJobs(ws), "prod"))).toEqual([]);
  });

  it("adds an argument to a command line that holds a template, which stays a template", () => {
    const files = sample();
    const { ws, ids } = deployed(files);
    edit(ws, ids.get("orders-stream") as string, (s) => {
      const consume = tasksOf(s)[0] as Obj;
      consume.spark_python_task = { ...(consume.spark_python_task as Obj), parameters: ["--catalog", "dev", "--verbose"] };
    });
    const { outcome, files: after } = pull(files, readLiveJobs(ws));
    expect(outcome.left).toEqual([]);
    expect(after.get("jobs/orders-stream.yaml")).toBe(files.get("jobs/orders-stream.yaml")!.replace('parameters: ["--catalog", "${var.catalog}"]', 'parameters: ["--catalog", "${var.catalog}", "--verbose"]'));
  });

  it("warns when the edits for one target leave another target's override naming a task that is gone", () => {
    const files = sample();
    withQualityOverride(files);
    const { ws, ids } = deployed(files, "dev");
    dropQuality(ws, ids.get("sales-load") as string);
    const { outcome } = pull(files, readLiveJobs(ws), "dev");
    expect(outcome.unsettled).toEqual([]);
    expect(outcome.otherTargets.map((o) => o.target)).toEqual(["prod"]);
    expect(outcome.otherTargets[0]?.errors.length).toBeGreaterThan(0);
    expect(outcome.otherTargets[0]?.errors.every((d) => d.file === "jobs/sales-load.yaml" || d.file === "jobform.yaml")).toBe(true);
  });

  it("never pulls an unmanaged job, and --job limits the jobs it edits", () => {
    const files = sample();
    const { ws, ids } = deployed(files);
    ok(call(ws, "POST", "/api/2.2/jobs/create", { name: "Sales load", tasks: [{ task_key: "x", notebook_task: { notebook_path: "/x" } }] }));
    edit(ws, ids.get("sales-load") as string, (s) => void (s.max_concurrent_runs = 3));
    edit(ws, ids.get("orders-stream") as string, (s) => void (s.max_concurrent_runs = 3));
    const { outcome } = pull(files, readLiveJobs(ws), undefined, ["orders-stream"]);
    expect(outcome.edits.map((e) => `${e.key} ${e.pointer}`)).toEqual(["orders-stream /max_concurrent_runs"]);
    expect(outcome.files.map((f) => f.file)).toEqual(["jobs/orders-stream.yaml"]);
  });
});
