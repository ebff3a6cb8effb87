import { describe, expect, it } from "vitest";
import { call, createJob, nb, ok, workspace } from "./helpers.js";
import { useManualClock, type ManualClock } from "../../src/emulator/runs/clock.js";
import type { Workspace } from "../../src/emulator/state.js";
import type { EmulatorOptions } from "../../src/emulator/options.js";

type J = Record<string, unknown>;
const D = 1000;

function setup(opts: EmulatorOptions = {}): { ws: Workspace; clock: ManualClock } {
  const ws = workspace({ runDurationMs: D, ...opts });
  return { ws, clock: useManualClock(ws) };
}
const runNow = (ws: Workspace, body: J) => ok<{ run_id: number; number_in_job: number }>(call(ws, "POST", "/api/2.2/jobs/run-now", body)).run_id;
const submit = (ws: Workspace, body: J) => ok<{ run_id: number }>(call(ws, "POST", "/api/2.2/jobs/runs/submit", body)).run_id;
const get = (ws: Workspace, id: unknown, q = "") => ok<J>(call(ws, "GET", `/api/2.2/jobs/runs/get?run_id=${String(id)}${q}`));
const state = (r: J) => r.state as J;
const tasks = (r: J) => (r.tasks ?? []) as J[];
const byKey = (r: J) => Object.fromEntries(tasks(r).map((t) => [t.task_key, state(t).result_state ?? state(t).life_cycle_state]));
const output = (ws: Workspace, id: unknown) => call(ws, "GET", `/api/2.2/jobs/runs/get-output?run_id=${String(id)}`);

describe("run life cycle", () => {
  it("moves a multi-task run through PENDING, RUNNING, TERMINATING to TERMINATED/SUCCESS honouring depends_on", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { name: "etl", tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })] });
    const id = runNow(ws, { job_id: job });
    let r = get(ws, id);
    expect(state(r)).toMatchObject({ life_cycle_state: "PENDING" });
    expect(tasks(r).map((t) => state(t).life_cycle_state)).toEqual(["PENDING", "BLOCKED"]);
    expect(r.number_in_job).toBe(id);
    expect(r.run_type).toBe("JOB_RUN");
    expect(r.run_page_url).toMatch(new RegExp(`/\\?o=\\d+#job/${job}/run/${id}$`));
    clock.advance(500);
    r = get(ws, id);
    expect(state(r).life_cycle_state).toBe("RUNNING");
    expect(r.status).toEqual({ state: "RUNNING" });
    clock.advance(1000);
    r = get(ws, id);
    expect(tasks(r).map((t) => state(t).life_cycle_state)).toEqual(["TERMINATED", "RUNNING"]);
    const b = tasks(r)[1] as J;
    expect(b.start_time).toBe((tasks(r)[0] as J).end_time);
    clock.advance(450);
    expect(state(get(ws, id)).life_cycle_state).toBe("TERMINATING");
    clock.advance(100);
    r = get(ws, id);
    expect(state(r)).toEqual({ life_cycle_state: "TERMINATED", result_state: "SUCCESS", state_message: "", user_cancelled_or_timedout: false });
    expect(r.status).toEqual({ state: "TERMINATED", termination_details: { code: "SUCCESS", type: "SUCCESS", message: "" } });
    expect(r.run_duration).toBe(2 * D);
    const first = tasks(r)[0] as J;
    expect([first.setup_duration, first.execution_duration, first.cleanup_duration]).toEqual([100, 800, 100]);
    expect(first.run_id).not.toBe(id);
  });

  it("ids above 2^53 stay exact", () => {
    const { ws, clock } = setup({ idStart: "9007199254740993" });
    const job = createJob(ws, { tasks: [nb("a")] });
    expect(job).toBe("9007199254740993");
    const id = runNow(ws, { job_id: BigInt(job) }) as unknown as bigint;
    expect(typeof id).toBe("bigint");
    expect(id.toString()).toBe("9007199254740994");
    clock.advance(D);
    const r = get(ws, id);
    expect((r.job_id as bigint).toString()).toBe(job);
    expect(((tasks(r)[0] as J).run_id as bigint).toString()).toBe("9007199254740995");
  });
});

