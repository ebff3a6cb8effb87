/**
 * A run's tasks[] keeps every task run: retries and repair attempts sit beside the first try under the
 * same task key. What a task "is" now is its newest attempt; an earlier failure that a retry or a
 * repair fixed must not be reported as a failure again.
 */
import type { Run, RunTask } from "../databricks/index.js";

/** The newest task run per task key, in the order the keys first appear. The API appends new attempts. */
export function latestTaskRuns(run: Pick<Run, "tasks">): RunTask[] {
  const byKey = new Map<string, RunTask>();
  for (const task of run.tasks ?? []) byKey.set(task.task_key, task);
  return [...byKey.values()];
}

/** The run with only the newest attempt of each task: what failure reports and repair checks look at. */
export function withLatestAttempts<R extends Pick<Run, "tasks">>(run: R): R {
  return run.tasks ? { ...run, tasks: latestTaskRuns(run) } : run;
}
