// Permissions and run_as identities in canonical form (API-NOTES §5.6, §6.4): a set principal → level,
// principals compared case-insensitively, an application id written as user_name treated as the service
// principal the server turns it into.
import { isPlainObject } from "./merge.js";

export type PrincipalKind = "user" | "group" | "service_principal";
/** `kind:name-lowercased` → permission level. */
export type Acl = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS: ReadonlyArray<[string, PrincipalKind]> = [
  ["user_name", "user"],
  ["group_name", "group"],
  ["service_principal_name", "service_principal"],
];
/** Higher wins when the live ACL lists several direct levels for one principal (§5.7 #24). */
const RANK: Record<string, number> = { CAN_VIEW: 1, CAN_MANAGE_RUN: 2, CAN_MANAGE: 3, IS_OWNER: 4 };
export const OWNER = "IS_OWNER";

export interface Principal {
  kind: PrincipalKind;
  name: string;
}

/** The principal of an ACL entry or run_as block; an app id sent as user_name is a service principal. */
export function principalOf(entry: unknown): Principal | undefined {
  if (!isPlainObject(entry)) return undefined;
  for (const [field, kind] of FIELDS) {
    const name = entry[field];
    if (typeof name !== "string" || name === "") continue;
    return { kind: kind === "user" && UUID.test(name) ? "service_principal" : kind, name: name.toLowerCase() };
  }
  return undefined;
}

/** A bare identity (the deployer, run_as_user_name): an app id is a service principal, anything else a user. */
export function identity(name: string): Principal {
  return principalOf({ user_name: name }) as Principal;
}

export const principalKey = (p: Principal) => `${p.kind}:${p.name}`;
export function parsePrincipalKey(key: string): Principal {
  const at = key.indexOf(":");
  return { kind: key.slice(0, at) as PrincipalKind, name: key.slice(at + 1) };
}

/** `admins` always holds an inherited CAN_MANAGE that cannot be changed; neither side may manage it. */
const isAdmins = (p: Principal) => p.kind === "group" && p.name === "admins";

/**
 * The desired ACL: entries in order (a later entry for the same principal wins, as PUT does) and, when no
 * owner is declared, the deploying identity as IS_OWNER, because apply's PUT must name exactly one owner
 * and names the deployer (§6.3).
 */
export function normalizeDesiredAcl(entries: unknown, deployer: string): Acl {
  const out: Acl = {};
  for (const e of Array.isArray(entries) ? entries : []) {
    const p = principalOf(e);
    const level = isPlainObject(e) ? e.permission_level : undefined;
    if (!p || isAdmins(p) || typeof level !== "string") continue;
    out[principalKey(p)] = level;
  }
  if (!Object.values(out).includes(OWNER)) out[principalKey(identity(deployer))] = OWNER;
  return sortKeys(out);
}

/**
 * The live ACL from a permissions GET: direct grants only (inherited ones come from the workspace), no
 * `admins`, display_name ignored, the highest direct level per principal. A job whose ACL shows no owner
 * is owned by its creator (the implicit IS_OWNER of §5.7 #24).
 */
export function normalizeLiveAcl(response: unknown, creator?: string): Acl {
  const out: Acl = {};
  const list = isPlainObject(response) ? response.access_control_list : response;
  for (const e of Array.isArray(list) ? list : []) {
    const p = principalOf(e);
    if (!p || isAdmins(p) || !isPlainObject(e)) continue;
    const levels = Array.isArray(e.all_permissions) ? e.all_permissions : [{ permission_level: e.permission_level, inherited: false }];
    for (const l of levels) {
      if (!isPlainObject(l) || l.inherited === true || typeof l.permission_level !== "string") continue;
      const key = principalKey(p);
      const had = out[key];
      if (had === undefined || (RANK[l.permission_level] ?? 0) > (RANK[had] ?? 0)) out[key] = l.permission_level;
    }
  }
  if (creator && !Object.values(out).includes(OWNER)) out[principalKey(identity(creator))] = OWNER;
  return sortKeys(out);
}

/**
 * run_as in canonical form `{kind: name}`. Live answers may omit settings.run_as and only report the
 * effective identity in run_as_user_name (§5.2), which stands in for it.
 */
export function normalizeRunAs(runAs: unknown, runAsUserName?: string): Record<string, string> | undefined {
  const p = principalOf(runAs) ?? (runAsUserName ? identity(runAsUserName) : undefined);
  return p ? { [`${p.kind}_name`]: p.name } : undefined;
}

function sortKeys(acl: Acl): Acl {
  return Object.fromEntries(Object.entries(acl).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const levelRank = (level: string | undefined) => (level === undefined ? 0 : (RANK[level] ?? 0));
