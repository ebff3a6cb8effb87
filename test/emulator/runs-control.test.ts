import { describe, expect, it } from "vitest";
import { call, createJob, nb, ok, workspace } from "./helpers.js";
import { issueToken } from "../../src/emulator/auth.js";
import { useManualClock, type ManualClock } from "../../src/emulator/runs/clock.js";
import type { Workspace } from "../../src/emulator/state.js";
import type { EmulatorOptions } from "../../src/emulator/options.js";

type J = Record<string, unknown>;
const D = 1000;

function setup(opts: EmulatorOptions = {}): { ws: Workspace; clock: ManualClock } {
  const ws = workspace({ runDurationMs: D, ...opts });
  return { ws, clock: useManualClock(ws) };
}
const post = (ws: Workspace, path: string, body: J) => call(ws, "POST", `/api/2.2/jobs/${path}`, body);
const runNow = (ws: Workspace, body: J) => ok<{ run_id: number }>(post(ws, "run-now", body)).run_id;
const get = (ws: Workspace, id: unknown, q = "") => ok<J>(call(ws, "GET", `/api/2.2/jobs/runs/get?run_id=${String(id)}${q}`));
const state = (r: J) => r.state as J;
const life = (ws: Workspace, id: unknown) => state(get(ws, id)).life_cycle_state;
const list = (ws: Workspace, q: string) => ok<J>(call(ws, "GET", `/api/2.2/jobs/runs/list?${q}`));
const ids = (body: J) => ((body.runs ?? []) as J[]).map((r) => r.run_id);

describe("idempotency tokens", () => {
  it("same token ⇒ same run for run-now and submit; more than 64 characters is rejected", () => {
    const { ws } = setup();
    const job = createJob(ws, { tasks: [nb("a")] });
    const a = runNow(ws, { job_id: job, idempotency_token: "tok-1" });
    expect(runNow(ws, { job_id: job, idempotency_token: "tok-1" })).toBe(a);
    expect(runNow(ws, { job_id: job, idempotency_token: "tok-2" })).not.toBe(a);
    const s = ok<J>(post(ws, "runs/submit", { tasks: [nb("x")], idempotency_token: "tok-1" })).run_id;
    expect(s).not.toBe(a);
    expect(ok<J>(post(ws, "runs/submit", { tasks: [nb("y")], idempotency_token: "tok-1" })).run_id).toBe(s);
    expect(post(ws, "run-now", { job_id: job, idempotency_token: "x".repeat(65) })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(post(ws, "runs/submit", { tasks: [nb("x")], idempotency_token: "x".repeat(65) }).status).toBe(400);
    expect(runNow(ws, { job_id: job, idempotency_token: "x".repeat(64) })).toBeDefined();
  });
});

describe("max_concurrent_runs and queue", () => {
  it("queues a run while the limit is reached when queueing is on", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { tasks: [nb("a")], max_concurrent_runs: 1, queue: { enabled: true } });
    const first = runNow(ws, { job_id: job });
    const second = runNow(ws, { job_id: job });
    const r = get(ws, second);
    expect(state(r).life_cycle_state).toBe("QUEUED");
    expect(r.status).toMatchObject({ state: "QUEUED", queue_details: { code: "MAX_CONCURRENT_RUNS_REACHED" } });
    clock.advance(D);
    expect(life(ws, first)).toBe("TERMINATED");
    expect(life(ws, second)).toBe("PENDING");
    clock.advance(D);
    expect(get(ws, second)).toMatchObject({ state: { result_state: "SUCCESS" }, queue_duration: D });
  });

  it("skips the run when queueing is off, and always when max_concurrent_runs is 0", () => {
    const { ws } = setup();
    const job = createJob(ws, { tasks: [nb("a")], queue: { enabled: false } });
    runNow(ws, { job_id: job });
    const skipped = get(ws, runNow(ws, { job_id: job }));
    expect(state(skipped)).toMatchObject({ life_cycle_state: "SKIPPED", result_state: "MAXIMUM_CONCURRENT_RUNS_REACHED" });
    expect(skipped.status).toMatchObject({ state: "TERMINATED", termination_details: { code: "MAX_CONCURRENT_RUNS_EXCEEDED" } });
    const zero = createJob(ws, { tasks: [nb("a")], max_concurrent_runs: 0 });
    expect(life(ws, runNow(ws, { job_id: zero }))).toBe("SKIPPED");
  });
});

