// What runs/get, runs/list and get-output show: the planned run read against the clock. Legacy `state`
// and new `status` are derived from the same life cycle so they always agree.
import type { Json } from "../state.js";
import type { Ending, LifeCycle, RunRecord, TaskRun } from "./model.js";
import { rollup } from "./rollup.js";
import { idFromString } from "../../lib/json.js";

/** The workspace id in run page URLs (`/?o=<workspace-id>#job/<job>/run/<run>`, API-NOTES §13). */
export const WORKSPACE_ID = "4815162342108";

const TERMINAL = new Set<LifeCycle>(["TERMINATED", "SKIPPED", "INTERNAL_ERROR"]);
export const isTerminal = (life: LifeCycle) => TERMINAL.has(life);

export interface Phase {
  life: LifeCycle;
  ending?: Ending;
}

export function taskPhase(t: TaskRun, run: RunRecord, now: number): Phase {
  if (now < run.start) return { life: "QUEUED" };
  if (now >= t.end && now >= t.start) return { life: t.ending.life, ending: t.ending };
  if (now < t.start) return { life: t.attempt_number > 0 ? "WAITING_FOR_RETRY" : t.blocked ? "BLOCKED" : "PENDING" };
  if (now < t.start + t.setup) return { life: "PENDING" };
  if (now < t.start + t.setup + t.exec) return { life: "RUNNING" };
  return { life: "TERMINATING" };
}

export function runPhase(run: RunRecord, now: number): Phase {
  if (run.skipped) return { life: "SKIPPED", ending: run.skipped };
  if (now < run.start) return { life: "QUEUED" };
  if (now >= run.end) return { life: rollup(run).life, ending: rollup(run) };
  if (run.cancel && now >= run.cancel.at) return { life: "TERMINATING" };
  const lives = run.tasks.filter((t) => t.created <= now).map((t) => taskPhase(t, run, now).life);
  if (lives.length > 0 && lives.every((l) => l === "TERMINATING" || isTerminal(l))) return { life: "TERMINATING" };
  if (lives.some((l) => l === "RUNNING" || l === "TERMINATING" || isTerminal(l))) return { life: "RUNNING" };
  return { life: "PENDING" };
}

const V2_STATE: Partial<Record<LifeCycle, string>> = { WAITING_FOR_RETRY: "PENDING", SKIPPED: "TERMINATED", INTERNAL_ERROR: "TERMINATED" };

/** Legacy `state` and new `status` for one phase. */
export function stateFields(p: Phase, queued = false): { state: Json; status: Json } {
  const state: Json = { life_cycle_state: p.life, state_message: p.ending?.message ?? "", user_cancelled_or_timedout: p.ending?.byUser === true };
  const status: Json = { state: V2_STATE[p.life] ?? p.life };
  if (p.ending) {
    state.result_state = p.ending.result;
    status.termination_details = { code: p.ending.code, type: p.ending.type, message: p.ending.message };
  }
  if (queued && p.life === "QUEUED") {
    // wording ours.
    const message = "Queued: the job is already running the maximum number of concurrent runs.";
    state.queue_reason = message;
    status.queue_details = { code: "MAX_CONCURRENT_RUNS_REACHED", message };
  }
  return { state, status };
}

export const pageUrl = (host: string, jobId: string, runId: string) => `${host}/?o=${WORKSPACE_ID}#job/${jobId}/run/${runId}`;

function iterationStats(run: RunRecord, t: TaskRun, now: number): Json {
  const ids = new Set(t.iteration_ids ?? []);
  const its = run.iterations.filter((i) => ids.has(i.run_id) && i.created <= now);
  // Attempts of one iteration are stored in a row; the last attempt before the next attempt 0 counts.
  const finals = its.filter((_i, k) => (its[k + 1]?.attempt_number ?? 0) === 0);
  const ended = finals.filter((i) => isTerminal(taskPhase(i, run, now).life));
  const ok = ended.filter((i) => i.ending.result === "SUCCESS").length;
  return {
    total_iterations: finals.length,
    scheduled_iterations: finals.length,
    active_iterations: finals.length - ended.length,
    completed_iterations: ended.length,
    succeeded_iterations: ok,
    failed_iterations: ended.length - ok,
  };
}

