// The permissions PUT (API-NOTES §6): the complete direct ACL with exactly one IS_OWNER, and the check
// that the deploying identity does not lock itself out of a job it is about to own no longer.
import { identity, levelRank, normalizeDesiredAcl, OWNER, parsePrincipalKey, principalKey } from "../core/normalize-acl.js";
import type { Principal } from "../core/normalize-acl.js";
import type { PermissionRequestEntry } from "../databricks/types.js";

/** Who runs apply, as scim/v2/Me describes it. */
export interface Deployer {
  name: string;
  /** Group names the identity belongs to (Me lists direct and indirect ones). */
  groups: readonly string[];
}

const MANAGE = levelRank("CAN_MANAGE");

/**
 * The PUT body: the declared grants (a later entry for a principal wins, `admins` left to the workspace),
 * and the deployer as owner when none is declared — the service refuses an ACL without exactly one owner.
 */
export function aclRequest(permissions: unknown, deployer: string): PermissionRequestEntry[] {
  const acl = normalizeDesiredAcl(permissions, deployer);
  return Object.entries(acl)
    .map(([key, level]) => {
      const p = parsePrincipalKey(key);
      return { [`${p.kind}_name`]: p.name, permission_level: level } as PermissionRequestEntry;
    })
    .sort((a, b) => levelRank(b.permission_level) - levelRank(a.permission_level));
}

/** The owner the PUT will name: runs execute as this identity when the definition has no run_as. */
export function ownerOf(permissions: unknown, deployer: string): Principal {
  const acl = normalizeDesiredAcl(permissions, deployer);
  const key = Object.keys(acl).find((k) => acl[k] === OWNER);
  return key ? parsePrincipalKey(key) : identity(deployer);
}

/**
 * Why the PUT would leave the deployer unable to manage the job, or undefined when it would not. Admins
 * manage every job, so they are never locked out; anyone else needs CAN_MANAGE or IS_OWNER, by name or
 * through one of their groups. Without manage rights the next apply could not even read the ACL.
 */
export function lockoutReason(acl: readonly PermissionRequestEntry[], who: Deployer): string | undefined {
  const groups = new Set(who.groups.map((g) => g.toLowerCase()));
  if (groups.has("admins")) return undefined;
  const me = principalKey(identity(who.name));
  for (const e of acl) {
    if (levelRank(e.permission_level) < MANAGE) continue;
    if (e.group_name !== undefined && groups.has(e.group_name.toLowerCase())) return undefined;
    const name = e.user_name ?? e.service_principal_name;
    if (name !== undefined && principalKey(identity(name)) === me) return undefined;
  }
  return `the new permissions would leave ${who.name} (the deploying identity, not an admin) without CAN_MANAGE on the job; grant it CAN_MANAGE or pass --allow-lockout`;
}
