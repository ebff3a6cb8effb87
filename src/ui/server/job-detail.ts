/**
 * One job as the console's job view shows it: the task DAG coloured from the plan, each task as git and
 * the workspace have it, the job-level details side by side, and the plan's field changes. The change is
 * the plan's own (normalised and masked like every plan output); the values beside it are masked with
 * the same secrets. Pure.
 */
import type { JobChange } from "../../core/plan-types.js";
import type { DesiredJob } from "../../core/resolve.js";
import { isPlainObject } from "../../core/merge.js";
import { maskKnownDeep } from "../../core/mask.js";
import { taskGraph } from "../../core/task-graph.js";
import { buildDag } from "../../render/dag.js";
import type { Dag } from "../../render/dag.js";
import { taskMarks } from "../../render/plan-markdown.js";
import type { JobRow } from "./jobs-rows.js";

/** The job-level fields of the details tab, in the Jobs UI's order. */
export const DETAIL_FIELDS = [
  "name",
  "description",
  "tags",
  "permissions",
  "run_as",
  "schedule",
  "trigger",
  "continuous",
  "parameters",
  "max_concurrent_runs",
  "timeout_seconds",
  "queue",
  "health",
  "email_notifications",
  "webhook_notifications",
  "notification_settings",
  "git_source",
  "job_clusters",
  "environments",
  "edit_mode",
] as const;

export interface TaskSides {
  git?: unknown;
  workspace?: unknown;
  /** JSON pointers inside the task (`/timeout_seconds`) that the plan changes. */
  changed: string[];
}

export interface JobDetail {
  row: JobRow;
  dag: Dag;
  tasks: Record<string, TaskSides>;
  details: { field: string; git?: unknown; workspace?: unknown; changed: boolean }[];
  change?: Pick<JobChange, "action" | "fields" | "permissions" | "risks" | "strategy">;
  /** Job parameters as deployed (run now's form); git's when the job is not deployed. */
  parameters: { name: string; default: string }[];
}

export interface JobSides {
  row: JobRow;
  desired?: DesiredJob;
  /** jobs/get settings (managed) or the jobs/list entry (unmanaged). */
  settings?: Record<string, unknown>;
  permissions?: unknown[];
  change?: JobChange;
  secrets: readonly string[];
}

function byTaskKey(settings: Record<string, unknown> | undefined): Map<string, Record<string, unknown>> {
  const tasks = Array.isArray(settings?.tasks) ? settings.tasks.filter(isPlainObject) : [];
  return new Map(tasks.filter((t) => typeof t.task_key === "string").map((t) => [t.task_key as string, t]));
}

function parametersOf(settings: Record<string, unknown> | undefined): { name: string; default: string }[] {
  const list = Array.isArray(settings?.parameters) ? settings.parameters.filter(isPlainObject) : [];
  return list.filter((p) => typeof p.name === "string").map((p) => ({ name: p.name as string, default: p.default === undefined ? "" : String(p.default) }));
}

/** Segments of a JSON pointer, unescaped. */
function segments(pointer: string): string[] {
  return pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function jobDetail(sides: JobSides): JobDetail {
  const mask = <T>(v: T): T => maskKnownDeep(v, sides.secrets) as T;
  const git = sides.desired ? mask(sides.desired.document) : undefined;
  const live = sides.settings ? mask(sides.settings) : undefined;
  const change = sides.change;
  const graph = change?.graph ?? taskGraph([live ?? git ?? {}]);
  const dag = buildDag(graph, change ? taskMarks(change) : new Map());
  const gitTasks = byTaskKey(git);
  const liveTasks = byTaskKey(live);
  const tasks: Record<string, TaskSides> = {};
  for (const key of new Set([...gitTasks.keys(), ...liveTasks.keys()])) {
    const changed = (change?.fields ?? []).map((f) => segments(f.path)).filter((s) => s[0] === "tasks" && s[1] === key).map((s) => `/${s.slice(2).join("/")}`);
    tasks[key] = { git: gitTasks.get(key), workspace: liveTasks.get(key), changed };
  }
  const changedTop = new Set((change?.fields ?? []).map((f) => segments(f.path)[0]));
  if (change?.permissions.length) changedTop.add("permissions");
  const livePermissions = sides.permissions ? mask(sides.permissions) : undefined;
  const details = DETAIL_FIELDS.flatMap((field) => {
    const g = git?.[field];
    const w = field === "permissions" ? livePermissions : live?.[field];
    if (g === undefined && w === undefined) return [];
    return [{ field, ...(g === undefined ? {} : { git: g }), ...(w === undefined ? {} : { workspace: w }), changed: changedTop.has(field) }];
  });
  const detail: JobDetail = { row: sides.row, dag, tasks, details, parameters: parametersOf(live ?? git) };
  if (change) detail.change = { action: change.action, strategy: change.strategy, fields: change.fields, permissions: change.permissions, risks: change.risks };
  return detail;
}
