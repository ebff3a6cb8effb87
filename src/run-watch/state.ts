/**
 * Run states → the four outcomes jobform reports, and their exit codes (PRODUCT.md). Unknown values
 * never end a watch or crash it: the API has added states before (QUEUED, BLOCKED, WAITING) and
 * runners with closed lists broke each time, so an unknown life cycle is "still running" and the raw
 * value is shown.
 */
import type { Run, RunState } from "../databricks/index.js";

export type Phase = "running" | "success" | "failed" | "cancelled";

export interface RunOutcome {
  phase: Phase;
  /** The raw life cycle (or v2 status) for display, e.g. PENDING, TERMINATED. */
  lifeCycle: string;
  result?: string;
  message?: string;
}

const TERMINAL = new Set(["TERMINATED", "SKIPPED", "INTERNAL_ERROR"]);
const CANCELLED_RESULTS = new Set(["CANCELED", "EXCLUDED", "UPSTREAM_CANCELED", "DISABLED"]);
// v2 status.termination_details codes that mean "stopped by someone", not "broke".
const CANCELLED_CODES = new Set(["USER_CANCELED", "CANCELED", "SKIPPED", "DISABLED"]);

export function isTerminalLifeCycle(lifeCycle: string): boolean {
  return TERMINAL.has(lifeCycle);
}

/** Phase of a finished run from its result_state; SUCCESS_WITH_FAILURES still succeeded (its leaves did). */
function phaseOfResult(result: string | undefined): Phase {
  if (result === "SUCCESS" || result === "SUCCESS_WITH_FAILURES") return "success";
  if (result !== undefined && CANCELLED_RESULTS.has(result)) return "cancelled";
  // FAILED, TIMEDOUT, MAXIMUM_CONCURRENT_RUNS_REACHED, UPSTREAM_FAILED and anything new: not a success.
  return "failed";
}

export function stateOutcome(state: RunState | undefined, status?: Run["status"]): RunOutcome {
  const lifeCycle = state?.life_cycle_state;
  const message = state?.state_message || status?.termination_details?.message || undefined;
  const base = (o: RunOutcome): RunOutcome => {
    if (message) o.message = message;
    return o;
  };
  if (lifeCycle === undefined) {
    // Only the newer `status` is present: TERMINATED + termination_details carries the result.
    const v2 = status?.state ?? "UNKNOWN";
    if (v2 !== "TERMINATED") return base({ phase: "running", lifeCycle: v2 });
    const code = status?.termination_details?.code;
    const phase: Phase = code === "SUCCESS" || code === "SUCCESS_WITH_FAILURES" ? "success" : code !== undefined && CANCELLED_CODES.has(code) ? "cancelled" : "failed";
    return base(code ? { phase, lifeCycle: v2, result: code } : { phase, lifeCycle: v2 });
  }
  const result = state?.result_state;
  const o: RunOutcome = { phase: "running", lifeCycle };
  if (result) o.result = result;
  if (lifeCycle === "SKIPPED") o.phase = "cancelled";
  else if (lifeCycle === "INTERNAL_ERROR") o.phase = "failed";
  else if (lifeCycle === "TERMINATED") o.phase = phaseOfResult(result);
  return base(o);
}

export function runOutcome(run: Pick<Run, "state" | "status">): RunOutcome {
  return stateOutcome(run.state, run.status);
}

export const EXIT = { success: 0, failed: 1, cancelled: 3, timeout: 4, interrupted: 130 } as const;

export function exitCodeFor(phase: Exclude<Phase, "running">): number {
  return EXIT[phase];
}

/**
 * SUCCESS_WITH_FAILURES: every leaf task succeeded, so the run did, but a task on the way failed (one
 * whose dependents run on ALL_DONE or AT_LEAST_ONE_SUCCESS). Worth saying: nobody should read "succeeded"
 * and miss a broken task.
 */
export function succeededWithFailures(o: RunOutcome): boolean {
  return o.phase === "success" && o.result === "SUCCESS_WITH_FAILURES";
}
