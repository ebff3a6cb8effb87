// jobs/create, reset, update and delete: full replace, keyed partial update with fields_to_remove,
// and the owner/ACL bookkeeping of a new job (API-NOTES §4, §6).
import type { ApiVersion, EmuRequest, EmuResponse } from "../types.js";
import type { Grant, Json, Workspace } from "../state.js";
import { invalid, jobNotFound, missingField } from "../errors.js";
import { isObject } from "../defaults.js";
import { asArray, storedSettings } from "../job-settings.js";
import { validateSettings } from "../validate.js";
import { aclKey, checkOwners, parseGrants, requireManage } from "../acl.js";
import { bodyObject, idField } from "../request-fields.js";
import { checkRunAs } from "../principals.js";
import { idFromString } from "../../lib/json.js";
import { withPolicies } from "../cluster-policy-enforce.js";

const version = (req: EmuRequest): ApiVersion => req.apiVersion ?? "2.2";

function callerName(req: EmuRequest): string {
  return req.caller?.name ?? "anonymous";
}

export function createJob(req: EmuRequest, ws: Workspace): EmuResponse {
  const { access_control_list: aclInput, ...input } = bodyObject(req);
  const settings = storedSettings(withPolicies(ws, input), "create", version(req));
  validateSettings(settings);
  checkRunAs(ws, settings);
  const requested = parseGrants(ws, aclInput);
  // The creator owns the job unless the request names another owner (API-NOTES §4 jobs/create).
  const grants: Grant[] = requested.some((g) => g.level === "IS_OWNER")
    ? requested
    : [{ kind: req.caller?.kind ?? "user", name: callerName(req), level: "IS_OWNER" }, ...requested.filter((g) => g.name.toLowerCase() !== callerName(req).toLowerCase())];
  checkOwners(grants);
  const id = ws.allocateId();
  ws.jobs.set(id, { id, created_time: Date.now(), creator_user_name: callerName(req), settings, version: 1 });
  ws.acls.set(aclKey(id), grants);
  return { status: 200, body: { job_id: idFromString(id) } };
}

function existingJob(req: EmuRequest, ws: Workspace, body: Json, forDelete = false) {
  const id = idField(body.job_id, "job_id");
  requireManage(ws, id, req.caller, forDelete);
  const rec = ws.jobs.get(id);
  if (!rec) throw jobNotFound(id);
  return rec;
}

export function resetJob(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const rec = existingJob(req, ws, body);
  if (!isObject(body.new_settings)) throw missingField("new_settings");
  const settings = storedSettings(withPolicies(ws, body.new_settings), "reset", version(req), rec.settings);
  validateSettings(settings);
  checkRunAs(ws, settings);
  rec.settings = settings;
  rec.version += 1;
  return { status: 200, body: {} };
}

/** Keyed lists merge entry by entry on update; entries not mentioned are kept (sdk-go UpdateJob doc). */
const MERGED_BY_KEY: Record<string, string> = { tasks: "task_key", job_clusters: "job_cluster_key" };

function removeFields(settings: Json, fields: unknown): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) throw invalid("fields_to_remove must be a list of field names");
  for (const f of fields) {
    if (typeof f !== "string") throw invalid("fields_to_remove must be a list of field names");
    const slash = f.indexOf("/");
    if (slash < 0) {
      delete settings[f];
      continue;
    }
    const list = f.slice(0, slash);
    const key = MERGED_BY_KEY[list];
    // Only tasks/<key> and job_clusters/<key> may be removed below the top level (API-NOTES §4).
    if (key === undefined) throw invalid(`Cannot remove field ${f}: only top-level fields, tasks/<task_key> and job_clusters/<job_cluster_key> can be removed.`);
    const name = f.slice(slash + 1);
    const kept = asArray(settings[list]).filter((e) => e[key] !== name);
    if (kept.length > 0) settings[list] = kept;
    else delete settings[list];
  }
}

function mergeByKey(current: unknown, incoming: unknown, key: string): Json[] {
  const out = asArray(current).slice();
  for (const entry of asArray(incoming)) {
    const at = out.findIndex((e) => e[key] === entry[key]);
    if (at >= 0) out[at] = entry;
    else out.push(entry);
  }
  return out;
}

export function updateJob(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const rec = existingJob(req, ws, body);
  const merged: Json = structuredClone(rec.settings);
  // Removals first, then the new values, then the result is validated as a whole (API-NOTES §4).
  removeFields(merged, body.fields_to_remove);
  if (body.new_settings !== undefined) {
    if (!isObject(body.new_settings)) throw invalid("new_settings must be an object");
    for (const [k, v] of Object.entries(body.new_settings)) {
      const key = MERGED_BY_KEY[k];
      merged[k] = key ? mergeByKey(merged[k], v, key) : v;
    }
  }
  const settings = storedSettings(withPolicies(ws, merged), "update", version(req), rec.settings);
  validateSettings(settings);
  checkRunAs(ws, settings);
  rec.settings = settings;
  rec.version += 1;
  return { status: 200, body: {} };
}

export function deleteJob(req: EmuRequest, ws: Workspace): EmuResponse {
  const rec = existingJob(req, ws, bodyObject(req), true);
  // The ACL is kept: the real service soft-deletes job ACLs and the Permissions API may still answer.
  ws.jobs.delete(rec.id);
  return { status: 200, body: {} };
}