describe("cancel", () => {
  it("runs/cancel goes through TERMINATING to TERMINATED/CANCELED and the queued run moves up", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })], queue: { enabled: true } });
    const first = runNow(ws, { job_id: job });
    const second = runNow(ws, { job_id: job });
    clock.advance(300);
    ok(post(ws, "runs/cancel", { run_id: first }));
    expect(life(ws, first)).toBe("TERMINATING");
    clock.advance(100);
    const r = get(ws, first);
    expect(state(r)).toMatchObject({ life_cycle_state: "TERMINATED", result_state: "CANCELED", user_cancelled_or_timedout: true });
    expect((r.status as J).termination_details).toMatchObject({ code: "USER_CANCELED" });
    expect((r.tasks as J[]).map((t) => state(t).result_state)).toEqual(["CANCELED", "UPSTREAM_CANCELED"]);
    expect(life(ws, second)).toBe("PENDING");
    ok(post(ws, "runs/cancel", { run_id: first }));
    expect(state(get(ws, first)).result_state).toBe("CANCELED");
  });

  it("cancel-all cancels a job's active runs, or only queued ones with all_queued_runs", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { tasks: [nb("a")], queue: { enabled: true } });
    const running = runNow(ws, { job_id: job });
    const queued = runNow(ws, { job_id: job });
    ok(post(ws, "runs/cancel-all", { all_queued_runs: true }));
    clock.advance(1);
    expect(state(get(ws, queued)).result_state).toBe("CANCELED");
    expect(life(ws, running)).toBe("PENDING");
    ok(post(ws, "runs/cancel-all", { job_id: job }));
    clock.advance(D);
    expect(state(get(ws, running)).result_state).toBe("CANCELED");
    expect(post(ws, "runs/cancel-all", {}).status).toBe(400);
  });
});

describe("repair", () => {
  it("reruns failed tasks, requires latest_repair_id after the first repair, and reports repair_history", () => {
    const { ws, clock } = setup({ runOutcomes: ["/Shared/b=FAILED"] });
    const job = createJob(ws, { tasks: [nb("a"), nb("b"), nb("c", { depends_on: [{ task_key: "b" }] })] });
    const id = runNow(ws, { job_id: job });
    expect(post(ws, "runs/repair", { run_id: id, rerun_all_failed_tasks: true })).toMatchObject({ status: 400, body: { error_code: "INVALID_STATE" } });
    clock.advance(3 * D);
    expect(state(get(ws, id)).result_state).toBe("FAILED");
    ws.outcomes = [];
    const repair1 = ok<J>(post(ws, "runs/repair", { run_id: id, rerun_all_failed_tasks: true })).repair_id;
    expect(life(ws, id)).toBe("RUNNING");
    clock.advance(3 * D);
    let r = get(ws, id, "&include_history=true");
    expect(state(r).result_state).toBe("SUCCESS");
    const byKey = (r.tasks as J[]).map((t) => `${String(t.task_key)}:${String(state(t).result_state)}`);
    expect(byKey).toEqual(["a:SUCCESS", "b:FAILED", "c:UPSTREAM_FAILED", "b:SUCCESS", "c:SUCCESS"]);
    const history = r.repair_history as J[];
    expect(history.map((h) => h.type)).toEqual(["ORIGINAL", "REPAIR"]);
    expect(history[0]?.state).toMatchObject({ result_state: "FAILED" });
    expect(history[1]).toMatchObject({ id: repair1, state: { result_state: "SUCCESS" } });
    expect((history[1]?.task_run_ids as unknown[]).length).toBe(2);
    expect(post(ws, "runs/repair", { run_id: id, rerun_tasks: ["a"] })).toEqual({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message: "The latest repair ID needs to be provided" } });
    expect(post(ws, "runs/repair", { run_id: id, rerun_tasks: ["a"], latest_repair_id: 1 }).status).toBe(400);
    const repair2 = ok<J>(post(ws, "runs/repair", { run_id: id, rerun_tasks: ["a"], latest_repair_id: repair1 })).repair_id;
    clock.advance(2 * D);
    r = get(ws, id, "&include_history=true");
    expect((r.repair_history as J[]).map((h) => h.id)).toEqual([undefined, repair1, repair2]);
  });
});