export function renderTaskRun(run: RunRecord, t: TaskRun, now: number, host: string): Json {
  const p = taskPhase(t, run, now);
  const done = isTerminal(p.life);
  const started = now >= t.start && now >= run.start;
  const out: Json = { ...structuredClone(t.spec), run_id: idFromString(t.run_id), attempt_number: t.attempt_number, ...stateFields(p) };
  if (done && t.condition_outcome !== undefined && typeof out.condition_task === "object") out.condition_task = { ...(out.condition_task as Json), outcome: t.condition_outcome };
  if (t.iteration_ids && typeof out.for_each_task === "object") out.for_each_task = { ...(out.for_each_task as Json), stats: { task_run_stats: iterationStats(run, t, now) } };
  out.start_time = started ? t.start : 0;
  out.end_time = done ? t.end : 0;
  out.setup_duration = done ? t.setup : 0;
  out.execution_duration = done ? t.exec : 0;
  out.cleanup_duration = done ? t.cleanup : 0;
  out.run_duration = done ? t.end - t.start : 0;
  out.queue_duration = Math.max(0, run.start - run.created);
  out.run_page_url = pageUrl(host, run.job_id, t.run_id);
  return out;
}

/** The Run object without paging. Iterations of a for_each task run are only on that task run's own view. */
export function renderRun(run: RunRecord, now: number, host: string, withTasks = true): Json {
  const p = runPhase(run, now);
  const done = isTerminal(p.life);
  const id = idFromString(run.run_id);
  const out: Json = {
    job_id: idFromString(run.job_id),
    run_id: id,
    original_attempt_run_id: id,
    attempt_number: 0,
    creator_user_name: run.creator_user_name,
    run_as_user_name: run.run_as_user_name,
    run_name: run.run_name,
    run_page_url: pageUrl(host, run.job_id, run.run_id),
    run_type: run.run_type,
    trigger: run.trigger,
    format: "MULTI_TASK",
    ...stateFields(p, true),
    start_time: run.created,
    end_time: done ? run.end : 0,
    // Multi-task runs report 0 here and the total in run_duration (API-NOTES §4 runs/get).
    setup_duration: 0,
    execution_duration: 0,
    cleanup_duration: 0,
    run_duration: done ? run.end - run.start : 0,
    queue_duration: Math.max(0, Math.min(now, run.start) - run.created),
  };
  if (run.run_type === "JOB_RUN") out.number_in_job = id;
  if (run.parent) out.trigger_info = { run_id: idFromString(run.parent.run_id) };
  for (const [k, v] of Object.entries(run.settings)) if (k !== "max_concurrent_runs" && k !== "queue" && k !== "timeout_seconds") out[k] = structuredClone(v);
  if (run.job_parameters && run.job_parameters.length > 0) out.job_parameters = structuredClone(run.job_parameters);
  if (run.overriding_parameters) out.overriding_parameters = structuredClone(run.overriding_parameters);
  const visible = run.tasks.filter((t) => t.created <= now);
  if (withTasks && visible.length > 0) out.tasks = visible.map((t) => renderTaskRun(run, t, now, host));
  return out;
}

/** A single task run as runs/get and get-output's metadata show it, with for_each iterations. */
export function renderTaskAsRun(run: RunRecord, t: TaskRun, now: number, host: string): Json {
  const task = renderTaskRun(run, t, now, host);
  const out: Json = { job_id: idFromString(run.job_id), run_name: t.task_key, run_type: run.run_type, creator_user_name: run.creator_user_name, ...task };
  if (t.iteration_ids) {
    const ids = new Set(t.iteration_ids);
    const its = run.iterations.filter((i) => ids.has(i.run_id) && i.created <= now);
    if (its.length > 0) out.iterations = its.map((i) => renderTaskRun(run, i, now, host));
  }
  return out;
}

export function endingAt(run: RunRecord, now: number): Ending | undefined {
  return runPhase(run, now).ending;
}
