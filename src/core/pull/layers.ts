// A resolved job is the merge of three layers: jobform.yaml `defaults:`, the job file and the target's
// `jobs.<key>` override. Pull writes a value in the layer it came from, so these map a path of the resolved
// job (list items by index) into one layer, matching keyed list items by their key.
import { isScalar } from "yaml";
import { listAddressing } from "../api-shape.js";
import { isPlainObject, KEYED_LISTS } from "../merge.js";
import { toMap } from "../normalize.js";
import type { Origin } from "../provenance.js";
import { PROJECT_FILE } from "../resolve.js";

export type LayerKind = "job" | "override" | "shared";

/** Which layer an origin is: the job file, this target's override of the job, or a place all jobs share. */
export function layerOf(origin: Origin, key: string, target: string | undefined): LayerKind {
  if (origin.document.file !== PROJECT_FILE) return "job";
  const [t, name, jobs, k] = origin.segments;
  return t === "targets" && name === target && jobs === "jobs" && k === key ? "override" : "shared";
}

/**
 * A canonical path (keyed lists named by key, `/tasks/ingest/…`) as a path of the resolved document (list
 * items by index), as far as the document has it; `rest` is the canonical remainder it does not have.
 */
export function documentPath(document: unknown, canonical: readonly string[]): { segments: string[]; rest: string[] } {
  const segments: string[] = [];
  let node = document;
  for (let i = 0; i < canonical.length; i++) {
    const seg = canonical[i] as string;
    let next: string | undefined;
    if (Array.isArray(node)) {
      const how = listAddressing(canonical.slice(0, i));
      if (how === "position") next = /^\d+$/.test(seg) && Number(seg) < node.length ? seg : undefined;
      else {
        const item = toMap(node, how === "content" ? undefined : how.field)[seg];
        const at = item === undefined ? -1 : node.indexOf(item);
        next = at < 0 ? undefined : String(at);
      }
    } else if (isPlainObject(node) && Object.hasOwn(node, seg)) next = seg;
    if (next === undefined) return { segments, rest: canonical.slice(i) };
    segments.push(next);
    node = (node as Record<string, unknown>)[next];
  }
  return { segments, rest: [] };
}

/**
 * A path of the resolved document in one layer's value: keyed list items found by key, other list items by
 * index, map keys as they are. `exists`: the layer holds a value there; `stuck`: a list item on the way is
 * not in the layer (so nothing can be added below it there).
 */
export function layerPath(layer: unknown, document: unknown, segments: readonly string[]): { segments: string[]; exists: boolean; stuck: boolean } {
  const out: string[] = [];
  let l = layer;
  let d = document;
  let listKey = "";
  for (const seg of segments) {
    if (Array.isArray(d)) {
      const item: unknown = d[Number(seg)];
      const keyOf = Object.hasOwn(KEYED_LISTS, listKey) ? KEYED_LISTS[listKey] : undefined;
      const k = keyOf && isPlainObject(item) ? keyOf(item) : undefined;
      const j = !Array.isArray(l) ? -1 : keyOf ? l.findIndex((x) => isPlainObject(x) && k !== undefined && keyOf(x) === k) : Number(seg) < l.length ? Number(seg) : -1;
      if (j < 0) return { segments: out, exists: false, stuck: true };
      out.push(String(j));
      l = (l as unknown[])[j];
      d = item;
      listKey = "";
    } else {
      out.push(seg);
      d = isPlainObject(d) ? d[seg] : undefined;
      l = isPlainObject(l) ? l[seg] : undefined;
      listKey = seg;
    }
  }
  return { segments: out, exists: l !== undefined && l !== null, stuck: false };
}

/** `${…}` that jobform substitutes (not the `$${…}` escape): where git holds one, pull never writes a literal. */
const TEMPLATE = /(^|[^$])\$\{[^}]*\}/;

/** The template text git holds at `origin`, when the value there is a string with a `${…}` reference. */
export function templateAt(origin: Origin): string | undefined {
  const node: unknown = origin.document.doc.getIn(origin.segments, true);
  if (isScalar(node)) return typeof node.value === "string" && TEMPLATE.test(node.value) ? node.value : undefined;
  const range = (node as { range?: number[] } | undefined)?.range;
  const raw = range ? origin.document.text.slice(range[0], range[1]) : "";
  return TEMPLATE.test(raw) ? raw : undefined;
}

/** A value as git may hold it literally: `${` written as `$${`, so jobform does not take it for a reference. */
export function escapeRefs(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\{/g, "$${");
  if (Array.isArray(value)) return value.map(escapeRefs);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeRefs(v)]));
  return value;
}
