// jobs/runs/cancel, jobs/runs/cancel-all and jobs/runs/delete.
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Workspace } from "../state.js";
import type { RunRecord } from "./model.js";
import { ApiFailure, invalid } from "../errors.js";
import { bodyObject, idField } from "../request-fields.js";
import { allRuns } from "./model.js";
import { now } from "./clock.js";
import { findRun, requireManageRun } from "./access.js";
import { isTerminal, runPhase } from "./view.js";
import { dropRun, truncateRun } from "./truncate.js";
import { requeue } from "./admission.js";

/** Cancels a run (asynchronously: it shows TERMINATING first) and lets queued runs of its job move up. */
function cancelRun(ws: Workspace, run: RunRecord, at: number): void {
  if (isTerminal(runPhase(run, at).life)) return;
  truncateRun(ws, run, at, "user");
  if (run.run_type === "JOB_RUN") requeue(ws, run.job_id, at, Number(run.settings.max_concurrent_runs ?? 1));
}

export function cancel(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = idField(bodyObject(req).run_id, "run_id");
  const run = findRun(ws, id);
  requireManageRun(ws, run.job_id, req);
  // Cancelling a finished run is a no-op (API-NOTES §4 runs/cancel).
  cancelRun(ws, run, now(ws));
  return { status: 200, body: {} };
}

export function cancelAll(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const queuedOnly = body.all_queued_runs === true;
  const jobId = body.job_id === undefined || body.job_id === null ? undefined : idField(body.job_id, "job_id");
  // wording ours.
  if (jobId === undefined && !queuedOnly) throw invalid("Either job_id or all_queued_runs must be set.");
  if (jobId !== undefined) requireManageRun(ws, jobId, req);
  const t = now(ws);
  const targets = allRuns(ws)
    .filter((r) => r.created <= t && (jobId === undefined || r.job_id === jobId))
    .filter((r) => (queuedOnly ? runPhase(r, t).life === "QUEUED" : !isTerminal(runPhase(r, t).life)))
    .filter((r) => jobId !== undefined || ws.isAdmin(req.caller) || r.creator_user_name === req.caller?.name)
    .sort((a, b) => b.created - a.created);
  // Newest (queued) runs first, so cancelling the running ones does not pull them forward first.
  for (const r of targets) cancelRun(ws, r, t);
  return { status: 200, body: {} };
}

export function deleteRun(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = idField(bodyObject(req).run_id, "run_id");
  const run = findRun(ws, id);
  requireManageRun(ws, run.job_id, req);
  // wording ours: only non-active runs may be deleted (API-NOTES §4).
  if (!isTerminal(runPhase(run, now(ws)).life)) throw new ApiFailure(400, "INVALID_STATE", `Run ${id} is still active and cannot be deleted.`);
  dropRun(ws, run);
  return { status: 200, body: {} };
}
