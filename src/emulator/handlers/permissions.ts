// Permissions API 2.0 for jobs: GET, PUT (replace direct grants), PATCH (add/change) and the level list.
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Grant, Workspace } from "../state.js";
import { ApiFailure, missingField } from "../errors.js";
import { JOB_LEVELS, LEVEL_DESCRIPTIONS, aclKey, checkOwners, parseGrants, renderAcl, requireManage } from "../acl.js";
import { bodyObject, idField } from "../request-fields.js";

function objectType(req: EmuRequest): void {
  const type = req.params?.type;
  // Only job ACLs are emulated; other object types answer like an unknown route of the real gateway.
  if (type !== "jobs") throw new ApiFailure(404, "ENDPOINT_NOT_FOUND", `No API found for '${req.method} /permissions/${type}/${req.params?.id ?? ""}'`);
}

function jobIdOf(req: EmuRequest, ws: Workspace, mustExist: boolean): string {
  objectType(req);
  const id = idField(req.params?.id, "job_id");
  requireManage(ws, id, req.caller);
  // ACLs of deleted jobs still answer reads; writes need a live job.
  const known = mustExist ? ws.jobs.has(id) : ws.acls.has(aclKey(id)) || ws.jobs.has(id);
  if (!known) throw new ApiFailure(404, "RESOURCE_DOES_NOT_EXIST", `Job ${id} does not exist.`);
  return id;
}

export function getPermissions(req: EmuRequest, ws: Workspace): EmuResponse {
  return { status: 200, body: renderAcl(ws, jobIdOf(req, ws, false)) };
}

export function setPermissions(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = jobIdOf(req, ws, true);
  const grants = parseGrants(ws, bodyObject(req).access_control_list);
  checkOwners(grants);
  ws.acls.set(aclKey(id), grants);
  return { status: 200, body: renderAcl(ws, id) };
}

export function updatePermissions(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = jobIdOf(req, ws, true);
  const list = bodyObject(req).access_control_list;
  // A PATCH without a list is refused, not a no-op 200 (issue #12, difference 10); wording ours, unverified,
  // modelled on the "Missing required field" answers of the other permission APIs (tf PR #5095).
  if (list === undefined) throw missingField("access_control_list");
  const requested = parseGrants(ws, list);
  const grants: Grant[] = (ws.acls.get(aclKey(id)) ?? []).map((g) => ({ ...g }));
  const newOwner = requested.find((g) => g.level === "IS_OWNER");
  if (newOwner) {
    // A transferred ownership leaves the previous owner with CAN_MANAGE (doc jobs-acl).
    for (const g of grants) if (g.level === "IS_OWNER" && g.name.toLowerCase() !== newOwner.name.toLowerCase()) g.level = "CAN_MANAGE";
  }
  for (const r of requested) {
    const at = grants.findIndex((g) => g.kind === r.kind && g.name.toLowerCase() === r.name.toLowerCase());
    if (at >= 0) grants[at] = r;
    else grants.push(r);
  }
  checkOwners(grants);
  ws.acls.set(aclKey(id), grants);
  return { status: 200, body: renderAcl(ws, id) };
}

export function permissionLevels(req: EmuRequest, ws: Workspace): EmuResponse {
  jobIdOf(req, ws, false);
  return {
    status: 200,
    body: { permission_levels: JOB_LEVELS.map((l) => ({ permission_level: l, description: LEVEL_DESCRIPTIONS[l] })) },
  };
}
