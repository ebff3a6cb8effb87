/**
 * The console's jobs table: every job of the workspace beside git's view of it, from one plan's reads
 * (jobs/list with tasks, the managed jobs' access lists) and nothing more. Sync status follows Argo CD's
 * words for this target: Synced (the plan has nothing to do), OutOfSync (n changed fields), Missing (in
 * git, not deployed), Not in git (deployed and tagged for this project, no file any more), Unmanaged
 * (no ownership tags of this deployment). Pure.
 */
import type { BaseJob } from "../../databricks/index.js";
import type { JobChange, Plan } from "../../core/plan-types.js";
import type { DesiredJob } from "../../core/resolve.js";
import type { LiveState } from "../../live/read-live.js";
import { idToString } from "../../lib/json.js";
import { isPlainObject } from "../../core/merge.js";
import { OWNERSHIP_TAGS } from "../../core/ownership.js";
import { triggerKind } from "../../runs/jobs-table.js";
import { STARTERS } from "../../core/pause.js";

export type SyncStatus = "Synced" | "OutOfSync" | "Missing" | "Not in git" | "Unmanaged";

export interface JobRow {
  /** How the page addresses the job: its key when managed or in git, else `id:<job id>`. */
  ref: string;
  key?: string;
  job_id?: string;
  name: string;
  sync: SyncStatus;
  /** OutOfSync: fields and principals the plan would change. */
  changed?: number;
  /** jobs/<key>.yaml when git has the job. */
  file?: string;
  /** Undefined when jobs/list cut the task list at 100. */
  task_count?: number;
  trigger: string;
  /** A schedule, trigger or continuous setting that is paused; undefined when the job has none to pause. */
  paused?: boolean;
  creator?: string;
  run_as?: string;
  tags: Record<string, string>;
}

export interface JobsOverview {
  project: string;
  target: string | null;
  host: string | null;
  rows: JobRow[];
  notes: string[];
}

/** Paused when every way the job starts is paused; undefined when nothing starts it but people. */
export function pauseState(settings: Record<string, unknown>): boolean | undefined {
  const blocks = STARTERS.map((s) => settings[s]).filter(isPlainObject);
  if (blocks.length === 0) return undefined;
  return blocks.every((b) => b.pause_status === "PAUSED");
}

function userTags(settings: Record<string, unknown>): Record<string, string> {
  const raw = isPlainObject(settings.tags) ? settings.tags : {};
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !(OWNERSHIP_TAGS as readonly string[]).includes(k)).map(([k, v]) => [k, String(v)]));
}

function taskCount(settings: Record<string, unknown>, cut: boolean): number | undefined {
  if (cut) return undefined;
  return Array.isArray(settings.tasks) ? settings.tasks.length : 0;
}

export function syncOf(change: JobChange | undefined): { sync: SyncStatus; changed?: number } {
  if (!change || change.action === "delete") return { sync: "Not in git" };
  if (change.action === "create") return { sync: "Missing" };
  const n = change.fields.length + change.permissions.length;
  return n === 0 && change.action === "no-op" ? { sync: "Synced" } : { sync: "OutOfSync", changed: n };
}

function rowOf(job: BaseJob, key: string | undefined, change: JobChange | undefined, file: string | undefined): JobRow {
  const settings = (job.settings ?? {}) as Record<string, unknown>;
  const id = idToString(job.job_id);
  const row: JobRow = {
    ref: key ?? `id:${id}`,
    job_id: id,
    name: typeof settings.name === "string" ? settings.name : "",
    ...(key === undefined ? { sync: "Unmanaged" as const } : syncOf(change)),
    trigger: triggerKind(settings),
    tags: userTags(settings),
  };
  if (key !== undefined) row.key = key;
  if (file !== undefined) row.file = file;
  const count = taskCount(settings, job.has_more === true);
  if (count !== undefined) row.task_count = count;
  const paused = pauseState(settings);
  if (paused !== undefined) row.paused = paused;
  if (job.creator_user_name) row.creator = job.creator_user_name;
  if (job.run_as_user_name) row.run_as = job.run_as_user_name;
  return row;
}

/** Managed and unmanaged jobs of the workspace, then git's jobs that are not deployed; sorted by name. */
export function jobRows(plan: Plan, live: LiveState, desired: readonly DesiredJob[]): JobRow[] {
  const keyOfId = new Map(live.managed.map((j) => [j.jobId, j.key]));
  const changeOf = new Map(plan.changes.map((c) => [c.key, c]));
  const fileOf = new Map(desired.map((d) => [d.key, d.file]));
  const rows = live.listed.map((job) => {
    const key = keyOfId.get(idToString(job.job_id));
    return rowOf(job, key, key === undefined ? undefined : changeOf.get(key), key === undefined ? undefined : fileOf.get(key));
  });
  for (const d of desired) {
    if (changeOf.get(d.key)?.action !== "create") continue;
    const settings = d.document;
    const row: JobRow = { ref: d.key, key: d.key, file: d.file, name: typeof settings.name === "string" ? settings.name : d.key, sync: "Missing", trigger: triggerKind(settings), tags: userTags(settings) };
    const count = taskCount(settings, false);
    if (count !== undefined) row.task_count = count;
    const paused = pauseState(settings);
    if (paused !== undefined) row.paused = paused;
    rows.push(row);
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.ref.localeCompare(b.ref));
}
