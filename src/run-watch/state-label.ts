/**
 * How a run or task run state reads. People see the words of the Jobs UI ("Failed", "Timed out",
 * "Succeeded with failures"): the API's pair `INTERNAL_ERROR FAILED` says the same thing less plainly.
 * Scripts get the raw word (`rawStateWord`) in JSON, where the API's spelling is the contract. A value
 * the API adds later reads as itself until it gets a word here, so nothing is ever hidden.
 */
import type { RunOutcome } from "./state.js";

/** Life cycles of a run or task run that is not finished, as the UI words them. */
const ACTIVE: Record<string, string> = {
  QUEUED: "Queued",
  PENDING: "Pending",
  RUNNING: "Running",
  TERMINATING: "Terminating",
  BLOCKED: "Blocked",
  WAITING: "Waiting",
  WAITING_FOR_RETRY: "Waiting for retry",
};

/** Results (and v2 termination codes) of a finished run or task run. */
const FINISHED: Record<string, string> = {
  SUCCESS: "Succeeded",
  SUCCESS_WITH_FAILURES: "Succeeded with failures",
  FAILED: "Failed",
  TIMEDOUT: "Timed out",
  CANCELED: "Canceled",
  USER_CANCELED: "Canceled",
  // The UI shows a run that was not started because too many were running as skipped.
  MAXIMUM_CONCURRENT_RUNS_REACHED: "Skipped",
  SKIPPED: "Skipped",
  EXCLUDED: "Excluded",
  UPSTREAM_FAILED: "Upstream failed",
  UPSTREAM_CANCELED: "Upstream canceled",
  DISABLED: "Disabled",
};

/**
 * The one raw word for JSON: a finished task reads as its result (SUCCESS, FAILED, UPSTREAM_FAILED…)
 * because "TERMINATED" alone says nothing; a run still going, or one that ended without a result
 * (SKIPPED, INTERNAL_ERROR), reads as its life cycle.
 */
export function rawStateWord(o: RunOutcome): string {
  if (o.phase === "running") return o.lifeCycle;
  if (o.lifeCycle === "TERMINATED" && o.result) return o.result;
  return o.lifeCycle;
}

/** The Jobs UI's word for the state. */
export function statusLabel(o: RunOutcome): string {
  if (o.phase === "running") return ACTIVE[o.lifeCycle] ?? o.lifeCycle;
  if (o.lifeCycle === "SKIPPED") return "Skipped";
  const known = o.result === undefined ? undefined : FINISHED[o.result];
  if (known) return known;
  // A cause the UI has no word for (a v2 termination code such as DRIVER_ERROR, or a new result) stays visible.
  if (o.phase === "failed") return o.result ? `Failed (${o.result})` : "Failed";
  if (o.phase === "cancelled") return "Canceled";
  return "Succeeded";
}

/** "Failed: Task clean failed with message: …" — the label, and the state message when there is one. */
export function describeStatus(o: RunOutcome): string {
  const message = o.message ? `: ${o.message.replace(/\s+/g, " ").trim()}` : "";
  return `${statusLabel(o)}${message}`;
}
