// Creating runs: run-now / run_job_task child runs of a saved job, and one-off runs/submit runs. A new
// run is admitted (or queued/skipped), planned from its start, and cut at its timeout_seconds.
import type { Grant, Json, JobRecord, Workspace } from "../state.js";
import type { Ending, RunRecord } from "./model.js";
import { putRun } from "./model.js";
import { isObject } from "../defaults.js";
import { asArray, renderJob, renderSettings, runAsUserName } from "../job-settings.js";
import { aclKey } from "../acl.js";
import { internalError } from "./endings.js";
import { planTasks, type PlanEnv } from "./planner.js";
import { admit } from "./admission.js";
import { truncateRun } from "./truncate.js";
import { legacyTask } from "../legacy-task.js";

/** Legacy per-task parameter maps of run-now / run_job_task and the task block each one feeds. */
const LEGACY: ReadonlyArray<[string, string, string]> = [
  ["notebook_params", "notebook_task", "base_parameters"],
  ["python_params", "spark_python_task", "parameters"],
  ["jar_params", "spark_jar_task", "parameters"],
  ["spark_submit_params", "spark_submit_task", "parameters"],
  ["python_named_params", "python_wheel_task", "named_parameters"],
  ["sql_params", "sql_task", "parameters"],
];

export interface RunParams {
  job_parameters?: unknown;
  [legacy: string]: unknown;
}

/** job_parameters as runs/get reports them: the job's definitions with the run's values, sorted by name. */
export function resolveParameters(settings: Json, overrides: unknown): Json[] {
  const given = isObject(overrides) ? overrides : {};
  const out = new Map<string, Json>();
  for (const p of asArray(settings.parameters)) out.set(String(p.name), { name: p.name, default: p.default, value: String(given[String(p.name)] ?? p.default ?? "") });
  for (const [name, value] of Object.entries(given)) if (!out.has(name)) out.set(name, { name, value: String(value) });
  return [...out.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

export function varsOf(run: RunRecord): Record<string, string> {
  const vars: Record<string, string> = { "job.id": run.job_id, "job.run_id": run.run_id };
  for (const p of run.job_parameters ?? []) vars[`job.parameters.${String(p.name)}`] = String(p.value ?? "");
  return vars;
}

/** Applies the legacy parameter maps to the task blocks they target (they merge over base values). */
export function withLegacyParams(tasks: Json[], params: RunParams): Json[] {
  return tasks.map((t) => {
    const copy = structuredClone(t);
    for (const [param, block, field] of LEGACY) {
      const value = params[param];
      const target = copy[block];
      if (value === undefined || !isObject(target)) continue;
      target[field] = isObject(value) && isObject(target[field]) ? { ...target[field], ...value } : value;
    }
    return copy;
  });
}

function env(ws: Workspace, run: RunRecord, repairId?: string): PlanEnv {
  const e: PlanEnv = {
    ws,
    run,
    vars: varsOf(run),
    startChild: (jobId, at, task, parent) => startChild(ws, run, jobId, at, task, parent),
  };
  if (repairId !== undefined) e.repairId = repairId;
  return e;
}

export { env as planEnv };

function startChild(ws: Workspace, parentRun: RunRecord, jobId: string, at: number, task: Json, parent: { run_id: string; task_run_id: string }): RunRecord | Ending {
  const rec = ws.jobs.get(jobId);
  if (!rec) return internalError(`Job ${jobId} does not exist.`, "RESOURCE_NOT_FOUND", "CLIENT_ERROR", { error: `Job ${jobId} does not exist.` });
  return startJobRun(ws, rec, { at, trigger: "RUN_JOB_TASK", creator: parentRun.run_as_user_name, params: task, parent, depth: parentRun.depth + 1 });
}

function planAndLimit(ws: Workspace, run: RunRecord, specs: Json[]): void {
  const planned = planTasks(env(ws, run), specs, run.start);
  // The first attempts exist from the trigger on, so a queued run already lists its (QUEUED) tasks.
  for (const t of planned) if (t.attempt_number === 0 && t.created === run.start) t.created = run.created;
  const limit = Number(run.settings.timeout_seconds ?? 0) * 1000;
  if (limit > 0 && run.end > run.start + limit) truncateRun(ws, run, run.start + limit, "timeout");
}

export interface JobRunOptions {
  at: number;
  trigger: string;
  creator: string;
  params: RunParams;
  only?: string[];
  queue?: boolean;
  parent?: { run_id: string; task_run_id: string };
  depth?: number;
}

export function startJobRun(ws: Workspace, rec: JobRecord, o: JobRunOptions): RunRecord {
  const settings = structuredClone(renderJob(rec, ws).settings as Json);
  const run: RunRecord = {
    kind: "run",
    run_id: ws.allocateId(),
    job_id: rec.id,
    run_type: "JOB_RUN",
    trigger: o.trigger,
    run_name: typeof settings.name === "string" ? settings.name : "Untitled",
    creator_user_name: o.creator,
    run_as_user_name: runAsUserName(rec, ws),
    created: o.at,
    start: o.at,
    end: o.at,
    tasks: [],
    iterations: [],
    repairs: [],
    job_parameters: resolveParameters(settings, o.params.job_parameters),
    settings: pick(settings, ["git_source", "job_clusters", "description", "timeout_seconds", "max_concurrent_runs", "queue", "environments"]),
    depth: o.depth ?? 0,
  };
  const overriding = pick(o.params, ["job_parameters", ...LEGACY.map(([p]) => p)]);
  if (Object.keys(overriding).length > 0) run.overriding_parameters = overriding;
  if (o.parent) run.parent = o.parent;
  putRun(ws, run);
  const queue = o.queue ?? (isObject(settings.queue) && settings.queue.enabled === true);
  const a = admit(ws, rec.id, o.at, Number(settings.max_concurrent_runs ?? 1), queue, run);
  if ("skipped" in a) {
    run.skipped = a.skipped;
    return run;
  }
  run.start = a.start;
  run.end = a.start;
  const single = legacyTask(settings);
  if (single) run.single_task = true;
  let specs = withLegacyParams(single ? [single] : asArray(settings.tasks), o.params);
  if (o.only) specs = specs.filter((t) => o.only?.includes(String(t.task_key)));
  planAndLimit(ws, run, specs);
  return run;
}

function pick(src: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = structuredClone(src[k]);
  return out;
}

/** runs/submit: a one-off run of a hidden job whose ACL is the caller as owner plus access_control_list. */
export function startSubmitRun(ws: Workspace, body: Json, at: number, creator: string, grants: Grant[], single = false): RunRecord {
  const hiddenJob = ws.allocateId();
  ws.acls.set(aclKey(hiddenJob), [{ kind: "user", name: creator, level: "IS_OWNER" }, ...grants.filter((g) => g.level !== "IS_OWNER")]);
  const settings = renderSettings(pick(body, ["tasks", "git_source", "environments", "timeout_seconds", "job_clusters"]));
  const run: RunRecord = {
    kind: "run",
    run_id: ws.allocateId(),
    job_id: hiddenJob,
    run_type: "SUBMIT_RUN",
    trigger: "ONE_TIME",
    run_name: typeof body.run_name === "string" && body.run_name !== "" ? body.run_name : "Untitled",
    creator_user_name: creator,
    run_as_user_name: creator,
    created: at,
    start: at,
    end: at,
    tasks: [],
    iterations: [],
    repairs: [],
    settings: pick(settings, ["git_source", "environments", "timeout_seconds"]),
    depth: 0,
  };
  if (single) run.single_task = true;
  putRun(ws, run);
  planAndLimit(ws, run, asArray(settings.tasks));
  return run;
}
