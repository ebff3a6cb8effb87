/**
 * `jobform runs output`: what each task run left behind. get-output answers only for a task run (the
 * parent of a multi-task run is refused), so the caller asks once per task and this module lays the
 * answers out: the notebook's exit value, the error with its full trace, and the logs of python, jar
 * and wheel tasks. Pure.
 */
import { idToString } from "../lib/json.js";
import type { Id, RunOutput } from "../databricks/index.js";

export interface TaskOutput {
  task_key: string;
  run_id: Id;
  attempt: number;
  /** The API's word (JSON). */
  state: string;
  /** The Jobs UI's word (text). */
  status: string;
  result?: string;
  result_truncated?: boolean;
  error?: string;
  error_trace?: string;
  logs?: string;
  logs_truncated?: boolean;
  /** get-output itself failed for this task. */
  output_error?: string;
}

export function taskOutput(base: Pick<TaskOutput, "task_key" | "run_id" | "attempt" | "state" | "status">, output: RunOutput): TaskOutput {
  const t: TaskOutput = { ...base };
  if (output.notebook_output?.result !== undefined) t.result = output.notebook_output.result;
  if (output.notebook_output?.truncated) t.result_truncated = true;
  if (output.error) t.error = output.error;
  if (output.error_trace) t.error_trace = output.error_trace;
  if (output.logs) t.logs = output.logs;
  if (output.logs_truncated) t.logs_truncated = true;
  return t;
}

function indent(text: string): string[] {
  return text.replace(/\s+$/, "").split(/\r?\n/).map((l) => `    ${l}`);
}

export function renderOutputs(outputs: readonly TaskOutput[]): string[] {
  if (outputs.length === 0) return ["the run has no task runs yet"];
  const lines: string[] = [];
  for (const o of outputs) {
    const retry = o.attempt > 0 ? `, retry ${o.attempt}` : "";
    lines.push(`== task ${o.task_key} (run ${idToString(o.run_id)}${retry}): ${o.status}`);
    let said = false;
    if (o.result !== undefined) {
      lines.push(`  result${o.result_truncated ? " (truncated)" : ""}: ${o.result}`);
      said = true;
    }
    if (o.error) {
      lines.push(`  error: ${o.error}`);
      said = true;
    }
    if (o.error_trace) {
      lines.push("  trace:", ...indent(o.error_trace));
      said = true;
    }
    if (o.logs) {
      lines.push(`  logs${o.logs_truncated ? " (only the last part was kept)" : ""}:`, ...indent(o.logs));
      said = true;
    }
    if (o.output_error) {
      lines.push(`  (the output could not be read: ${o.output_error})`);
      said = true;
    }
    if (!said) lines.push("  (no output: the task returned no value and wrote no logs the API keeps)");
  }
  return lines;
}
