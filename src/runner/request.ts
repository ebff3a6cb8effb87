/** The runs/submit body: one notebook task (tasks[] is the only shape serverless accepts) plus its compute. */
import type { SubmitRunRequest } from "../databricks/index.js";
import type { RunCompute } from "./compute.js";

/** The single task's key; fixed, so a run's task is always found under the same name. */
export const TASK_KEY = "notebook";

export interface SubmitInput {
  notebookPath: string;
  runName: string;
  baseParameters: Readonly<Record<string, string>>;
  compute: RunCompute;
  idempotencyToken: string;
  timeoutSeconds?: number;
}

export function buildSubmitRequest(input: SubmitInput): SubmitRunRequest {
  const notebookTask: Record<string, unknown> = { notebook_path: input.notebookPath, source: "WORKSPACE" };
  if (Object.keys(input.baseParameters).length > 0) notebookTask.base_parameters = { ...input.baseParameters };
  const body: SubmitRunRequest = {
    run_name: input.runName,
    tasks: [{ task_key: TASK_KEY, notebook_task: notebookTask, ...input.compute.task }],
    idempotency_token: input.idempotencyToken,
    ...input.compute.run,
  };
  if (input.timeoutSeconds !== undefined && input.timeoutSeconds > 0) body.timeout_seconds = input.timeoutSeconds;
  return body;
}
