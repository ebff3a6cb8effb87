// max_concurrent_runs and queueing: whether a new job run starts now, waits QUEUED for a slot, or is
// SKIPPED. Runs are planned up front, so "when does a slot free up" is read off the other runs' plans.
import type { Workspace } from "../state.js";
import type { Ending, RunRecord } from "./model.js";
import { allRuns, everyTaskRun, getRun } from "./model.js";

export type Admission = { start: number; queued: boolean } | { skipped: Ending };

function occupants(ws: Workspace, jobId: string, self?: RunRecord): RunRecord[] {
  return allRuns(ws).filter((r) => r.job_id === jobId && r.run_type !== "SUBMIT_RUN" && !r.skipped && r !== self);
}

/** Runs holding a slot at τ: started and not yet ended. */
const busyAt = (runs: RunRecord[], tau: number) => runs.filter((r) => r.start <= tau && tau < r.end).length;

export function admit(ws: Workspace, jobId: string, at: number, maxConcurrent: number, queueEnabled: boolean, self?: RunRecord): Admission {
  if (maxConcurrent <= 0) return { skipped: skippedEnding() };
  const others = occupants(ws, jobId, self);
  // Only runs queued before this one are ahead of it (matters when a queued run is re-admitted).
  const waiting = others.filter((r) => r.created <= at && r.start > at && (!self || BigInt(r.run_id) < BigInt(self.run_id)));
  if (busyAt(others, at) < maxConcurrent && waiting.length === 0) return { start: at, queued: false };
  if (!queueEnabled) return { skipped: skippedEnding() };
  // FIFO: never ahead of a run queued earlier; take the first end of a run after which a slot is free.
  const floor = Math.max(at, ...waiting.map((r) => r.start));
  const candidates = [floor, ...others.map((r) => r.end).filter((e) => e > floor)].sort((a, b) => a - b);
  for (const tau of candidates) if (busyAt(others, tau) < maxConcurrent) return { start: tau, queued: true };
  return { start: Math.max(floor, ...others.map((r) => r.end)), queued: true };
}

function skippedEnding(): Ending {
  // wording ours: the result state and termination code are documented, the message is not recorded.
  return {
    life: "SKIPPED",
    result: "MAXIMUM_CONCURRENT_RUNS_REACHED",
    message: "Skipping this run because the limit of max concurrent runs for this job has been reached.",
    code: "MAX_CONCURRENT_RUNS_EXCEEDED",
    type: "CLIENT_ERROR",
  };
}

/** Moves a not-yet-started run (and any child runs) in time. */
function shift(ws: Workspace, run: RunRecord, delta: number): void {
  run.start += delta;
  run.end += delta;
  for (const t of everyTaskRun(run)) {
    if (t.created >= run.start - delta) t.created += delta;
    t.start += delta;
    t.end += delta;
    const child = t.child_run_id ? getRun(ws, t.child_run_id) : undefined;
    if (child) {
      child.created += delta;
      shift(ws, child, delta);
    }
  }
}

/** After a run of the job ends early (cancel), queued runs move up to the slots that freed. */
export function requeue(ws: Workspace, jobId: string, at: number, maxConcurrent: number): void {
  const queued = occupants(ws, jobId)
    .filter((r) => r.start > at && r.start > r.created)
    .sort((a, b) => a.created - b.created);
  for (const r of queued) {
    const a = admit(ws, jobId, Math.max(at, r.created), maxConcurrent, true, r);
    if ("start" in a && a.start < r.start) shift(ws, r, a.start - r.start);
  }
}
