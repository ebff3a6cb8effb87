// Job access control as the Permissions API 2.0 models it: direct grants stored per job, the
// `admins` group's inherited CAN_MANAGE added on read, exactly one owner (API-NOTES §6).
import type { Principal, PrincipalKind } from "./types.js";
import type { Grant, Json, Workspace } from "./state.js";
import { invalid, permissionDenied } from "./errors.js";
import { isObject } from "./defaults.js";
import { classify, requireKnown } from "./principals.js";

export const JOB_LEVELS = ["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"] as const;
const RANK: Record<string, number> = { CAN_VIEW: 1, CAN_MANAGE_RUN: 2, CAN_MANAGE: 3, IS_OWNER: 4 };
export const VIEW = 1;
export const MANAGE_RUN = 2;
export const MANAGE = 3;

export const LEVEL_DESCRIPTIONS: Record<string, string> = {
  CAN_VIEW: "Can view the job's settings and its runs",
  CAN_MANAGE_RUN: "Can view, run, cancel and repair runs of the job",
  CAN_MANAGE: "Can edit, delete and manage permissions of the job",
  IS_OWNER: "Owns the job: all rights; runs default to this identity",
};

export const aclKey = (jobId: string) => `jobs/${jobId}`;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function jobOwner(ws: Workspace, jobId: string): Grant | undefined {
  return ws.acls.get(aclKey(jobId))?.find((g) => g.level === "IS_OWNER");
}

/** The caller's level on a job: admins manage everything; others hold what the ACL grants them by name. */
export function callerRank(ws: Workspace, jobId: string, caller: Principal | undefined): number {
  if (!caller) return 0;
  if (ws.isAdmin(caller)) return MANAGE;
  let best = 0;
  for (const g of ws.acls.get(aclKey(jobId)) ?? []) if (g.kind !== "group" && same(g.name, caller.name)) best = Math.max(best, RANK[g.level] ?? 0);
  return best;
}

/** Read rights checked before existence, as the real service does (a deleted job still answers 403). */
export function requireView(ws: Workspace, jobId: string, caller: Principal | undefined): void {
  if (callerRank(ws, jobId, caller) < VIEW)
    throw permissionDenied(`User ${caller?.name ?? "anonymous"} does not have View or Admin or Manage Run or Owner permissions on job ${jobId}`);
}

export function requireManage(ws: Workspace, jobId: string, caller: Principal | undefined, forDelete = false): void {
  if (callerRank(ws, jobId, caller) >= MANAGE) return;
  const who = caller?.name ?? "anonymous";
  if (forDelete) throw permissionDenied(`User ${who} does not have Admin or Owner permissions on job ${jobId}`);
  throw permissionDenied(`${who} does not have Manage permissions on Job with ID: ElasticJobId(${jobId}). Please contact the owner or an administrator for access.`);
}

const PRINCIPAL_FIELDS: ReadonlyArray<[string, PrincipalKind]> = [
  ["user_name", "user"],
  ["group_name", "group"],
  ["service_principal_name", "service_principal"],
];

/** Parses an access_control_list request; a principal listed twice keeps its last level (cli-cloud factcheck). */
export function parseGrants(ws: Workspace, list: unknown): Grant[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid("access_control_list must be a list");
  const out: Grant[] = [];
  for (const entry of list) {
    if (!isObject(entry)) throw invalid("access_control_list entries must be objects");
    const named = PRINCIPAL_FIELDS.filter(([f]) => typeof entry[f] === "string" && entry[f] !== "");
    if (named.length !== 1) throw invalid("Exactly one of user_name, group_name or service_principal_name must be set in an access control entry.");
    const [field, kind] = named[0] as [string, PrincipalKind];
    const level = entry.permission_level;
    if (typeof level !== "string") throw invalid("Missing required field: access_control_list.permission_level");
    if (!(level in RANK)) throw invalid(`Permission level ${level} is not supported for jobs. Supported levels: ${JOB_LEVELS.join(", ")}.`);
    const p = classify(ws, kind, entry[field] as string);
    // The whole request is refused before anything changes: the old ACL stays (issue #12, difference 1).
    requireKnown(ws, p);
    const at = out.findIndex((g) => g.kind === p.kind && same(g.name, p.name));
    if (at >= 0) out.splice(at, 1);
    out.push({ kind: p.kind, name: p.name, level });
  }
  return out;
}

/** A job has exactly one owner, a user or service principal, never a group (API-NOTES §6.3). */
export function checkOwners(grants: Grant[]): void {
  const owners = grants.filter((g) => g.level === "IS_OWNER");
  if (owners.length !== 1) throw invalid("The job must have exactly one owner.");
  const owner = owners[0] as Grant;
  if (owner.kind === "group") throw invalid(`Group ${owner.name} cannot be the owner of a job. The owner must be a user or a service principal.`);
}

const FIELD_OF: Record<PrincipalKind, string> = { user: "user_name", group: "group_name", service_principal: "service_principal_name" };

export function principalEntry(p: Principal): Json {
  return { [FIELD_OF[p.kind]]: p.name };
}

/** JobPermissions as GET/PUT/PATCH answer them: direct grants plus the inherited admins entry. */
export function renderAcl(ws: Workspace, jobId: string): Json {
  const acl: Json[] = (ws.acls.get(aclKey(jobId)) ?? []).map((g) => ({
    ...principalEntry(g),
    all_permissions: [{ permission_level: g.level, inherited: false }],
  }));
  acl.push({ group_name: "admins", all_permissions: [{ permission_level: "CAN_MANAGE", inherited: true, inherited_from_object: ["/jobs/"] }] });
  return { object_id: `/jobs/${jobId}`, object_type: "job", access_control_list: acl };
}
