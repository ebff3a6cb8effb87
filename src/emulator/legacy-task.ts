// Jobs 2.0 single-task payloads: a runs/submit body or job settings with a top-level task block
// (notebook_task, new_cluster, …) and no `tasks`. The service runs them as one task whose task run id
// is the run's own id (live capture, issue #12 difference 7). The task_key it gets is unverified.
import type { Json } from "./state.js";
import { isObject } from "./defaults.js";

const TASK_BLOCKS = ["notebook_task", "spark_python_task", "spark_jar_task", "spark_submit_task", "python_wheel_task", "sql_task", "dbt_task", "pipeline_task", "run_job_task"];
const TASK_FIELDS = [...TASK_BLOCKS, "new_cluster", "existing_cluster_id", "libraries", "max_retries", "min_retry_interval_millis", "retry_on_timeout"];
export const LEGACY_TASK_KEY = "task";

/** The one task a 2.0-style payload stands for, or undefined when it has `tasks` or no task block. */
export function legacyTask(body: Json): Json | undefined {
  if (Array.isArray(body.tasks) && body.tasks.length > 0) return undefined;
  if (!TASK_BLOCKS.some((k) => isObject(body[k]))) return undefined;
  const task: Json = { task_key: LEGACY_TASK_KEY };
  for (const f of TASK_FIELDS) if (body[f] !== undefined) task[f] = structuredClone(body[f]);
  return task;
}
