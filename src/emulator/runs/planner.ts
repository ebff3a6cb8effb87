// Plans the task runs of a run from its start time: dependency order, run_if gates, condition tasks,
// retries, timeouts, for_each iterations and run_job child runs. Every task run gets its times and its
// ending here; reads only compare those times with the clock.
import type { Json, Workspace } from "../state.js";
import type { Ending, RunRecord, TaskRun } from "./model.js";
import { indexTask } from "./model.js";
import { isObject } from "../defaults.js";
import { asArray } from "../job-settings.js";
import { SUCCESS, canceled, failed, timedOut } from "./endings.js";
import { depClass, evaluateCondition, gate, substitute } from "./conditions.js";
import { execute } from "./outcome.js";

/** max_retries -1 means "forever"; the emulator stops after this many retries so a failing rule terminates. */
export const FOREVER_RETRIES = 10;
/** Run Job tasks may nest at most 3 levels (API-NOTES §3). */
export const MAX_RUN_JOB_DEPTH = 3;
/** for_each concurrency when unset (the UI default; the API default is not documented, API-NOTES §14). */
const DEFAULT_CONCURRENCY = 1;

export interface PlanEnv {
  ws: Workspace;
  run: RunRecord;
  /** Values for {{…}} references: job.parameters.<name>, job.id, job.run_id, input. */
  vars: Record<string, string>;
  repairId?: string;
  /** Starts a child job run for a run_job_task (provided by the code that creates job runs). */
  startChild: (jobId: string, at: number, task: Json, parent: { run_id: string; task_run_id: string }) => RunRecord | Ending;
}

/** A run's time split as the real run reports it: cluster setup, execution, cleanup. */
export function phases(durationMs: number): { setup: number; exec: number; cleanup: number } {
  const setup = Math.round(durationMs / 10);
  const cleanup = Math.round(durationMs / 10);
  return { setup, exec: durationMs - setup - cleanup, cleanup };
}

function deepSubstitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return substitute(value, vars);
  if (Array.isArray(value)) return value.map((v) => deepSubstitute(v, vars));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepSubstitute(v, vars)]));
  return value;
}

function newTaskRun(env: PlanEnv, spec: Json, start: number, created: number, attempt: number): TaskRun {
  const reuse = env.run.single_task === true && attempt === 0 && env.repairId === undefined && !env.run.tasks.some((t) => t.run_id === env.run.run_id);
  const id = reuse ? env.run.run_id : env.ws.allocateId();
  if (!reuse) indexTask(env.ws, id, env.run.run_id);
  const tr: TaskRun = { run_id: id, task_key: String(spec.task_key), attempt_number: attempt, spec, created, start, setup: 0, exec: 0, cleanup: 0, end: start, ending: SUCCESS };
  if (env.repairId !== undefined) tr.repair_id = env.repairId;
  return tr;
}

function finishAfter(tr: TaskRun, durationMs: number): void {
  const p = phases(durationMs);
  tr.setup = p.setup;
  tr.exec = p.exec;
  tr.cleanup = p.cleanup;
  tr.end = tr.start + durationMs;
}

function runCondition(env: PlanEnv, tr: TaskRun, cond: Json): void {
  // Condition tasks need no cluster and finish as soon as they start.
  const r = evaluateCondition(cond, (s) => substitute(s, env.vars));
  if (r.outcome !== undefined) tr.condition_outcome = r.outcome;
  else tr.ending = failed(r.error ?? "", { error: r.error ?? "" });
}

