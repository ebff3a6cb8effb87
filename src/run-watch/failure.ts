/**
 * Why a run failed, from the task runs: runs/get-output works only on a task run's id (the parent
 * id is refused for multi-task format runs, which every runs/submit run is), so each failed task is
 * asked for its own error and stack trace.
 */
import type { Id, Run, RunOutput, RunTask } from "../databricks/index.js";
import { idToString } from "../lib/json.js";
import { withLatestAttempts } from "./latest-attempts.js";
import { stateOutcome } from "./state.js";

export interface TaskFailure {
  taskKey: string;
  runId?: Id;
  /** The short error (the exception line), else the task's state message. */
  error?: string;
  /** The stack trace, trimmed to what fits on a screen. */
  trace?: string;
  /** get-output itself failed; the error is then only the state message. */
  outputError?: string;
}

export const TRACE_HEAD_LINES = 5;
export const TRACE_TAIL_LINES = 20;

/**
 * Keeps the first lines (where the trace starts) and the last (where the exception is raised), since
 * notebook traces are long and the middle is framework frames.
 */
export function trimTrace(trace: string, head = TRACE_HEAD_LINES, tail = TRACE_TAIL_LINES): string {
  const lines = trace.replace(/\s+$/, "").split(/\r?\n/);
  if (lines.length <= head + tail + 1) return lines.join("\n");
  const dropped = lines.length - head - tail;
  return [...lines.slice(0, head), `… ${dropped} lines not shown …`, ...lines.slice(-tail)].join("\n");
}

/** Tasks that did not succeed; with none listed (a run that never started them) the run itself. */
export function failedTasks(run: Run): RunTask[] {
  return (run.tasks ?? []).filter((t) => {
    const phase = stateOutcome(t.state, t.status as Run["status"]).phase;
    return phase === "failed";
  });
}

export async function explainFailure(run: Run, getOutput: (runId: Id) => Promise<RunOutput>): Promise<TaskFailure[]> {
  const out: TaskFailure[] = [];
  for (const task of failedTasks(run)) {
    const f: TaskFailure = { taskKey: task.task_key };
    if (task.run_id !== undefined) f.runId = task.run_id;
    const message = task.state?.state_message;
    if (task.run_id !== undefined) {
      try {
        const output = await getOutput(task.run_id);
        if (output.error) f.error = output.error;
        if (output.error_trace) f.trace = trimTrace(output.error_trace);
      } catch (err) {
        f.outputError = (err as Error).message;
      }
    }
    if (!f.error && message) f.error = message;
    out.push(f);
  }
  return out;
}

const UPSTREAM = new Set(["UPSTREAM_FAILED", "UPSTREAM_CANCELED"]);

export interface FailureReportIo {
  getOutput: (runId: Id) => Promise<RunOutput>;
  err: (line: string) => void;
}

/**
 * Prints each failed task (newest attempt only: a failure a retry fixed is history) with its error and
 * trace; resolves to what was printed, so a caller can look for a hint in the texts.
 */
export async function reportFailures(run: Run, io: FailureReportIo): Promise<TaskFailure[]> {
  const latest = withLatestAttempts(run);
  // Tasks that never ran because something upstream failed have no error of their own: one line names them.
  const upstream = (latest.tasks ?? []).filter((t) => UPSTREAM.has(t.state?.result_state ?? ""));
  const own = { ...latest, tasks: (latest.tasks ?? []).filter((t) => !upstream.includes(t)) };
  const failures = await explainFailure(own, io.getOutput);
  for (const f of failures) {
    io.err(`task ${f.taskKey}${f.runId !== undefined ? ` (run ${idToString(f.runId)})` : ""} failed: ${f.error ?? "no error message was recorded"}`);
    if (f.trace) io.err(f.trace.split("\n").map((l) => `  ${l}`).join("\n"));
    if (f.outputError) io.err(`  (the task's output could not be read: ${f.outputError})`);
  }
  if (upstream.length > 0) io.err(`not run because an upstream task did not succeed: ${upstream.map((t) => t.task_key).join(", ")}`);
  return failures;
}
