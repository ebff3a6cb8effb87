// Field ownership: jobform.yaml `ignore:` hands chosen fields to the people running the jobs (pause a
// schedule during an incident, raise max_concurrent_runs) instead of locking the UI. Plan and drift take the
// fields out of both sides before comparing; apply puts the workspace's value back into whatever it has to
// send around them, since jobs/update replaces top-level fields wholesale and jobs/reset replaces everything.
//
// Rule paths are pointers in the plan's canonical form, where keyed lists are maps (`/tasks/<task_key>/…`).
// The payload apply sends is in the API's shape, where they are lists again; KEYED_RULES says which list is
// keyed by which field, so one table serves both translations.
import { listAddressing } from "./api-shape.js";
import { globMatches } from "./glob.js";
import { isPlainObject } from "./merge.js";
import { pointerSegments, toPointer } from "./pointer.js";

type Obj = Record<string, unknown>;

/** One `ignore:` entry of jobform.yaml (the shape schemas/project.schema.json checks). */
export interface IgnoreRule {
  path: string;
  /** Job keys or globs; absent means every job. */
  jobs?: readonly string[];
  reason: string;
}


export function ruleAppliesTo(rule: IgnoreRule, key: string): boolean {
  return rule.jobs === undefined || rule.jobs.some((g) => globMatches(g, key));
}

export function rulesForJob(rules: readonly IgnoreRule[], key: string): IgnoreRule[] {
  return rules.filter((r) => ruleAppliesTo(r, key));
}

/** The entries of a rule's `jobs` that match none of `keys`: most likely a typo or a job since renamed. */
export function unmatchedJobPatterns(rule: IgnoreRule, keys: readonly string[]): { index: number; pattern: string }[] {
  return (rule.jobs ?? []).flatMap((pattern, index) => (keys.some((k) => globMatches(pattern, k)) ? [] : [{ index, pattern }]));
}

// ---------------------------------------------------------------------------------------------------
// Canonical side (plan, drift, fingerprint)

/** Every existing path in `root` that `pattern` (segments, `*` = any one) addresses; maps and lists alike. */
export function canonicalMatches(root: unknown, pattern: readonly string[]): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, i: number, path: string[]) => {
    if (i === pattern.length) {
      out.push(path);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const seg = pattern[i] as string;
    const keys = seg === "*" ? Object.keys(node) : Object.prototype.hasOwnProperty.call(node, seg) ? [seg] : [];
    for (const k of keys) {
      const child = (node as Obj)[k];
      if (child !== undefined) walk(child, i + 1, [...path, k]);
    }
  };
  walk(root, 0, []);
  return out;
}

function removeAt(root: unknown, path: readonly string[]): void {
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isPlainObject(parent)) delete parent[last];
}

function nodeAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const seg of path) node = node !== null && typeof node === "object" ? (node as Obj)[seg] : undefined;
  return node;
}

const isEmptyContainer = (v: unknown) => (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && Object.keys(v).length === 0);

/**
 * A copy of canonical settings without the fields `rules` name, and the rules that removed something. A
 * block the removal leaves empty goes too: canonical forms treat empty as absent, and one side must not
 * keep `{}` where the other has nothing.
 */
export function withoutIgnored(settings: Readonly<Obj>, rules: readonly IgnoreRule[]): { settings: Obj; matched: IgnoreRule[] } {
  const out = structuredClone(settings) as Obj;
  const matched: IgnoreRule[] = [];
  for (const rule of rules) {
    const paths = canonicalMatches(out, pointerSegments(rule.path));
    if (paths.length === 0) continue;
    matched.push(rule);
    // Backwards, so removing an element of a plain list does not shift the indices still to visit.
    for (const path of paths.reverse()) {
      removeAt(out, path);
      for (let up = path.length - 1; up > 0 && isEmptyContainer(nodeAt(out, path.slice(0, up))); up--) removeAt(out, path.slice(0, up));
    }
  }
  return { settings: out, matched };
}

// ---------------------------------------------------------------------------------------------------
// API side (apply)

/** The children of an API-shape node under their canonical names, with how to reach each. */
function childrenOf(node: unknown, path: readonly string[]): [name: string, access: string | number][] {
  if (Array.isArray(node)) {
    const how = listAddressing(path);
    // Content-keyed lists (libraries) have no name a rule could write and this module could reproduce.
    if (how === "content") return [];
    if (how === "position") return node.map((_, i) => [String(i), i]);
    return node.flatMap((item, i) => (isPlainObject(item) && typeof item[how.field] === "string" ? [[item[how.field] as string, i] as [string, number]] : []));
  }
  return isPlainObject(node) ? Object.keys(node).map((k) => [k, k]) : [];
}

function childNamed(node: unknown, path: readonly string[], name: string): unknown {
  const hit = childrenOf(node, path).find(([n]) => n === name);
  return hit ? (node as Obj)[hit[1] as string] : undefined;
}

/** Canonical paths `pattern` addresses in an API-shape document (tasks matched by task_key, and so on). */
function apiMatches(root: unknown, pattern: readonly string[]): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, i: number, path: string[]) => {
    if (i === pattern.length) {
      out.push(path);
      return;
    }
    const seg = pattern[i] as string;
    for (const [name, access] of childrenOf(node, path)) {
      if (seg !== "*" && seg !== name) continue;
      const child = (node as Obj)[access as string];
      if (child !== undefined) walk(child, i + 1, [...path, name]);
    }
  };
  walk(root, 0, []);
  return out;
}

function apiNodeAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (let i = 0; i < path.length && node !== undefined; i++) node = childNamed(node, path.slice(0, i), path[i] as string);
  return node;
}

/** Puts `value` at the last segment of `path` inside `parent` (an API-shape node), or removes it when undefined. */
function putChild(parent: unknown, path: readonly string[], value: unknown): void {
  const name = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    const how = listAddressing(path.slice(0, -1));
    if (how === "content") return;
    const index = how === "position" ? (/^\d+$/.test(name) && Number(name) < parent.length ? Number(name) : -1) : parent.findIndex((item) => isPlainObject(item) && item[how.field] === name);
    if (value === undefined) {
      if (index >= 0) parent.splice(index, 1);
    } else if (index >= 0) parent[index] = value;
    else if (how !== "position") parent.push(value);
  } else if (isPlainObject(parent)) {
    if (value === undefined) delete parent[name];
    else parent[name] = value;
  }
}

/**
 * `payload` (API-shape settings apply is about to send) with the workspace's value at every path the rules
 * name: copied from `live`, or removed when the workspace has none. Only where the payload already has the
 * enclosing block — a schedule that git dropped is not rebuilt around a kept pause_status. Never modifies
 * its inputs.
 */
export function keepLiveValues(payload: Readonly<Obj>, live: Readonly<Obj>, rules: readonly IgnoreRule[]): Obj {
  const out = structuredClone(payload) as Obj;
  for (const rule of rules) {
    const pattern = pointerSegments(rule.path);
    const seen = new Set<string>();
    for (const path of [...apiMatches(live, pattern), ...apiMatches(out, pattern)]) {
      const id = toPointer(path);
      if (seen.has(id) || path.length === 0) continue;
      seen.add(id);
      const parent = apiNodeAt(out, path.slice(0, -1));
      if (parent === null || typeof parent !== "object") continue;
      const value = apiNodeAt(live, path);
      putChild(parent, path, value === undefined ? undefined : structuredClone(value));
    }
  }
  return out;
}
