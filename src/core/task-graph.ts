// The task DAG of a job, from either shape the code holds: a job document (tasks and depends_on as the
// API's lists) or a canonical form (keyed lists as maps). `graph` and the Markdown plan draw from this.
import { JOB_ID_REF } from "./lint/references.js";
import { isPlainObject } from "./merge.js";
import type { GraphTask } from "./plan-types.js";

type Obj = Record<string, unknown>;

/** The entries of a keyed list in either shape; a map's key stands in for a missing task_key. */
function entries(list: unknown): Obj[] {
  if (Array.isArray(list)) return list.filter(isPlainObject);
  if (!isPlainObject(list)) return [];
  return Object.entries(list).flatMap(([key, v]) => (isPlainObject(v) ? [{ task_key: key, ...v }] : []));
}

/** The one `*_task` field a task has (a task with none, or a broken one, has no type). */
export function taskType(task: Obj): string | undefined {
  const field = Object.keys(task).find((k) => k.endsWith("_task") && isPlainObject(task[k]));
  return field?.slice(0, -"_task".length);
}

function runJobTarget(task: Obj, keyOfJobId: (id: string) => string | undefined): string | undefined {
  const id = isPlainObject(task.run_job_task) ? task.run_job_task.job_id : undefined;
  if (typeof id === "string") return JOB_ID_REF.exec(id)?.[1] ?? id;
  if (typeof id === "number" || typeof id === "bigint") return keyOfJobId(id.toString()) ?? id.toString();
  return undefined;
}

function graphTask(task: Obj & { task_key: string }, keyOfJobId: (id: string) => string | undefined): GraphTask {
  const deps = entries(task.depends_on).filter((d): d is Obj & { task_key: string } => typeof d.task_key === "string");
  const g: GraphTask = { task_key: task.task_key, depends_on: deps.map((d) => d.task_key).sort() };
  const type = taskType(task);
  if (type) g.type = type;
  const outcomes = deps.filter((d) => typeof d.outcome === "string");
  if (outcomes.length > 0) g.outcomes = Object.fromEntries(outcomes.map((d) => [d.task_key, d.outcome as string]).sort());
  if (typeof task.run_if === "string" && task.run_if !== "ALL_SUCCESS") g.run_if = task.run_if;
  const inner = isPlainObject(task.for_each_task) ? task.for_each_task.task : undefined;
  if (isPlainObject(inner) && typeof inner.task_key === "string") {
    const innerType = taskType(inner);
    g.for_each = innerType ? { task_key: inner.task_key, type: innerType } : { task_key: inner.task_key };
  }
  const job = runJobTarget(task, keyOfJobId);
  if (job !== undefined) g.run_job = job;
  return g;
}

/** The DAG of each side, merged by task key (the first side wins), sorted by task_key. */
export function taskGraph(sides: readonly Obj[], keyOfJobId: (id: string) => string | undefined = () => undefined): GraphTask[] {
  const out = new Map<string, GraphTask>();
  for (const side of sides) {
    for (const task of entries(side.tasks)) {
      if (typeof task.task_key !== "string" || out.has(task.task_key)) continue;
      out.set(task.task_key, graphTask(task as Obj & { task_key: string }, keyOfJobId));
    }
  }
  return [...out.values()].sort((a, b) => (a.task_key < b.task_key ? -1 : a.task_key > b.task_key ? 1 : 0));
}