describe("runs/list and runs/delete", () => {
  it("filters by job, activity, run type and start time, and pages most recent first", () => {
    const { ws, clock } = setup();
    const job = createJob(ws, { tasks: [nb("a")], max_concurrent_runs: 10 });
    const other = createJob(ws, { tasks: [nb("a")] });
    const runs: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      runs.push(runNow(ws, { job_id: job }));
      clock.advance(D);
    }
    const t0 = 1_700_000_000_000;
    const active = runNow(ws, { job_id: job });
    const sub = ok<J>(post(ws, "runs/submit", { tasks: [nb("s")] })).run_id;
    runNow(ws, { job_id: other });
    expect(ids(list(ws, `job_id=${job}&active_only=true`))).toEqual([active]);
    expect(ids(list(ws, `job_id=${job}&completed_only=true`))).toEqual([...runs].reverse());
    expect(ids(list(ws, "run_type=SUBMIT_RUN"))).toEqual([sub]);
    expect(ids(list(ws, `job_id=${job}&start_time_from=${t0 + D}&start_time_to=${t0 + 2 * D}`))).toEqual([runs[2], runs[1]]);
    const p1 = list(ws, `job_id=${job}&limit=4`);
    expect(p1.has_more).toBe(true);
    expect((p1.runs as J[])[0]?.tasks).toBeUndefined();
    const p2 = list(ws, `job_id=${job}&limit=4&page_token=${String(p1.next_page_token)}`);
    expect([...ids(p1), ...ids(p2)]).toEqual([active, ...[...runs].reverse()]);
    expect(p2.has_more).toBe(false);
    expect(((list(ws, `job_id=${job}&limit=1&expand_tasks=true`).runs as J[])[0]?.tasks as J[]).length).toBe(1);
    expect(call(ws, "GET", "/api/2.2/jobs/runs/list?limit=26").status).toBe(400);
    expect(call(ws, "GET", "/api/2.2/jobs/runs/list?active_only=true&completed_only=true").status).toBe(400);
    expect(post(ws, "runs/delete", { run_id: active })).toMatchObject({ status: 400 });
    ok(post(ws, "runs/delete", { run_id: runs[0] }));
    expect(call(ws, "GET", `/api/2.2/jobs/runs/get?run_id=${String(runs[0])}`).status).toBe(400);
  });

  it("2.2 pages a run's tasks at 100; 2.1 returns them all", () => {
    const { ws } = setup();
    const job = createJob(ws, { tasks: Array.from({ length: 150 }, (_, i) => nb(`t${String(i).padStart(3, "0")}`)) });
    const id = runNow(ws, { job_id: job });
    const p1 = get(ws, id);
    expect((p1.tasks as J[]).length).toBe(100);
    const p2 = get(ws, id, `&page_token=${String(p1.next_page_token)}`);
    expect((p2.tasks as J[]).length).toBe(50);
    expect(p2.next_page_token).toBeUndefined();
    expect((ok<J>(call(ws, "GET", `/api/2.1/jobs/runs/get?run_id=${String(id)}`)).tasks as J[]).length).toBe(150);
  });

  it("run-now needs CAN_MANAGE_RUN and `only` runs a subset of tasks", () => {
    const { ws } = setup({ principals: ["user:bob@example.com"] });
    const job = createJob(ws, { tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })] });
    const bob = issueToken(ws, { kind: "user", name: "bob@example.com" });
    expect(call(ws, "POST", "/api/2.2/jobs/run-now", { job_id: job }, bob)).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED" } });
    ok(call(ws, "PATCH", `/api/2.0/permissions/jobs/${job}`, { access_control_list: [{ user_name: "bob@example.com", permission_level: "CAN_MANAGE_RUN" }] }));
    expect(call(ws, "POST", "/api/2.2/jobs/run-now", { job_id: job }, bob).status).toBe(200);
    const id = runNow(ws, { job_id: job, only: ["b"] });
    expect((get(ws, id).tasks as J[]).map((t) => t.task_key)).toEqual(["b"]);
    expect(post(ws, "run-now", { job_id: job, only: ["zzz"] }).status).toBe(400);
  });
});
