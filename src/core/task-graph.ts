import { isPlainObject } from "./merge.js";
import type { GraphTask } from "./plan-types.js";

/** The task DAG of a job document (the API's array form), sorted by task_key. */
export function taskGraph(document: Record<string, unknown>): GraphTask[] {
  const tasks = Array.isArray(document.tasks) ? document.tasks.filter(isPlainObject) : [];
  return tasks
    .filter((t) => typeof t.task_key === "string")
    .map((t) => ({
      task_key: t.task_key as string,
      depends_on: (Array.isArray(t.depends_on) ? t.depends_on : []).flatMap((d) => (isPlainObject(d) && typeof d.task_key === "string" ? [d.task_key] : [])).sort(),
    }))
    .sort((a, b) => (a.task_key < b.task_key ? -1 : a.task_key > b.task_key ? 1 : 0));
}