describe("run_if and conditions", () => {
  const RUN_IFS: Array<[string, string]> = [
    ["ALL_SUCCESS", "UPSTREAM_FAILED"],
    ["AT_LEAST_ONE_SUCCESS", "SUCCESS"],
    ["NONE_FAILED", "UPSTREAM_FAILED"],
    ["ALL_DONE", "SUCCESS"],
    ["AT_LEAST_ONE_FAILED", "SUCCESS"],
    ["ALL_FAILED", "EXCLUDED"],
  ];
  it.each(RUN_IFS)("%s with one failed and one successful upstream ends %s", (runIf, expected) => {
    const { ws, clock } = setup({ runOutcomes: ["/Shared/bad=FAILED"] });
    const job = createJob(ws, { tasks: [nb("good"), nb("bad"), nb("after", { run_if: runIf, depends_on: [{ task_key: "good" }, { task_key: "bad" }] })] });
    const id = runNow(ws, { job_id: job });
    clock.advance(10 * D);
    expect(byKey(get(ws, id)).after).toBe(expected);
  });

  it("evaluates condition tasks (string and numeric) and excludes the branch whose outcome does not match", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, {
      parameters: [{ name: "env", default: "prod" }, { name: "n", default: "10" }],
      tasks: [
        { task_key: "is_prod", condition_task: { op: "EQUAL_TO", left: "{{job.parameters.env}}", right: "prod" } },
        { task_key: "big", condition_task: { op: "GREATER_THAN", left: "{{job.parameters.n}}", right: "9.5" } },
        nb("deploy", { depends_on: [{ task_key: "is_prod", outcome: "true" }] }),
        nb("skip", { depends_on: [{ task_key: "is_prod", outcome: "false" }] }),
        nb("after_skip", { depends_on: [{ task_key: "skip" }] }),
        nb("huge", { depends_on: [{ task_key: "big", outcome: "true" }] }),
      ],
    });
    const id = runNow(ws, { job_id: job });
    clock.advance(10 * D);
    let r = get(ws, id);
    expect(byKey(r)).toMatchObject({ is_prod: "SUCCESS", deploy: "SUCCESS", skip: "EXCLUDED", after_skip: "EXCLUDED", huge: "SUCCESS" });
    expect((tasks(r).find((t) => t.task_key === "is_prod")?.condition_task as J).outcome).toBe("true");
    expect(state(r).result_state).toBe("SUCCESS");
    const id2 = runNow(ws, { job_id: job, job_parameters: { env: "dev", n: "9" } });
    clock.advance(10 * D);
    r = get(ws, id2);
    expect(byKey(r)).toMatchObject({ deploy: "EXCLUDED", skip: "SUCCESS", huge: "EXCLUDED" });
    expect(r.job_parameters).toEqual([{ name: "env", default: "prod", value: "dev" }, { name: "n", default: "10", value: "9" }]);
  });

  it("disabled tasks end DISABLED without running", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { tasks: [nb("a", { disabled: true })] });
    const id = runNow(ws, { job_id: job });
    clock.advance(1);
    expect(byKey(get(ws, id)).a).toBe("DISABLED");
  });
});

describe("for_each, run_job, retries and timeouts", () => {
  it("runs one iteration per input with the given concurrency", () => {
    const { ws, clock } = setup({ runOutcomes: ["/Shared/item-b=FAILED"] });
    const job = createJob(ws, { tasks: [{ task_key: "loop", for_each_task: { inputs: '["a","b","c"]', concurrency: 2, task: nb("item", { notebook_task: { notebook_path: "/Shared/item-{{input}}" } }) } }] });
    const id = runNow(ws, { job_id: job });
    clock.advance(1);
    const loopId = (tasks(get(ws, id))[0] as J).run_id;
    let loop = get(ws, loopId);
    // Two slots: the third iteration has not started yet.
    expect((loop.iterations as J[]).map((i) => i.start_time !== 0)).toEqual([true, true, false]);
    clock.advance(10 * D);
    loop = get(ws, loopId);
    const its = loop.iterations as J[];
    expect(its.map((i) => (i.notebook_task as J).notebook_path)).toEqual(["/Shared/item-a", "/Shared/item-b", "/Shared/item-c"]);
    expect(its[2]?.start_time).toBe(its[0]?.end_time);
    expect((loop.for_each_task as J).stats).toEqual({ task_run_stats: { total_iterations: 3, scheduled_iterations: 3, active_iterations: 0, completed_iterations: 3, succeeded_iterations: 2, failed_iterations: 1 } });
    expect(state(get(ws, id))).toMatchObject({ life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED" });
  });

  it("a run_job task starts a real child run whose result rolls up", () => {
    const { ws, clock } = setup({ runOutcomes: ["/Shared/child=FAILED"] });
    const child = createJob(ws, { name: "child", tasks: [nb("child")] });
    const parent = createJob(ws, { name: "parent", tasks: [{ task_key: "call", run_job_task: { job_id: Number(child), job_parameters: { x: "1" } } }] });
    const id = runNow(ws, { job_id: parent });
    clock.advance(1);
    const callRun = tasks(get(ws, id))[0] as J;
    const listed = ok<J>(call(ws, "GET", `/api/2.2/jobs/runs/list?job_id=${child}`)).runs as J[];
    expect(listed).toHaveLength(1);
    const childRun = listed[0] as J;
    expect(childRun).toMatchObject({ run_type: "JOB_RUN", trigger: "RUN_JOB_TASK", trigger_info: { run_id: id } });
    clock.advance(5 * D);
    expect(ok<J>(output(ws, callRun.run_id)).run_job_output).toEqual({ run_id: childRun.run_id });
    expect(state(get(ws, childRun.run_id))).toMatchObject({ life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED" });
    expect(byKey(get(ws, id)).call).toBe("FAILED");
  });

  it("retries a failed task as a new task run with attempt_number + 1 after min_retry_interval_millis", () => {
    const { ws, clock } = setup({ runOutcomes: ["a=FAILED"] });
    const job = createJob(ws, { tasks: [nb("a", { max_retries: 2, min_retry_interval_millis: 500 })] });
    const id = runNow(ws, { job_id: job });
    clock.advance(D);
    expect(tasks(get(ws, id)).map((t) => t.attempt_number)).toEqual([0, 1]);
    expect(state(tasks(get(ws, id))[1] as J).life_cycle_state).toBe("WAITING_FOR_RETRY");
    clock.advance(10 * D);
    const r = get(ws, id);
    const attempts = tasks(r);
    expect(attempts.map((t) => t.attempt_number)).toEqual([0, 1, 2]);
    expect(new Set(attempts.map((t) => String(t.run_id))).size).toBe(3);
    expect(attempts[1]?.start_time).toBe((attempts[0]?.end_time as number) + 500);
    expect(state(r).result_state).toBe("FAILED");
  });

  it("task timeout_seconds ends the task TIMEDOUT; a run timeout cuts the whole run", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { tasks: [nb("slow", { timeout_seconds: 0.5 })] });
    const id = runNow(ws, { job_id: job });
    clock.advance(5 * D);
    const r = get(ws, id);
    expect(state(tasks(r)[0] as J)).toMatchObject({ result_state: "TIMEDOUT", user_cancelled_or_timedout: true });
    expect(state(r)).toMatchObject({ life_cycle_state: "TERMINATED", result_state: "TIMEDOUT" });
    const job2 = createJob(ws, { timeout_seconds: 1.5, tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })] });
    const id2 = runNow(ws, { job_id: job2 });
    clock.advance(5 * D);
    const r2 = get(ws, id2);
    expect(state(r2)).toMatchObject({ result_state: "TIMEDOUT", user_cancelled_or_timedout: true });
    expect(byKey(r2)).toEqual({ a: "SUCCESS", b: "TIMEDOUT" });
  });
});

