import { describe, expect, it } from "vitest";
import type { BaseJob, Run } from "../../src/databricks/index.js";
import { ownershipOf } from "../../src/core/ownership.js";
import { matchesStatic, matchesStatus, renderJobsTable, summarizeJob, triggerKind } from "../../src/runs/jobs-table.js";
import { renderOutputs, taskOutput } from "../../src/runs/output-view.js";
import { renderRunsTable, summarizeRun } from "../../src/runs/runs-table.js";
import { progressLines } from "../../src/runs/task-progress.js";
import { renderTable } from "../../src/render/text-table.js";
import { formatTimestamp } from "../../src/runs/timestamps.js";

const T0 = Date.UTC(2024, 4, 1, 6, 0, 3);

describe("renderTable", () => {
  it("aligns columns two spaces apart, right-aligns numbers, leaves no trailing space", () => {
    expect(renderTable([{ header: "A" }, { header: "N", align: "right" }, { header: "LAST" }], [["xyz", "5", ""], ["q", "100", "end"]])).toEqual(["A      N  LAST", "xyz    5", "q    100  end"]);
  });
});

describe("formatTimestamp", () => {
  it("UTC with Z; absent or 0 is a dash", () => {
    expect(formatTimestamp(T0)).toBe("2024-05-01 06:00:03Z");
    expect(formatTimestamp(0)).toBe("-");
    expect(formatTimestamp(undefined)).toBe("-");
  });
});

describe("runs table", () => {
  it("one row per run; a running run's duration is measured to now; ids beyond 2^53 are exact", () => {
    const big = 2n ** 60n + 1n;
    const runs: Run[] = [
      { run_id: big, job_id: 3, run_name: "Sales load", state: { life_cycle_state: "RUNNING" }, start_time: T0, trigger: "ONE_TIME" },
      { run_id: 5, job_id: 3, run_name: "Sales load", state: { life_cycle_state: "TERMINATED", result_state: "FAILED" }, start_time: T0 - 600_000, end_time: T0 - 480_000, trigger: "PERIODIC" },
    ];
    const rows = runs.map((r) => summarizeRun(r, T0 + 65_000));
    expect(rows[0]).toMatchObject({ run_id: big, duration_ms: 65_000, phase: "running" });
    expect(renderRunsTable(rows)).toEqual([
      "RUN ID               JOB         STATUS   START                 DURATION  TRIGGER",
      "1152921504606846977  Sales load  Running  2024-05-01 06:00:03Z     1m05s  ONE_TIME",
      "5                    Sales load  Failed   2024-05-01 05:50:03Z     2m00s  PERIODIC",
    ]);
    expect(renderRunsTable([])).toEqual(["no runs"]);
  });
});

