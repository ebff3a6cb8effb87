/**
 * Watching a job run to its end for `run`, `runs get --watch` and `runs repair`: the per-task state as it
 * changes, then how it ended with the exit code of PRODUCT.md. On failure each failed task's error and
 * trimmed trace (from get-output of the task run) and the repair command to run next; on Ctrl-C the run
 * is cancelled unless the user detached. Polling, state mapping and failure reading are the runner's.
 */
import { idToString } from "../lib/json.js";
import type { Id, Run } from "../databricks/index.js";
import { formatDuration } from "../runner/duration.js";
import { explainFailure } from "../runner/failure.js";
import { EXIT, describeOutcome, exitCodeFor } from "../runner/state.js";
import { cancel } from "../runner/submit.js";
import { watchRun } from "../runner/wait.js";
import type { RunsIo } from "./io.js";
import { withLatestAttempts } from "./latest-attempts.js";
import { progressLines } from "./task-progress.js";
import type { SeenStates } from "./task-progress.js";
import { renderTimeline, timelineRows } from "./timeline.js";

const UPSTREAM = new Set(["UPSTREAM_FAILED", "UPSTREAM_CANCELED"]);

export interface FollowOptions {
  /** The run page, for the lines that tell the user where to look. */
  url: string;
  timeoutMs?: number;
  /** On Ctrl-C leave the run going instead of cancelling it. */
  detach: boolean;
  cancelOnTimeout: boolean;
  /** An answer already in hand (counts as the first poll). */
  first?: Run;
  /** States already shown (a repair's watch starts from the run as it was, so old tasks stay quiet). */
  seen?: SeenStates;
}

/** The command that reruns what failed; printed after a failure so the next step is one paste away. */
export function repairHint(runId: Id): string {
  return `hint: rerun the failed tasks (and what depends on them) with: jobform runs repair ${idToString(runId)} --all-failed`;
}

export async function followRun(runId: Id, io: RunsIo, opts: FollowOptions): Promise<number> {
  const seen: SeenStates = opts.seen ?? new Map();
  const started = io.clock.now();
  // include_history: repair attempts are labelled as such in the progress lines and the timeline.
  const result = await watchRun((signal) => io.runs.get(runId, { include_history: true }, { signal }), {
    clock: io.clock,
    random: io.random,
    timeoutMs: opts.timeoutMs,
    signal: io.signal,
    first: opts.first,
    onTransientError: (e) => io.err(`warning: checking the run failed (${e.message}); still watching`),
    onPoll: (run, _outcome, elapsed) => {
      for (const line of progressLines(run, seen)) io.out(`[${formatDuration(elapsed)}] ${line}`);
    },
  });
  const took = formatDuration(io.clock.now() - started);
  const id = idToString(runId);

  if (result.kind === "interrupted") {
    if (opts.detach) io.err(`interrupted: run ${id} goes on (--detach): ${opts.url}`);
    else await cancel(io, runId, "interrupted");
    return EXIT.interrupted;
  }
  if (result.kind === "timeout") {
    if (opts.cancelOnTimeout) await cancel(io, runId, `--timeout reached after ${took}`);
    else io.err(`--timeout reached after ${took}: run ${id} goes on (--no-cancel-on-timeout): ${opts.url}`);
    return EXIT.timeout;
  }

  const { run, outcome } = result;
  for (const line of renderTimeline(timelineRows(run, io.wallNow()))) io.out(line);
  if (outcome.phase === "success") {
    io.out(`Run ${id} succeeded after ${took}`);
    return EXIT.success;
  }
  if (outcome.phase === "cancelled") {
    io.out(`Run ${id} was ${outcome.lifeCycle === "SKIPPED" ? "skipped" : "cancelled"} (${describeOutcome(outcome)})`);
    return exitCodeFor("cancelled");
  }
  io.out(`Run ${id} failed after ${took}: ${describeOutcome(outcome)}`);
  await reportFailures(run, io);
  io.err(repairHint(runId));
  io.err(`run page: ${opts.url}`);
  return exitCodeFor("failed");
}

/** Each failed task (newest attempt only: a failure a retry fixed is history) with its error and trace. */
export async function reportFailures(run: Run, io: Pick<RunsIo, "runs" | "err">): Promise<void> {
  const latest = withLatestAttempts(run);
  // Tasks that never ran because something upstream failed have no error of their own: one line names them.
  const upstream = (latest.tasks ?? []).filter((t) => UPSTREAM.has(t.state?.result_state ?? ""));
  const own = { ...latest, tasks: (latest.tasks ?? []).filter((t) => !upstream.includes(t)) };
  const failures = await explainFailure(own, (taskRunId) => io.runs.getOutput(taskRunId));
  for (const f of failures) {
    io.err(`task ${f.taskKey}${f.runId !== undefined ? ` (run ${idToString(f.runId)})` : ""} failed: ${f.error ?? "no error message was recorded"}`);
    if (f.trace) io.err(f.trace.split("\n").map((l) => `  ${l}`).join("\n"));
    if (f.outputError) io.err(`  (the task's output could not be read: ${f.outputError})`);
  }
  if (upstream.length > 0) io.err(`not run because an upstream task did not succeed: ${upstream.map((t) => t.task_key).join(", ")}`);
}