function runForEach(env: PlanEnv, tr: TaskRun, fe: Json): void {
  let inputs: unknown;
  try {
    inputs = JSON.parse(substitute(String(fe.inputs ?? ""), env.vars));
  } catch {
    inputs = undefined;
  }
  if (!Array.isArray(inputs) || !isObject(fe.task)) {
    // wording ours.
    tr.ending = failed(`The for_each inputs are not a JSON array: ${String(fe.inputs)}`);
    return;
  }
  const concurrency = typeof fe.concurrency === "number" && fe.concurrency > 0 ? fe.concurrency : DEFAULT_CONCURRENCY;
  const slots: number[] = Array.from({ length: Math.min(concurrency, Math.max(inputs.length, 1)) }, () => tr.start);
  const ids: string[] = [];
  let allOk = true;
  inputs.forEach((input) => {
    const vars = { ...env.vars, input: typeof input === "string" ? input : JSON.stringify(input) };
    const inner = deepSubstitute(fe.task, vars) as Json;
    const slot = slots.indexOf(Math.min(...slots));
    const attempts = runUnit({ ...env, vars }, inner, slots[slot] as number, tr.start, tr.run_id);
    const last = attempts[attempts.length - 1] as TaskRun;
    slots[slot] = last.end;
    env.run.iterations.push(...attempts);
    ids.push(...attempts.map((a) => a.run_id));
    if (last.ending.result !== "SUCCESS") allOk = false;
  });
  tr.iteration_ids = ids;
  tr.exec = Math.max(tr.start, ...slots) - tr.start;
  tr.end = tr.start + tr.exec;
  // wording ours.
  if (!allOk) tr.ending = failed("One or more iterations of this for_each task failed.");
}

function childEnding(child: RunRecord, rollup: (r: RunRecord) => Ending): Ending {
  const e = rollup(child);
  if (e.result === "SUCCESS" || e.result === "SUCCESS_WITH_FAILURES") return SUCCESS;
  if (e.result === "CANCELED") return canceled(false);
  // wording ours.
  return failed(`The triggered job run ${child.run_id} ended in ${e.result}: ${e.message}`);
}

function runChildJob(env: PlanEnv, tr: TaskRun, rj: Json, rollup: (r: RunRecord) => Ending): void {
  if (env.run.depth >= MAX_RUN_JOB_DEPTH) {
    // wording ours.
    tr.ending = failed(`Run Job tasks cannot be nested more than ${MAX_RUN_JOB_DEPTH} levels deep.`);
    return;
  }
  const jobId = String(rj.job_id ?? "");
  const child = env.startChild(jobId, tr.start, rj, { run_id: env.run.run_id, task_run_id: tr.run_id });
  if (!("kind" in child)) {
    tr.ending = child;
    return;
  }
  tr.child_run_id = child.run_id;
  tr.output = { run_job_output: { run_id: child.run_id } };
  tr.exec = child.end - tr.start;
  tr.end = child.end;
  tr.ending = childEnding(child, rollup);
}

/** Set by index.ts: the roll-up of a child run (kept out of the import graph to avoid a cycle). */
let rollupOf: (r: RunRecord) => Ending = () => SUCCESS;
export function setRollup(fn: (r: RunRecord) => Ending): void {
  rollupOf = fn;
}

function executeOnce(env: PlanEnv, spec: Json, start: number, created: number, attempt: number): TaskRun {
  const tr = newTaskRun(env, spec, start, created, attempt);
  if (isObject(spec.condition_task)) runCondition(env, tr, spec.condition_task);
  else if (isObject(spec.for_each_task)) runForEach(env, tr, spec.for_each_task);
  else if (isObject(spec.run_job_task)) runChildJob(env, tr, spec.run_job_task, rollupOf);
  else {
    const ex = execute(env.ws, spec, { runAs: env.run.run_as_user_name, hasGitSource: isObject(env.run.settings.git_source) });
    tr.ending = ex.ending;
    if (ex.output) tr.output = ex.output;
    // A task that cannot find its code fails during setup, before anything executes.
    finishAfter(tr, ex.ending.life === "INTERNAL_ERROR" ? Math.round((env.ws.config.runDurationMs ?? 1000) / 10) : env.ws.config.runDurationMs ?? 1000);
    if (ex.ending.life === "INTERNAL_ERROR") {
      tr.exec = 0;
      tr.cleanup = tr.end - tr.start - tr.setup;
    }
    const limit = Number(spec.timeout_seconds ?? 0) * 1000;
    if (limit > 0 && tr.setup + tr.exec > limit && tr.ending.result === "SUCCESS") {
      tr.exec = Math.max(0, limit - tr.setup);
      tr.end = tr.start + tr.setup + tr.exec + tr.cleanup;
      tr.ending = timedOut(Number(spec.timeout_seconds));
      tr.output = {};
    }
  }
  return tr;
}

