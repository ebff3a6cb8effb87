// Field and permission differences between two canonical forms. Keyed lists are maps by then, so JSON
// pointers name tasks by key (`/tasks/ingest/timeout_seconds`), never by position.
import jsonpatch from "fast-json-patch";
import { defaultAt } from "./normalize.js";
import { parsePrincipalKey } from "./normalize-acl.js";
import type { Acl } from "./normalize-acl.js";
import type { FieldChange, PermissionChange } from "./plan-types.js";
import { apiValueAt, listAddressing, unkeyed } from "./api-shape.js";
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

export interface DiffOptions {
  /** Fill an absent value with its server default (off for a job to create, which has no "before"). */
  defaults?: boolean;
  /**
   * The two sides in the API's shape (lists as lists, the user's spelling), as documents tried in order: a
   * change shows its values from the first that holds one (built on the first change: most jobs have none),
   * and falls back to the canonical value, made a list again, where none does (a default).
   */
  shown?: () => { before?: readonly unknown[]; after?: readonly unknown[] };
}

/** A library's name without its version digits: `whl:/v/lib-1.4.2-py3.whl` and `…1.4.3…` are one library. */
const libraryName = (key: string) => key.replace(/\d+(?:\.\d+)*/g, "#");

/**
 * Libraries are keyed by content, so a version bump arrives as a removal and an addition under the same
 * list: paired by name, they become one replace at the removed key (what a JSON patch replace addresses).
 */
function pairLibraries(changes: FieldChange[]): FieldChange[] {
  const added = new Map<string, FieldChange[]>();
  const inLibraries = (c: FieldChange) => {
    const segs = pointerSegments(c.path);
    return segs.length > 1 && listAddressing(segs.slice(0, -1)) === "content" ? segs : undefined;
  };
  const nameOf = (segs: string[]) => toPointer(segs.slice(0, -1)) + "/" + libraryName(segs[segs.length - 1] as string);
  for (const c of changes) {
    const segs = c.op === "add" ? inLibraries(c) : undefined;
    if (segs) added.set(nameOf(segs), [...(added.get(nameOf(segs)) ?? []), c]);
  }
  const paired = new Set<FieldChange>();
  const out: FieldChange[] = [];
  for (const c of changes) {
    const segs = c.op === "remove" ? inLibraries(c) : undefined;
    const match = segs ? added.get(nameOf(segs))?.find((a) => !paired.has(a)) : undefined;
    if (!match) continue;
    paired.add(c).add(match);
    out.push({ op: "replace", path: c.path, before: c.before, after: match.after });
  }
  return [...out, ...changes.filter((c) => !paired.has(c))];
}

/**
 * Field changes from `before` (canonical live) to `after` (canonical desired), sorted by path: the path
 * is a canonical pointer (keyed lists by key), the values are in the API's shape.
 */
export function diff(before: Obj, after: Obj, opts: DiffOptions = {}): FieldChange[] {
  const defaults = opts.defaults ?? true;
  const seen = new Set<string>();
  const out: FieldChange[] = [];
  let docs: { before?: readonly unknown[]; after?: readonly unknown[] } | undefined;
  const show = (side: "before" | "after", segs: string[], canonical: unknown) => {
    for (const doc of (docs ??= opts.shown?.() ?? {})[side] ?? []) {
      const v = apiValueAt(doc, segs);
      if (v !== undefined) return v;
    }
    return unkeyed(canonical, segs);
  };
  for (const op of jsonpatch.compare(before, after)) {
    const segs = listRoot(pointerSegments(op.path), before, after);
    const path = toPointer(segs);
    if (seen.has(path)) continue;
    seen.add(path);
    // An absent value the server defaults is shown as that default: `PAUSED → UNPAUSED`, not `→ (absent)`.
    const was = valueAt(before, segs) ?? (defaults ? defaultAt(segs, before) : undefined);
    const will = valueAt(after, segs) ?? (defaults ? defaultAt(segs, after) : undefined);
    const change: FieldChange = { op: was === undefined ? "add" : will === undefined ? "remove" : "replace", path };
    if (was !== undefined) change.before = show("before", segs, was);
    if (will !== undefined) change.after = show("after", segs, will);
    out.push(change);
  }
  return pairLibraries(out).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
