/**
 * One-off notebook run: submit, say where it is, watch it, and explain how it ended. The I/O half of
 * the runner: what it sends comes from the pure modules beside it, the watching (polling, states,
 * failure reading, cancel on Ctrl-C or timeout) from the run-watch engine `run` and `runs` share.
 * The client, the clock, the output and the abort signal (Ctrl-C) are injected, so tests drive it
 * without a terminal.
 */
import type { Clock, Id, RunsApi, SubmitRunRequest } from "../databricks/index.js";
import type { Platform } from "../core/generated/project.js";
import { formatDuration } from "../lib/duration.js";
import { reportFailures } from "../run-watch/failure.js";
import { firstLook } from "../run-watch/first-look.js";
import { ending } from "../run-watch/ending.js";
import { EXIT } from "../run-watch/state.js";
import { describeStatus } from "../run-watch/state-label.js";
import { stopWatching } from "../run-watch/stop.js";
import { runPageUrl } from "../run-watch/url.js";
import { watchRun } from "../run-watch/wait.js";
import { missingNotebookHint, pendingHint } from "./hints.js";

export type RunsPort = Pick<RunsApi, "submit" | "get" | "getOutput" | "cancel">;

export interface SubmitIo {
  runs: RunsPort;
  host: string;
  clock: Clock;
  random?: () => number;
  /** A line of the run's story (stdout). */
  out: (line: string) => void;
  /** Warnings, errors and hints (stderr). */
  err: (line: string) => void;
  /** On a TTY: replace the live status line; undefined clears it before a normal line is printed. */
  live?: (line: string | undefined) => void;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export interface SubmitOptions {
  notebookPath: string;
  computeType?: Platform["compute_type"];
  wait: boolean;
  timeoutMs?: number;
  /** On Ctrl-C leave the run going instead of cancelling it. */
  detach: boolean;
  cancelOnTimeout: boolean;
}

/** Submits `request` and, unless told not to wait, watches the run; resolves to the exit code. */
export async function submitAndWatch(request: SubmitRunRequest, io: SubmitIo, opts: SubmitOptions): Promise<number> {
  const { run_id: runId } = await io.runs.submit(request);
  // Ctrl-C during the submit itself: the run exists now, so it is cancelled like any watched run.
  const first = await firstLook(io.runs, runId, {}, io.signal);
  const url = runPageUrl(io.host, runId, first?.run_page_url);
  // Printed before any waiting so a killed CI step still leaves the id and link in its log.
  io.out(`Run ${runId.toString()} submitted: ${url}`);
  if (!opts.wait) return EXIT.success;

  let shown = "";
  let pendingSince: number | undefined;
  let hinted = false;
  const started = io.clock.now();
  const result = await watchRun((signal) => io.runs.get(runId, {}, { signal }), {
    clock: io.clock,
    random: io.random,
    timeoutMs: opts.timeoutMs,
    signal: io.signal,
    first,
    onTransientError: (e) => io.err(`warning: checking the run failed (${e.message}); still watching`),
    onPoll: (_run, outcome, elapsed) => {
      const line = describeStatus(outcome);
      const stamp = `[${formatDuration(elapsed)}]`;
      if (line !== shown) {
        shown = line;
        if (io.live) io.live(`${stamp} ${line}`);
        else io.out(`${stamp} ${line}`);
      } else if (io.live) io.live(`${stamp} ${line}`);
      if (outcome.lifeCycle === "PENDING") pendingSince ??= io.clock.now();
      else pendingSince = undefined;
      const hint = !hinted && pendingSince !== undefined ? pendingHint(outcome.lifeCycle, io.clock.now() - pendingSince, opts.computeType) : undefined;
      if (hint) {
        hinted = true;
        io.live?.(undefined);
        io.err(`hint: ${hint}`);
      }
    },
  });
  io.live?.(undefined);
  const took = formatDuration(io.clock.now() - started);

  if (result.kind !== "ended") return stopWatching(result.kind, runId, url, took, io, opts);

  const { run, outcome } = result;
  const end = ending(runId.toString(), outcome, took);
  io.out(end.line);
  if (outcome.phase === "success") await printExitValue(io, run.tasks?.[0]?.run_id);
  if (!end.reportTasks) return end.code;
  const failures = await reportFailures(run, { getOutput: (id) => io.runs.getOutput(id), err: io.err });
  const texts = [outcome.message, ...failures.flatMap((f) => [f.error, f.trace])];
  const hint = missingNotebookHint(texts, opts.notebookPath);
  if (hint) io.err(`hint: ${hint}`);
  io.err(`run page: ${url}`);
  return end.code;
}

/** The value the notebook passed to dbutils.notebook.exit(), when it passed one; best effort. */
async function printExitValue(io: SubmitIo, taskRunId: Id | undefined): Promise<void> {
  if (taskRunId === undefined) return;
  try {
    const output = await io.runs.getOutput(taskRunId);
    const result = output.notebook_output?.result;
    if (result !== undefined && result !== "") io.out(`Notebook exit value${output.notebook_output?.truncated ? " (truncated)" : ""}: ${result}`);
  } catch {
    // The run succeeded; a missing output is not worth a failure or a warning.
  }
}
