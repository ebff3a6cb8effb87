/**
 * A watch that ends before the run does: Ctrl-C (the run is cancelled unless the user detached) or the
 * client-side --timeout (cancelled unless --no-cancel-on-timeout). Both `submit` and the job-run
 * commands end this way, with the same lines and exit codes.
 */
import type { Id, RunsApi } from "../databricks/index.js";
import { idToString } from "../lib/json.js";
import { EXIT } from "./state.js";

export interface StopIo {
  runs: Pick<RunsApi, "cancel">;
  err: (line: string) => void;
}

export interface StopOptions {
  /** On Ctrl-C leave the run going instead of cancelling it. */
  detach: boolean;
  cancelOnTimeout: boolean;
}

/** Asks the workspace to cancel; a failure is reported, never thrown, since the caller is already ending. */
export async function cancel(io: StopIo, runId: Id, why: string): Promise<void> {
  try {
    await io.runs.cancel(runId);
    io.err(`${why}: cancel requested for run ${idToString(runId)}`);
  } catch (e) {
    io.err(`${why}: could not cancel run ${idToString(runId)} (${(e as Error).message}); cancel it from the run page`);
  }
}

/** `took` is the watch's length as shown; resolves to the exit code of PRODUCT.md (130 or 4). */
export async function stopWatching(kind: "interrupted" | "timeout", runId: Id, url: string, took: string, io: StopIo, opts: StopOptions): Promise<number> {
  const id = idToString(runId);
  if (kind === "interrupted") {
    if (opts.detach) io.err(`interrupted: run ${id} goes on (--detach): ${url}`);
    else await cancel(io, runId, "interrupted");
    return EXIT.interrupted;
  }
  if (opts.cancelOnTimeout) await cancel(io, runId, `--timeout reached after ${took}`);
  else io.err(`--timeout reached after ${took}: run ${id} goes on (--no-cancel-on-timeout): ${url}`);
  return EXIT.timeout;
}
