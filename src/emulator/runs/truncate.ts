// Stopping a run early: runs/cancel (by a user) and a run's timeout_seconds (by the platform). Task runs
// already finished keep their ending; running ones go TERMINATING and end CANCELED/TIMEDOUT after the
// cleanup share of the run duration; those that never started end without running.
import type { Workspace } from "../state.js";
import type { RunRecord, TaskRun } from "./model.js";
import { getRun } from "./model.js";
import { canceled, notRun, timedOut } from "./endings.js";
import { phases } from "./planner.js";

/** Removes a run that had not been created yet at the cut (a child run of a task that never started). */
export function dropRun(ws: Workspace, run: RunRecord): void {
  for (const t of [...run.tasks, ...run.iterations]) {
    ws.runs.delete(t.run_id);
    const child = t.child_run_id ? getRun(ws, t.child_run_id) : undefined;
    if (child) dropRun(ws, child);
  }
  ws.runs.delete(run.run_id);
}

function cut(ws: Workspace, t: TaskRun, at: number, stop: number, reason: "user" | "timeout"): boolean {
  if (t.created > at) {
    ws.runs.delete(t.run_id);
    const child = t.child_run_id ? getRun(ws, t.child_run_id) : undefined;
    if (child) dropRun(ws, child);
    return false;
  }
  if (t.end <= at) return true;
  const ending = reason === "user" ? canceled(true) : timedOut(Number(t.spec.timeout_seconds ?? 0));
  const child = t.child_run_id ? getRun(ws, t.child_run_id) : undefined;
  if (t.start <= at) {
    const elapsed = at - t.start;
    t.setup = Math.min(t.setup, elapsed);
    t.exec = Math.min(t.exec, Math.max(0, elapsed - t.setup));
    t.end = stop;
    t.cleanup = t.end - t.start - t.setup - t.exec;
    t.ending = ending;
    if (child) truncateRun(ws, child, at, reason);
  } else {
    if (child) dropRun(ws, child);
    delete t.child_run_id;
    t.start = stop;
    t.end = stop;
    t.setup = t.exec = t.cleanup = 0;
    t.ending = t.blocked ? notRun("UPSTREAM_CANCELED") : ending;
  }
  return true;
}

export function truncateRun(ws: Workspace, run: RunRecord, at: number, reason: "user" | "timeout"): void {
  if (run.end <= at && !(run.start > at)) return;
  // A queued run has nothing to clean up: it ends at the cut. A running one goes TERMINATING first.
  const stop = run.start > at ? at : at + phases(ws.config.runDurationMs ?? 1000).cleanup;
  if (run.start > at) run.start = at;
  run.tasks = run.tasks.filter((t) => cut(ws, t, at, stop, reason));
  run.iterations = run.iterations.filter((t) => cut(ws, t, at, stop, reason));
  const kept = new Set(run.iterations.map((t) => t.run_id));
  for (const t of run.tasks) if (t.iteration_ids) t.iteration_ids = t.iteration_ids.filter((id) => kept.has(id));
  run.cancel = { at, reason };
  run.end = Math.max(stop, ...run.tasks.map((t) => t.end));
}
