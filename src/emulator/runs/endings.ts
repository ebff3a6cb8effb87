// The endings a task run can have, with the legacy state and the new status termination details side
// by side. Messages recorded in API-NOTES are used verbatim; the others are marked "wording ours".
import type { Ending } from "./model.js";

/** The message a failed task carries (cli-cloud job_runs/failed_run, API-NOTES §4 runs/get). */
export const WORKLOAD_FAILED = "Workload failed, see run output for details";

export const SUCCESS: Ending = { life: "TERMINATED", result: "SUCCESS", message: "", code: "SUCCESS", type: "SUCCESS" };

export function failed(message = WORKLOAD_FAILED, extra: Partial<Ending> = {}): Ending {
  return { life: "TERMINATED", result: "FAILED", message, code: "RUN_EXECUTION_ERROR", type: "CLIENT_ERROR", ...extra };
}

export function internalError(message: string, code = "INTERNAL_ERROR", type = "INTERNAL_ERROR", extra: Partial<Ending> = {}): Ending {
  return { life: "INTERNAL_ERROR", result: "FAILED", message, code, type, ...extra };
}

/** A platform-enforced stop (timeout_seconds): the CANCELED termination code covers "maximum run duration exceeded". */
export function timedOut(seconds: number): Ending {
  // wording ours.
  return { life: "TERMINATED", result: "TIMEDOUT", message: `Task timed out after ${seconds} seconds.`, code: "CANCELED", type: "CLIENT_ERROR", byUser: true };
}

export function canceled(byUser: boolean): Ending {
  // wording ours.
  const message = byUser ? "Run cancelled by user." : "The run was canceled.";
  return { life: "TERMINATED", result: "CANCELED", message, code: byUser ? "USER_CANCELED" : "CANCELED", type: "SUCCESS", byUser: true };
}

/** Tasks that never execute: termination code SKIPPED ("the dependency type condition was not met"). */
export function notRun(result: "EXCLUDED" | "UPSTREAM_FAILED" | "UPSTREAM_CANCELED" | "DISABLED"): Ending {
  // wording ours.
  const message = {
    EXCLUDED: "The task was excluded because its run condition was not met.",
    UPSTREAM_FAILED: "Upstream task failed.",
    UPSTREAM_CANCELED: "Upstream task was canceled.",
    DISABLED: "The task is disabled.",
  }[result];
  return { life: "TERMINATED", result, message, code: result === "DISABLED" ? "DISABLED" : "SKIPPED", type: "SUCCESS" };
}

const FAILURE_RESULTS = new Set(["FAILED", "TIMEDOUT", "UPSTREAM_FAILED"]);
const CANCEL_RESULTS = new Set(["CANCELED", "UPSTREAM_CANCELED"]);
const SUCCESS_RESULTS = new Set(["SUCCESS", "SUCCESS_WITH_FAILURES"]);

export type DepClass = "success" | "failed" | "canceled" | "skipped";

export function classify(result: string): DepClass {
  if (SUCCESS_RESULTS.has(result)) return "success";
  if (FAILURE_RESULTS.has(result)) return "failed";
  if (CANCEL_RESULTS.has(result)) return "canceled";
  return "skipped";
}

/** Results a rerun_all_failed_tasks repair picks up. */
export function needsRerun(result: string): boolean {
  const c = classify(result);
  return c === "failed" || c === "canceled";
}
