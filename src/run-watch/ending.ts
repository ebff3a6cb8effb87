/**
 * How a watched run ended, in one line, and the exit code of PRODUCT.md: 0 succeeded, 1 failed, 3
 * cancelled or skipped. A run that succeeded with failures exits 0, since every leaf task (what the
 * job delivers) succeeded, or 1 when the caller asked (--fail-on-task-failure): CI that gates on every
 * task needs that.
 */
import type { RunOutcome } from "./state.js";
import { EXIT, exitCodeFor, succeededWithFailures } from "./state.js";
import { statusLabel } from "./state-label.js";

export interface Ending {
  line: string;
  code: number;
  /** Failed tasks are worth reporting: the run failed, or succeeded with failures. */
  reportTasks: boolean;
}

/** `o` is the outcome of a finished run (a watch's "ended" result). */
export function ending(id: string, o: RunOutcome, took: string, failOnTaskFailure = false): Ending {
  const message = o.message ? `: ${o.message.replace(/\s+/g, " ").trim()}` : "";
  // Only the first letter: a raw code in the label ("Failed (DRIVER_ERROR)") keeps its spelling.
  const label = statusLabel(o).replace(/^./, (c) => c.toLowerCase());
  if (succeededWithFailures(o)) return { line: `Run ${id} ${label} after ${took}`, code: failOnTaskFailure ? EXIT.failed : EXIT.success, reportTasks: true };
  if (o.phase === "success") return { line: `Run ${id} succeeded after ${took}`, code: EXIT.success, reportTasks: false };
  if (o.phase === "cancelled") return { line: `Run ${id} was ${label}${message}`, code: exitCodeFor("cancelled"), reportTasks: false };
  const verb = label === "skipped" ? "was skipped" : label;
  return { line: `Run ${id} ${verb} after ${took}${message}`, code: exitCodeFor("failed"), reportTasks: true };
}
