// Between the canonical form and the API's shape. The differ compares canonical forms, where keyed lists
// are maps (`tasks/<task_key>`); a reader, the JSON plan and apply's payloads speak the API's shape, where
// they are lists, in the spelling the user wrote. KEYED_RULES says which list is keyed by which field, so
// one table serves both directions.
import { isPlainObject } from "./merge.js";
import { canonicalClone, toMap } from "./normalize.js";
import { expandPattern, KEYED_RULES } from "./normalize-rules.js";

/** Canonical path patterns of the keyed lists, with the field each is keyed by (undefined: by content). */
const KEYED_LISTS = KEYED_RULES.flatMap((r) => (r.action.kind === "keyed" ? expandPattern(r.match).map((pattern) => ({ pattern, field: r.action.kind === "keyed" ? r.action.key : undefined })) : []));

/** How the list at canonical `path` is addressed: by a key field, by content, or by position. */
export function listAddressing(path: readonly string[]): { field: string } | "content" | "position" {
  const hit = KEYED_LISTS.find((k) => k.pattern.length === path.length && k.pattern.every((s, i) => s === "*" || s === path[i]));
  if (!hit) return "position";
  return hit.field === undefined ? "content" : { field: hit.field };
}

/**
 * The value at canonical `path` inside an API-shape document, found the way normalisation keys its lists
 * (so duplicates and key-less items resolve to the same names), or undefined when it has none.
 */
export function apiValueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (let i = 0; i < path.length && node !== undefined; i++) {
    const seg = path[i] as string;
    if (Array.isArray(node)) {
      const how = listAddressing(path.slice(0, i));
      node = how === "position" ? (/^\d+$/.test(seg) ? node[Number(seg)] : undefined) : toMap(node, how === "content" ? undefined : how.field)[seg];
    } else node = isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, seg) ? node[seg] : undefined;
  }
  return node === undefined ? undefined : canonicalClone(node);
}

/** A canonical value found at `path` back in the API's shape: keyed maps become lists again, in their order. */
export function unkeyed(value: unknown, path: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => unkeyed(v, [...path, String(i)]));
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, unkeyed(v, [...path, k])] as const);
  return listAddressing(path) === "position" ? Object.fromEntries(entries) : entries.map(([, v]) => v);
}
