// Field and permission differences between two canonical forms. Keyed lists are maps by then, so JSON
// pointers name tasks by key (`/tasks/ingest/timeout_seconds`), never by position.
import jsonpatch from "fast-json-patch";
import { defaultAt } from "./normalize.js";
import { parsePrincipalKey } from "./normalize-acl.js";
import type { Acl } from "./normalize-acl.js";
import type { FieldChange, PermissionChange } from "./plan-types.js";

import { pointerSegments, toPointer, valueAt } from "./pointer.js";

type Obj = Record<string, unknown>;



/**
 * Plain (unkeyed) lists such as dbt commands or script parameters are positional: a change inside one is
 * shown as the whole list before and after, which is what a reader compares and what the API replaces.
 */
function listRoot(segs: readonly string[], before: unknown, after: unknown): string[] {
  // run_as names one identity: switching user_name for service_principal_name is one change, not two.
  if (segs[0] === "run_as") return ["run_as"];
  for (let i = 1; i < segs.length; i++) {
    const prefix = segs.slice(0, i);
    if (Array.isArray(valueAt(before, prefix)) || Array.isArray(valueAt(after, prefix))) return prefix;
  }
  return segs.slice();
}

/**
 * Field changes from `before` (canonical live) to `after` (canonical desired), sorted by path. With
 * `defaults` off (a job to create has no "before"), absent values are not filled with server defaults.
 */
export function diff(before: Obj, after: Obj, opts: { defaults: boolean } = { defaults: true }): FieldChange[] {
  const seen = new Set<string>();
  const out: FieldChange[] = [];
  for (const op of jsonpatch.compare(before, after)) {
    const segs = listRoot(pointerSegments(op.path), before, after);
    const path = toPointer(segs);
    if (seen.has(path)) continue;
    seen.add(path);
    // An absent value the server defaults is shown as that default: `PAUSED → UNPAUSED`, not `→ (absent)`.
    const was = valueAt(before, segs) ?? (opts.defaults ? defaultAt(segs, before) : undefined);
    const will = valueAt(after, segs) ?? (opts.defaults ? defaultAt(segs, after) : undefined);
    const change: FieldChange = { op: was === undefined ? "add" : will === undefined ? "remove" : "replace", path };
    if (was !== undefined) change.before = was;
    if (will !== undefined) change.after = will;
    out.push(change);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Permission changes as a set of principal → level (API-NOTES §6.4), sorted by principal. */
export function diffAcl(before: Acl, after: Acl): PermissionChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: PermissionChange[] = [];
  for (const key of keys) {
    if (before[key] === after[key]) continue;
    const p = parsePrincipalKey(key);
    const change: PermissionChange = { principal: p.name, kind: p.kind };
    if (before[key] !== undefined) change.before = before[key];
    if (after[key] !== undefined) change.after = after[key];
    out.push(change);
  }
  return out;
}
