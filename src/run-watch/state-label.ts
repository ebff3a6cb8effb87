/**
 * The one word a view shows for a run or task run state. A finished task reads as its result
 * (SUCCESS, FAILED, UPSTREAM_FAILED, EXCLUDED…) because "TERMINATED" alone says nothing; a run still
 * going, or one that ended without a result (SKIPPED, INTERNAL_ERROR), reads as its life cycle.
 */
import type { RunOutcome } from "./state.js";

export function stateLabel(o: RunOutcome): string {
  if (o.phase === "running") return o.lifeCycle;
  if (o.lifeCycle === "TERMINATED" && o.result) return o.result;
  return o.lifeCycle;
}
