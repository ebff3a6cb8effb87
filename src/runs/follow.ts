/**
 * Watching a job run to its end for `run`, `runs get --watch` and `runs repair`: the per-task state as it
 * changes, then how it ended with the exit code of PRODUCT.md. On failure each failed task's error and
 * trimmed trace (from get-output of the task run) and the repair command to run next; on Ctrl-C the run
 * is cancelled unless the user detached. Polling, state mapping, failure reading and stopping are the
 * run-watch engine's, shared with `submit`.
 */
import { idToString } from "../lib/json.js";
import type { Id, Run } from "../databricks/index.js";
import { formatDuration } from "../lib/duration.js";
import { reportFailures } from "../run-watch/failure.js";
import { ending } from "../run-watch/ending.js";
import { stopWatching } from "../run-watch/stop.js";
import { watchRun } from "../run-watch/wait.js";
import type { RunsIo } from "./io.js";
import { progressLines } from "./task-progress.js";
import type { SeenStates } from "./task-progress.js";
import { renderTimeline, timelineRows } from "./timeline.js";

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
  /** A run that succeeded with failures exits 1 instead of 0. */
  failOnTaskFailure?: boolean;
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
  if (result.kind !== "ended") return stopWatching(result.kind, runId, opts.url, took, io, opts);

  const { run, outcome } = result;
  for (const line of renderTimeline(timelineRows(run, io.wallNow()))) io.out(line);
  const end = ending(idToString(runId), outcome, took, opts.failOnTaskFailure);
  io.out(end.line);
  if (end.reportTasks) {
    await reportFailures(run, { getOutput: (taskRunId) => io.runs.getOutput(taskRunId), err: io.err });
    io.err(repairHint(runId));
    io.err(`run page: ${opts.url}`);
  }
  return end.code;
}
