import { describe, expect, it } from "vitest";
import type { Run } from "../../src/databricks/index.js";
import { buildRepair, latestRepairId } from "../../src/runs/repair-request.js";
import { buildRunNow } from "../../src/runs/run-now-request.js";

const settings = { parameters: [{ name: "run_date", default: "" }], tasks: [{ task_key: "ingest" }, { task_key: "publish" }] };
const base = { jobId: 2n ** 60n, key: "sales", settings, params: new Map<string, string>(), only: [] as string[], idempotencyToken: "tok" };

describe("buildRunNow", () => {
  it("sends the overrides, the task subset and the token; ids stay exact", () => {
    const r = buildRunNow({ ...base, params: new Map([["run_date", "2024-05-01"]]), only: ["+publish"] });
    expect(r.request).toEqual({ job_id: 2n ** 60n, idempotency_token: "tok", job_parameters: { run_date: "2024-05-01" }, only: ["+publish"] });
  });
  it("omits empty overrides", () => {
    expect(buildRunNow(base).request).toEqual({ job_id: 2n ** 60n, idempotency_token: "tok" });
  });
  it("names the known parameters and tasks, and says when the local file has one that is not deployed", () => {
    const r = buildRunNow({ ...base, params: new Map([["mode", "x"]]), only: ["clean"], localParameters: ["run_date", "mode"] });
    expect(r.errors).toEqual([
      '--param mode: job sales has no parameter "mode" (its parameters: run_date); jobs/sales.yaml has it but it is not deployed yet: run jobform apply',
      '--only clean: job sales has no task "clean" (its tasks: ingest, publish)',
    ]);
  });
  it("a job without parameters says none", () => {
    expect(buildRunNow({ ...base, settings: { tasks: [] }, params: new Map([["a", "1"]]) }).errors).toEqual(['--param a: job sales has no parameter "a" (its parameters: none)']);
  });
});

const failedRun = (history?: Run["repair_history"]): Run => ({
  run_id: 7,
  state: { life_cycle_state: "TERMINATED", result_state: "FAILED" },
  ...(history ? { repair_history: history } : {}),
  tasks: [
    { task_key: "ingest", run_id: 8, state: { life_cycle_state: "TERMINATED", result_state: "SUCCESS" } },
    { task_key: "stats", run_id: 9, state: { life_cycle_state: "TERMINATED", result_state: "FAILED" } },
  ],
});

describe("buildRepair", () => {
  it("first repair of all failed tasks: no latest_repair_id", () => {
    expect(buildRepair(failedRun(), { tasks: [], allFailed: true }).request).toEqual({ run_id: 7, rerun_all_failed_tasks: true });
  });
  it("after a repair, the newest repair's id is sent; --task reruns dependents too", () => {
    const run = failedRun([{ type: "ORIGINAL" }, { type: "REPAIR", id: 100 }, { type: "REPAIR", id: 2n ** 62n }]);
    expect(latestRepairId(run)).toBe(2n ** 62n);
    expect(buildRepair(run, { tasks: ["ingest", "ingest"], allFailed: false }).request).toEqual({ run_id: 7, rerun_tasks: ["ingest"], rerun_dependent_tasks: true, latest_repair_id: 2n ** 62n });
  });
  it("refuses unknown tasks, both or neither choice, and a run whose newest attempts all succeeded", () => {
    expect(buildRepair(failedRun(), { tasks: ["nope"], allFailed: false }).error).toBe("--task nope: not a task of run 7 (its tasks: ingest, stats)");
    expect(buildRepair(failedRun(), { tasks: ["ingest"], allFailed: true }).error).toMatch(/either --task or --all-failed/);
    expect(buildRepair(failedRun(), { tasks: [], allFailed: false }).error).toMatch(/--all-failed, or --task KEY/);
    const fixed = failedRun();
    fixed.tasks?.push({ task_key: "stats", run_id: 10, state: { life_cycle_state: "TERMINATED", result_state: "SUCCESS" } });
    expect(buildRepair(fixed, { tasks: [], allFailed: true }).error).toBe("run 7 has no failed task to repair");
  });
});
