// The workspace's directory of users, groups and service principals. The real Permissions API and the
// Jobs API refuse a principal the directory does not hold (issue #12, difference 1), so the emulator
// keeps one: the --user identity, --principal KIND:NAME, OAuth clients, the built-in admins and users
// groups, and whatever tests add through POST /__emulator/principals.
import { createHash } from "node:crypto";
import type { Principal, PrincipalKind } from "./types.js";
import type { Json, Workspace } from "./state.js";
import { ApiFailure } from "./errors.js";
import { isObject } from "./defaults.js";

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = ["user", "group", "service_principal"];
export const BUILTIN_GROUPS = ["admins", "users"];

/** Names are case-insensitive (API-NOTES §5.6): keyed lowercase, spelled as first registered. */
export type Directory = Record<PrincipalKind, Map<string, string>>;

export function emptyDirectory(): Directory {
  return { user: new Map(), group: new Map(), service_principal: new Map() };
}

export function addPrincipal(dir: Directory, p: Principal): void {
  const key = p.name.toLowerCase();
  if (!dir[p.kind].has(key)) dir[p.kind].set(key, p.name);
}

/** Every principal of the directory, users first, as {kind, name}. */
export function listPrincipals(dir: Directory): Principal[] {
  return PRINCIPAL_KINDS.flatMap((kind) => [...dir[kind].values()].map((name) => ({ kind, name })));
}

export function knownPrincipal(ws: Workspace, p: Principal): boolean {
  return ws.directory[p.kind].has(p.name.toLowerCase());
}

/** `KIND:NAME` as --principal takes it; KIND is user, group or service_principal. */
export function parsePrincipal(text: string): Principal {
  const i = text.indexOf(":");
  const kind = text.slice(0, i) as PrincipalKind;
  const name = text.slice(i + 1).trim();
  if (i <= 0 || !PRINCIPAL_KINDS.includes(kind) || name === "")
    throw new RangeError(`--principal looks like 'KIND:NAME' with KIND one of ${PRINCIPAL_KINDS.join(", ")}, got '${text}'`);
  return { kind, name };
}

const LABEL: Record<PrincipalKind, string> = { user: "UserName", group: "GroupName", service_principal: "ServicePrincipalName" };

/**
 * The refusal of an unknown principal. Recorded for permissions PUT/PATCH ("Principal: UserName(x) does
 * not exist", cli#4488; the GroupName/ServicePrincipalName forms per issue #12). For run_as the same
 * answer is used: unverified.
 */
export function requireKnown(ws: Workspace, p: Principal): void {
  if (!knownPrincipal(ws, p)) throw new ApiFailure(404, "RESOURCE_DOES_NOT_EXIST", `Principal: ${LABEL[p.kind]}(${p.name}) does not exist`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An application id sent as user_name is a service principal and comes back as one (API-NOTES §5.6). */
export function classify(ws: Workspace, kind: PrincipalKind, name: string): Principal {
  if (kind === "user" && (UUID.test(name) || ws.directory.service_principal.has(name.toLowerCase()))) return { kind: "service_principal", name };
  return { kind, name };
}

const RUN_AS_FIELDS: ReadonlyArray<[string, PrincipalKind]> = [
  ["user_name", "user"],
  ["service_principal_name", "service_principal"],
];

/** jobs/create, reset and update refuse a run_as identity the directory does not hold. */
export function checkRunAs(ws: Workspace, settings: Json): void {
  const ra = settings.run_as;
  if (!isObject(ra)) return;
  for (const [field, kind] of RUN_AS_FIELDS) if (typeof ra[field] === "string") requireKnown(ws, classify(ws, kind, ra[field]));
}

/** A stable numeric SCIM id per principal, so repeated reads agree. */
export function scimId(name: string): string {
  return BigInt(`0x${createHash("sha256").update(name.toLowerCase()).digest("hex").slice(0, 13)}`).toString();
}