function retriable(tr: TaskRun, spec: Json): boolean {
  if (isObject(spec.condition_task)) return false;
  if (tr.ending.result === "TIMEDOUT") return spec.retry_on_timeout === true;
  return tr.ending.result === "FAILED";
}

/** One task with its retries: a failed attempt gets a new task run with attempt_number + 1. */
function runUnit(env: PlanEnv, spec: Json, start: number, created: number, iterationOf?: string): TaskRun[] {
  const max = spec.max_retries === -1 ? FOREVER_RETRIES : Math.max(0, Number(spec.max_retries ?? 0));
  const interval = Math.max(0, Number(spec.min_retry_interval_millis ?? 0));
  const attempts: TaskRun[] = [];
  let s = start;
  let c = created;
  for (let attempt = 0; ; attempt++) {
    const tr = executeOnce(env, spec, s, c, attempt);
    if (iterationOf !== undefined) tr.iteration_of = iterationOf;
    attempts.push(tr);
    if (attempt >= max || !retriable(tr, spec)) return attempts;
    c = tr.end;
    s = tr.end + interval;
  }
}

function topoOrder(specs: Json[]): Json[] {
  const keys = new Set(specs.map((s) => String(s.task_key)));
  const placed = new Set<string>();
  const out: Json[] = [];
  while (out.length < specs.length) {
    const before = out.length;
    for (const s of specs) {
      const key = String(s.task_key);
      if (placed.has(key)) continue;
      if (asArray(s.depends_on).every((d) => !keys.has(String(d.task_key)) || placed.has(String(d.task_key)))) {
        placed.add(key);
        out.push(s);
      }
    }
    // A cycle cannot pass validation; stop rather than loop if one slips through.
    if (out.length === before) break;
  }
  return out;
}

/**
 * Plans `specs` starting at t0. `prior` holds the latest task runs of tasks not being (re)run, which
 * dependencies may point at (repair). Dependencies outside both sets are ignored (run-now `only`).
 */
export function planTasks(env: PlanEnv, specs: Json[], t0: number, prior: Map<string, TaskRun> = new Map()): TaskRun[] {
  const done = new Map(prior);
  const planned: TaskRun[] = [];
  for (const spec of topoOrder(specs)) {
    const deps = asArray(spec.depends_on).filter((d) => done.has(String(d.task_key)));
    const depRuns = deps.map((d) => done.get(String(d.task_key)) as TaskRun);
    const ready = Math.max(t0, ...depRuns.map((r) => r.end));
    const stop: Ending | undefined = spec.disabled === true
      ? { life: "TERMINATED", result: "DISABLED", message: "The task is disabled.", code: "DISABLED", type: "SUCCESS" }
      : gate(spec.run_if, deps.map((d, i) => depClass((depRuns[i] as TaskRun).ending.result, (depRuns[i] as TaskRun).condition_outcome, d.outcome)));
    let attempts: TaskRun[];
    if (stop) {
      const tr = newTaskRun(env, spec, ready, t0, 0);
      tr.ending = stop;
      attempts = [tr];
    } else attempts = runUnit(env, spec, ready, t0);
    if (deps.length > 0) for (const a of attempts) a.blocked = true;
    planned.push(...attempts);
    done.set(String(spec.task_key), attempts[attempts.length - 1] as TaskRun);
  }
  env.run.tasks.push(...planned);
  env.run.end = Math.max(env.run.end, ...planned.map((t) => t.end));
  return planned;
}

