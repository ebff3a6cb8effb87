// Looking up runs and checking the caller's rights on them. A run's rights are those on its job (the
// hidden job of a submit run carries the submitter as owner plus the submitted access_control_list).
import type { EmuRequest } from "../types.js";
import type { Workspace } from "../state.js";
import type { RunRecord } from "./model.js";
import { ownerOf } from "./model.js";
import { invalid, permissionDenied } from "../errors.js";
import { MANAGE_RUN, callerRank, requireView } from "../acl.js";
import { now } from "./clock.js";

export const hostOf = (req: EmuRequest) => req.baseUrl ?? "http://localhost";

/** Unknown runs answer 400 INVALID_PARAMETER_VALUE (API-NOTES §8.3). */
export const runNotFound = (id: string) => invalid(`Run ${id} does not exist.`);

/** The run owning a run id or task run id; runs planned for later (child runs) do not exist yet. */
export function findRun(ws: Workspace, id: string): RunRecord {
  const run = ownerOf(ws, id);
  if (!run || run.created > now(ws)) throw runNotFound(id);
  return run;
}

export function requireRunView(ws: Workspace, run: RunRecord, req: EmuRequest): void {
  requireView(ws, run.job_id, req.caller);
}

export function requireManageRun(ws: Workspace, jobId: string, req: EmuRequest): void {
  if (callerRank(ws, jobId, req.caller) >= MANAGE_RUN) return;
  // wording ours, shaped like the recorded View message.
  throw permissionDenied(`User ${req.caller?.name ?? "anonymous"} does not have Manage Run or Owner or Admin permissions on job ${jobId}`);
}
