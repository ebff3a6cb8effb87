/**
 * Watching a run to its end: runs/get on the schedule in schedule.ts until the run is terminal, the
 * caller's deadline passes, or the caller aborts (Ctrl-C). No I/O of its own: the call and the clock
 * are injected, so tests and the polling benchmark run on simulated time.
 */
import { ApiError, NetworkError } from "../databricks/index.js";
import type { Clock, Run } from "../databricks/index.js";
import { pollDelay } from "./schedule.js";
import { runOutcome } from "./state.js";
import type { RunOutcome } from "./state.js";

export type GetRun = (signal: AbortSignal | undefined) => Promise<Run>;

export interface WatchOptions {
  clock: Clock;
  random?: () => number;
  /** Client-side limit in ms from the start of the watch; undefined waits for the end. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Every poll's answer (the caller prints changes and hints). */
  onPoll?: (run: Run, outcome: RunOutcome, elapsedMs: number) => void;
  /** A poll failed but the watch goes on. */
  onTransientError?: (err: Error) => void;
  /** How long polls may keep failing before the watch gives up (the client already retried each). */
  errorBudgetMs?: number;
  /** An answer already in hand (the one that gave the run page URL): counts as the first poll. */
  first?: Run;
}

export type WatchResult =
  | { kind: "ended"; run: Run; outcome: RunOutcome }
  | { kind: "timeout"; run?: Run }
  | { kind: "interrupted"; run?: Run };

const DEFAULT_ERROR_BUDGET_MS = 5 * 60_000;

/** Errors a watch outlives: throttling, gateways, dropped connections. A 400/403/404 is not passing. */
export function isTransient(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (err instanceof ApiError) return err.status === 429 || err.status >= 500 || err.errorCode === "TEMPORARILY_UNAVAILABLE";
  return false;
}

/**
 * Runs one call under its own child signal. Layers below may leave a listener on the signal they
 * get (the client's rate limiter does, once per request); a watch makes hundreds of calls, so they
 * must land on a throwaway signal, not on the one that lives for the whole watch.
 */
export async function withChildSignal<T>(signal: AbortSignal | undefined, call: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!signal) return call(undefined);
  const child = new AbortController();
  const forward = () => child.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener("abort", forward, { once: true });
  try {
    return await call(child.signal);
  } finally {
    signal.removeEventListener("abort", forward);
  }
}

export async function watchRun(getRun: GetRun, opts: WatchOptions): Promise<WatchResult> {
  const { clock, signal } = opts;
  const random = opts.random ?? Math.random;
  const budget = opts.errorBudgetMs ?? DEFAULT_ERROR_BUDGET_MS;
  const start = clock.now();
  const deadline = opts.timeoutMs === undefined ? Infinity : start + opts.timeoutMs;
  let last: Run | undefined;
  let failingSince: number | undefined;
  let pending = opts.first;
  const stopped = (kind: "timeout" | "interrupted"): WatchResult => (last ? { kind, run: last } : { kind });

  for (;;) {
    if (signal?.aborted) return stopped("interrupted");
    let run: Run | undefined = pending;
    pending = undefined;
    if (!run) {
      try {
        run = await withChildSignal(signal, getRun);
        failingSince = undefined;
      } catch (err) {
        if (signal?.aborted) return stopped("interrupted");
        if (!isTransient(err)) throw err;
        failingSince ??= clock.now();
        if (clock.now() - failingSince > budget) throw err;
        opts.onTransientError?.(err as Error);
      }
    }
    const elapsed = clock.now() - start;
    if (run) {
      last = run;
      const outcome = runOutcome(run);
      opts.onPoll?.(run, outcome, elapsed);
      if (outcome.phase !== "running") return { kind: "ended", run, outcome };
    }
    const now = clock.now();
    if (now >= deadline) return stopped("timeout");
    const delay = Math.min(pollDelay(elapsed, random), deadline - now);
    try {
      await clock.sleep(delay, signal);
    } catch (err) {
      if (signal?.aborted) return stopped("interrupted");
      throw err;
    }
  }
}
