// The stored shape of a run. Everything about a run is decided when it is planned (times and endings
// of every task run); what runs/get shows is derived from that plan and the current simulated time.
// Records live in ws.runs as plain JSON so --state persists them unchanged.
import type { Json, Workspace } from "../state.js";

export type LifeCycle = "QUEUED" | "PENDING" | "BLOCKED" | "WAITING_FOR_RETRY" | "RUNNING" | "TERMINATING" | "TERMINATED" | "SKIPPED" | "INTERNAL_ERROR";

/** How a task run or run ends: legacy state fields plus the status termination details. */
export interface Ending {
  life: "TERMINATED" | "INTERNAL_ERROR" | "SKIPPED";
  result: string;
  message: string;
  code: string;
  type: string;
  /** user_cancelled_or_timedout */
  byUser?: boolean;
  error?: string;
  errorTrace?: string;
}

export interface TaskRun {
  run_id: string;
  task_key: string;
  attempt_number: number;
  /** The task settings this attempt ran with. */
  spec: Json;
  /** From when the task run is visible (retry attempts appear when the previous one fails). */
  created: number;
  start: number;
  setup: number;
  exec: number;
  cleanup: number;
  end: number;
  ending: Ending;
  /** Waiting on upstream tasks before start (shown as BLOCKED rather than PENDING). */
  blocked?: boolean;
  /** notebook_output / logs for get-output. */
  output?: Json;
  condition_outcome?: "true" | "false";
  /** for_each parent: ids of its iteration task runs (kept in RunRecord.iterations). */
  iteration_ids?: string[];
  iteration_of?: string;
  child_run_id?: string;
  repair_id?: string;
}

export interface RepairRecord {
  id: string;
  start: number;
  end: number;
  task_run_ids: string[];
  /** The run's ending when the next repair started (the latest item shows the live state). */
  ending?: Ending;
}

export interface RunRecord {
  kind: "run";
  run_id: string;
  job_id: string;
  run_type: "JOB_RUN" | "SUBMIT_RUN" | "WORKFLOW_RUN";
  trigger: string;
  run_name: string;
  creator_user_name: string;
  run_as_user_name: string;
  /** When the run was triggered; start is when it left the queue. */
  created: number;
  start: number;
  end: number;
  tasks: TaskRun[];
  /** A 2.0 single-task run: its first task run carries the run's own id. */
  single_task?: boolean;
  iterations: TaskRun[];
  /** Set when the run never started (max_concurrent_runs). */
  skipped?: Ending;
  cancel?: { at: number; reason: "user" | "timeout" };
  repairs: RepairRecord[];
  /** The original attempt's ending, frozen when the first repair starts. */
  original_ending?: Ending;
  original_end?: number;
  original_task_run_ids?: string[];
  job_parameters?: Json[];
  overriding_parameters?: Json;
  /** Run-level settings echoed by runs/get (git_source, job_clusters, description, timeout_seconds…). */
  settings: Json;
  parent?: { run_id: string; task_run_id: string };
  depth: number;
}

/** ws.runs also holds small index entries so task run ids and idempotency tokens resolve to their run. */
interface TaskRef {
  kind: "task";
  run_id: string;
}
interface TokenRef {
  kind: "token";
  run_id: string;
}

export function putRun(ws: Workspace, run: RunRecord): void {
  ws.runs.set(run.run_id, run as unknown as Json);
}

export function indexTask(ws: Workspace, taskRunId: string, runId: string): void {
  ws.runs.set(taskRunId, { kind: "task", run_id: runId } satisfies TaskRef);
}

export function getRun(ws: Workspace, id: string): RunRecord | undefined {
  const r = ws.runs.get(id);
  return r?.kind === "run" ? (r as unknown as RunRecord) : undefined;
}

/** The run that owns a run id or task run id. */
export function ownerOf(ws: Workspace, id: string): RunRecord | undefined {
  const r = ws.runs.get(id);
  if (r?.kind === "task") return getRun(ws, (r as unknown as TaskRef).run_id);
  return getRun(ws, id);
}

export function allRuns(ws: Workspace): RunRecord[] {
  const out: RunRecord[] = [];
  for (const r of ws.runs.values()) if (r.kind === "run") out.push(r as unknown as RunRecord);
  return out;
}

export const tokenKey = (scope: string, token: string) => `token:${scope}:${token}`;

export function tokenRun(ws: Workspace, key: string): string | undefined {
  const r = ws.runs.get(key);
  return r?.kind === "token" ? (r as unknown as TokenRef).run_id : undefined;
}

export function putToken(ws: Workspace, key: string, runId: string): void {
  ws.runs.set(key, { kind: "token", run_id: runId } satisfies TokenRef);
}

/** Every task run of a run, top-level attempts and for_each iterations. */
export function everyTaskRun(run: RunRecord): TaskRun[] {
  return [...run.tasks, ...run.iterations];
}

/** The latest attempt of each task key, in first-seen order. */
export function latestByKey(tasks: TaskRun[]): Map<string, TaskRun> {
  const out = new Map<string, TaskRun>();
  for (const t of tasks) out.set(t.task_key, t);
  return out;
}