describe("failures and output", () => {
  it("rolls a failed task up into INTERNAL_ERROR/FAILED and get-output reports error and error_trace", () => {
    const { ws, clock } = setup({ runOutcomes: ["/Shared/b*=FAILED"] });
    const job = createJob(ws, { tasks: [nb("a"), nb("b")] });
    const id = runNow(ws, { job_id: job });
    clock.advance(2 * D);
    const r = get(ws, id);
    expect(state(r)).toMatchObject({ life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED", state_message: "Task b failed with message: Workload failed, see run output for details." });
    expect((r.status as J).termination_details).toMatchObject({ code: "RUN_EXECUTION_ERROR", type: "CLIENT_ERROR" });
    const b = tasks(r).find((t) => t.task_key === "b") as J;
    expect(state(b)).toMatchObject({ life_cycle_state: "TERMINATED", result_state: "FAILED", state_message: "Workload failed, see run output for details" });
    const out = ok<J>(output(ws, b.run_id));
    expect(out.error).toContain("/Shared/b");
    expect(out.error_trace).toContain("Traceback");
    expect((out.metadata as J).run_id).toBe(b.run_id);
    const a = tasks(r).find((t) => t.task_key === "a") as J;
    expect(ok<J>(output(ws, a.run_id)).notebook_output).toEqual({});
  });

  it("refuses get-output on a multi-task parent run with the real 400", () => {
    const { ws } = setup();
    const id = submit(ws, { tasks: [nb("a"), nb("b")] });
    expect(output(ws, id)).toEqual({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: "Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead." },
    });
    expect(call(ws, "GET", "/api/2.2/jobs/runs/get?run_id=999999").body).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Run 999999 does not exist." });
  });

  it("--check-paths fails a task whose notebook is missing with RESOURCE_DOES_NOT_EXIST, and returns the exit value of one that exists", () => {
    const { ws, clock } = setup({ checkPaths: true });
    const src = Buffer.from('# Databricks notebook source\ndbutils.notebook.exit("done")\n').toString("base64");
    ok(call(ws, "POST", "/api/2.0/workspace/import", { path: "/Shared/here", format: "SOURCE", language: "PYTHON", content: src }));
    const id = submit(ws, { tasks: [nb("here"), nb("gone")] });
    clock.advance(2 * D);
    const r = get(ws, id);
    const gone = tasks(r).find((t) => t.task_key === "gone") as J;
    expect(state(gone).life_cycle_state).toBe("INTERNAL_ERROR");
    expect(state(gone).state_message).toMatch(/^RESOURCE_DOES_NOT_EXIST: .*\/Shared\/gone/);
    expect(state(r).state_message).toContain("RESOURCE_DOES_NOT_EXIST");
    expect(ok<J>(output(ws, gone.run_id)).error).toContain("RESOURCE_DOES_NOT_EXIST");
    const here = tasks(r).find((t) => t.task_key === "here") as J;
    expect(ok<J>(output(ws, here.run_id)).notebook_output).toEqual({ result: "done", truncated: false });
  });
});