describe("jobs table", () => {
  it("ownership is by tags: ours, another project's, or nobody's", () => {
    expect(ownershipOf({ jobform_project: "acme", jobform_key: "sales" }, "acme")).toEqual({ kind: "managed", key: "sales" });
    expect(ownershipOf({ jobform_project: "fin", jobform_key: "sales" }, "acme")).toEqual({ kind: "other-project", project: "fin", key: "sales" });
    expect(ownershipOf({ jobform_project: "acme" }, "acme")).toEqual({ kind: "unmanaged" });
    expect(ownershipOf({ jobform_project: "acme", jobform_key: "sales" }, undefined)).toMatchObject({ kind: "other-project" });
  });
  it("trigger kinds, paused or not", () => {
    expect(triggerKind({})).toBe("manual");
    expect(triggerKind({ schedule: { quartz_cron_expression: "0 0 6 * * ?", pause_status: "PAUSED" } })).toBe("cron 0 0 6 * * ? (paused)");
    expect(triggerKind({ trigger: { file_arrival: { url: "x" } } })).toBe("file arrival");
    expect(triggerKind({ trigger: { table_update: {} }, schedule: {} })).toBe("table update");
    expect(triggerKind({ continuous: { pause_status: "UNPAUSED" } })).toBe("continuous");
  });
  const job: BaseJob = { job_id: 4, creator_user_name: "Alice@contoso.com", settings: { name: "Sales load", tags: { team: "sales", jobform_project: "acme", jobform_key: "sales" }, tasks: [{ task_key: "a" }, { task_key: "b" }] } };
  const last: Run = { run_id: 9, state: { life_cycle_state: "TERMINATED", result_state: "TIMEDOUT" }, start_time: T0 };
  it("a summary hides the ownership tags among the user's tags and says 100+ when the task list was cut", () => {
    const s = summarizeJob(job, "acme", last);
    expect(s).toEqual({ job_id: 4, name: "Sales load", task_count: 2, trigger: "manual", creator: "Alice@contoso.com", tags: { team: "sales" }, ownership: { kind: "managed", key: "sales" }, last_run: { run_id: 9, state: "TIMEDOUT", status: "Timed out", phase: "failed", start_time: T0 } });
    expect(renderJobsTable([summarizeJob({ ...job, has_more: true }, "acme", undefined)], { wide: true })[1]).toBe("4       Sales load   100+  -         never run  manual   Alice@contoso.com  managed: sales  team=sales");
  });
  it("fits 120 columns by default, cutting long names with …; --wide shows creator and tags uncut", () => {
    const long = summarizeJob({ ...job, job_id: 1234567890123456, settings: { ...job.settings, name: "Nightly reconciliation of every regional sales ledger against the warehouse", schedule: { quartz_cron_expression: "0 15 2 ? * MON-FRI", pause_status: "PAUSED" } } }, "acme", last);
    const narrow = renderJobsTable([long, summarizeJob(job, "acme", undefined)]);
    expect(Math.max(...narrow.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(narrow[0]).toMatch(/^JOB ID\s+NAME\s+TASKS\s+LAST RUN\s+STATUS\s+TRIGGER\s+OWNERSHIP$/);
    expect(narrow[1]).toContain("…");
    expect(narrow[1]).toContain("Nightly reconcilia");
    const wide = renderJobsTable([long], { wide: true });
    expect(wide[0]).toContain("CREATOR");
    expect(wide[1]).toContain("Nightly reconciliation of every regional sales ledger against the warehouse");
    expect(wide[1]).toContain("team=sales");
  });
  it("filters: tags (k=v or k), owner case-insensitively, search in name/id/key, status by word or raw state", () => {
    const f = (o: Partial<Parameters<typeof matchesStatic>[1]>) => matchesStatic(job, { tags: [], ...o });
    expect(f({ tags: ["team=sales"] })).toBe(true);
    expect(f({ tags: ["team=fin"] })).toBe(false);
    expect(f({ tags: ["team", "jobform_key=sales"] })).toBe(true);
    expect(f({ tags: ["cost"] })).toBe(false);
    expect(f({ owner: "alice@CONTOSO.com" })).toBe(true);
    expect(f({ owner: "bob" })).toBe(false);
    expect(f({ search: "LOAD" })).toBe(true);
    expect(f({ search: "sal" })).toBe(true);
    expect(f({ search: "orders" })).toBe(false);
    const s = summarizeJob(job, "acme", last);
    expect(matchesStatus(s, "failed")).toBe(true);
    expect(matchesStatus(s, "timedout")).toBe(true);
    expect(matchesStatus(s, "success")).toBe(false);
    expect(matchesStatus(s, "never")).toBe(false);
    expect(matchesStatus(summarizeJob(job, "acme", undefined), "never")).toBe(true);
  });
});

describe("progressLines", () => {
  it("prints only what changed, per task run (a retry is its own line), with the failure message", () => {
    const seen = new Map<string, string>();
    const run = (tasks: Run["tasks"], life = "RUNNING"): Run => ({ run_id: 1, state: { life_cycle_state: life }, tasks });
    expect(progressLines(run([{ task_key: "a", run_id: 2, state: { life_cycle_state: "PENDING" } }], "PENDING"), seen)).toEqual(["run Pending", "task a Pending"]);
    expect(progressLines(run([{ task_key: "a", run_id: 2, state: { life_cycle_state: "PENDING" } }], "PENDING"), seen)).toEqual([]);
    expect(
      progressLines(
        run([
          { task_key: "a", run_id: 2, state: { life_cycle_state: "TERMINATED", result_state: "FAILED", state_message: "boom\n  at x" } },
          { task_key: "a", run_id: 3, attempt_number: 1, state: { life_cycle_state: "RUNNING" } },
        ]),
        seen,
      ),
    ).toEqual(["run Running", "task a Failed: boom at x", "task a (retry 1) Running"]);
  });
});

describe("renderOutputs", () => {
  it("result, error, indented trace and logs per task; a task with nothing says so", () => {
    const a = taskOutput({ task_key: "ingest", run_id: 8, attempt: 0, state: "SUCCESS", status: "Succeeded" }, { notebook_output: { result: "42 rows", truncated: true } });
    const b = taskOutput({ task_key: "stats", run_id: 9, attempt: 1, state: "FAILED", status: "Failed" }, { error: "ZeroDivisionError", error_trace: "Traceback\n  line 1\n", logs: "hello" });
    const c = taskOutput({ task_key: "noop", run_id: 10, attempt: 0, state: "SUCCESS", status: "Succeeded" }, {});
    expect(renderOutputs([a, b, c])).toEqual([
      "== task ingest (run 8): Succeeded",
      "  result (truncated): 42 rows",
      "== task stats (run 9, retry 1): Failed",
      "  error: ZeroDivisionError",
      "  trace:",
      "    Traceback",
      "      line 1",
      "  logs:",
      "    hello",
      "== task noop (run 10): Succeeded",
      "  (no output: the task returned no value and wrote no logs the API keeps)",
    ]);
  });
});
