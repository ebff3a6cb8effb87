// One canonical form for both sides of the comparison: the desired document and the live jobs/get
// settings. The rules come from normalize-rules.ts; this file only knows how to walk paths and apply them.
import { stableStringify } from "./fingerprint.js";
import { isPlainObject } from "./merge.js";
import { valueAt } from "./pointer.js";
import { expandPattern, JOB_SETTINGS_FIELDS, KEYED_RULES, MEANINGFUL_EMPTY, VALUE_RULES } from "./normalize-rules.js";
import type { Rule } from "./normalize-rules.js";
import { normalizeDesiredAcl, normalizeLiveAcl, normalizeRunAs } from "./normalize-acl.js";
import type { Acl } from "./normalize-acl.js";
import { ownershipTags } from "./ownership.js";
import type { LiveJob } from "./plan-types.js";

type Obj = Record<string, unknown>;

interface Location {
  parent: Obj;
  key: string;
  path: string[];
}

const compiled = new Map<Rule, string[][]>();
function patternsOf(rule: Rule): string[][] {
  let p = compiled.get(rule);
  if (!p) compiled.set(rule, (p = expandPattern(rule.match)));
  return p;
}

/** Every existing value addressed by a segment pattern (`*` = any key of a map or index of a list). */
function locations(root: Obj, pattern: readonly string[]): Location[] {
  const out: Location[] = [];
  const walk = (node: unknown, i: number, path: string[]) => {
    const seg = pattern[i] as string;
    const last = i === pattern.length - 1;
    const container = isPlainObject(node) ? node : Array.isArray(node) ? (node as unknown as Obj) : undefined;
    if (!container) return;
    const keys = seg === "*" ? Object.keys(container) : seg in container ? [seg] : [];
    for (const k of keys) {
      if (container[k] === undefined) continue;
      if (last) out.push({ parent: container, key: k, path: [...path, k] });
      else walk(container[k], i + 1, [...path, k]);
    }
  };
  walk(root, 0, []);
  return out;
}


/** A readable key for a library, so `pypi:pandas` reads well in a plan path. */
function libraryKey(item: unknown): string {
  if (!isPlainObject(item)) return stableStringify(item);
  const [kind, value] = Object.entries(item)[0] ?? ["?", undefined];
  if (typeof value === "string") return `${kind}:${value}`;
  if (isPlainObject(value) && Object.keys(value).length === 1) {
    const only = value.package ?? value.coordinates;
    if (typeof only === "string") return `${kind}:${only}`;
  }
  return `${kind}:${stableStringify(value)}`;
}

/** A keyed list as the canonical map: by `key`'s value, or by content (libraries) when `key` is absent. */
export function toMap(list: unknown[], key: string | undefined): Obj {
  const out: Obj = {};
  list.forEach((item, i) => {
    const named = key === undefined ? libraryKey(item) : isPlainObject(item) && typeof item[key] === "string" ? (item[key] as string) : `#${i}`;
    let k = named;
    for (let n = 2; k in out; n++) k = `${named}#${n}`;
    out[k] = item;
  });
  return out;
}

/**
 * A copy in canonical terms: int64 ids above 2^53 arrive as bigints (exact, from the lossless parser) and are
 * compared as their decimal text, which also keeps the JSON-based differ and hash working on them.
 */
export function canonicalClone(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(canonicalClone);
  if (v !== null && typeof v === "object") {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = canonicalClone(x);
    return out;
  }
  return v;
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).length === 0;
}

const meaningful = new Set(MEANINGFUL_EMPTY);

/** Empty ≡ absent (rule EMPTY_IS_ABSENT), bottom-up, so a block left empty by other rules disappears too. */
export function pruneEmpty(node: unknown, path: string[] = []): void {
  if (!isPlainObject(node)) {
    if (Array.isArray(node)) node.forEach((v, i) => pruneEmpty(v, [...path, String(i)]));
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    const here = [...path, k];
    pruneEmpty(v, here);
    if (v === undefined || (isEmpty(v) && !meaningful.has(here.join("/")))) delete node[k];
  }
}

function applyRule(root: Obj, rule: Rule, hasGitSource: boolean): void {
  const a = rule.action;
  for (const pattern of patternsOf(rule)) {
    for (const { parent, key } of locations(root, pattern)) {
      if (rule.ifSibling !== undefined && parent[rule.ifSibling] === undefined) continue;
      const v = parent[key];
      switch (a.kind) {
        case "drop":
          delete parent[key];
          break;
        case "default":
          if (stableStringify(v) === stableStringify(a.value)) delete parent[key];
          break;
        case "resolved-source":
          if (v === (a.gitAware && hasGitSource ? "GIT" : "WORKSPACE")) delete parent[key];
          break;
        case "alias":
          if (typeof v === "string" && a.canonical[v] !== undefined) parent[key] = a.canonical[v];
          break;
        case "lowercase":
          if (typeof v === "string") parent[key] = v.toLowerCase();
          break;
        case "rename":
          if (parent[a.to] === undefined) parent[a.to] = v;
          delete parent[key];
          break;
        case "keyed":
          if (Array.isArray(v)) parent[key] = toMap(v, a.key);
          break;
        case "computed":
          break; // needs both sides: see pairComputed
      }
    }
  }
}

/** The JobSettings fields of a document, still in the API's shape, as plain JSON values (int64 ids as text). */
export function settingsFields(document: Readonly<Obj>): Obj {
  const out: Obj = {};
  for (const k of JOB_SETTINGS_FIELDS) if (document[k] !== undefined) out[k] = canonicalClone(document[k]);
  return out;
}

/**
 * The canonical form of one side on its own: JobSettings fields only, keyed lists as maps, defaults,
 * aliases and write-only fields folded away, empty values removed. Never modifies its input.
 */
export function normalizeSettings(settings: Readonly<Obj>): Obj {
  const out = settingsFields(settings);
  const hasGitSource = isPlainObject(out.git_source);
  for (const rule of KEYED_RULES) applyRule(out, rule, hasGitSource);
  for (const rule of VALUE_RULES) applyRule(out, rule, hasGitSource);
  pruneEmpty(out);
  return out;
}

/** The rule kinds that undo what the server added on its own, and nothing else (no keying, aliasing, renaming). */
const SERVER_ADDED = new Set(["drop", "default", "resolved-source"]);

/**
 * Live settings in the API's own shape (lists stay lists) with what the server added taken out: output-only
 * and write-only fields, values equal to their defaults, resolved task sources, then empty values. This is
 * what `import` writes: a definition a user would have written to get this job. Values the rules call
 * computed are kept, since nothing tells whether the user chose them, and they compare equal anyway. The
 * patterns' `*` also matches a list index, so `tasks/*` addresses `tasks/0`. Never modifies its input.
 */
export function stripServerDefaults(settings: Readonly<Obj>): Obj {
  // structuredClone, not a JSON round trip: run_job_task.job_id may be a bigint.
  const out = structuredClone(settings) as Obj;
  const hasGitSource = isPlainObject(out.git_source);
  for (const rule of VALUE_RULES) if (SERVER_ADDED.has(rule.action.kind)) applyRule(out, rule, hasGitSource);
  for (const rule of VALUE_RULES) stripFilled(out, rule);
  pruneEmpty(out);
  return out;
}

/** Computed values equal to what the service is known to fill in (the rule's `fills`), taken out. */
function stripFilled(root: Obj, rule: Rule): void {
  const a = rule.action;
  if (a.kind !== "computed" || !a.fills) return;
  const fills = a.fills;
  const same = (x: unknown, y: unknown) => stableStringify(x) === stableStringify(y);
  for (const pattern of patternsOf(rule)) {
    for (const { parent, key } of locations(root, pattern)) {
      const v = parent[key];
      const filled = "sameAs" in fills ? parent[fills.sameAs] !== undefined && same(v, parent[fills.sameAs]) : ("byKey" in fills ? (fills.byKey[key] ?? []) : fills.values).some((f) => same(f, v));
      if (filled) delete parent[key];
    }
  }
}

/**
 * Fields the server computes when the spec leaves them out (cloud attributes, elastic disk, run_as …) are
 * only comparable when the spec sets them: otherwise the live value is whatever the server chose, and is
 * dropped. Both inputs are canonical; `live` is modified.
 */
export function pairComputed(desired: Readonly<Obj>, live: Obj): void {
  for (const rule of VALUE_RULES) {
    if (rule.action.kind !== "computed") continue;
    const when = rule.action.whenDesiredIn;
    for (const pattern of patternsOf(rule)) {
      for (const { parent, key, path } of locations(live, pattern)) {
        if (rule.ifSibling !== undefined && !ancestorHas(desired, path, rule.ifSibling)) continue;
        const want = valueAt(desired, path);
        if (want === undefined || (when !== undefined && when.includes(want))) parent[key] = want;
        if (parent[key] === undefined) delete parent[key];
      }
    }
  }
  pruneEmpty(live);
}

/** Whether an object on the way to `path` has `field` (policy_id governs every nested custom tag). */
function ancestorHas(root: unknown, path: readonly string[], field: string): boolean {
  for (let i = path.length - 1; i >= 0; i--) if (valueAt(root, [...path.slice(0, i), field]) !== undefined) return true;
  return false;
}

/** The default a rule gives to an absent path, so a plan can say `PAUSED → UNPAUSED` instead of `PAUSED → (absent)`. */
export function defaultAt(path: readonly string[], settings: Readonly<Obj>): unknown {
  for (const rule of VALUE_RULES) {
    const a = rule.action;
    if (a.kind !== "default" && a.kind !== "resolved-source") continue;
    for (const pattern of patternsOf(rule)) {
      if (pattern.length !== path.length || !pattern.every((s, i) => s === "*" || s === path[i])) continue;
      if (a.kind === "default") return a.value;
      return a.gitAware && isPlainObject(settings.git_source) ? "GIT" : "WORKSPACE";
    }
  }
  return undefined;
}

export interface CanonicalJob {
  settings: Obj;
  permissions: Acl;
}

/** The definition as apply writes it: with jobform's ownership tags. */
export function withOwnershipTags(document: Readonly<Obj>, opts: { project: string; deployment?: string; key: string }): Obj {
  return { ...document, tags: { ...(isPlainObject(document.tags) ? document.tags : {}), ...ownershipTags(opts, opts.key) } };
}

/** The desired side: the definition with jobform's ownership tags, which apply writes on every job. */
export function normalizeDesired(document: Readonly<Obj>, opts: { project: string; deployment?: string; key: string; deployer: string }): CanonicalJob {
  const settings = normalizeSettings(withOwnershipTags(document, opts));
  if (settings.run_as !== undefined) settings.run_as = normalizeRunAs(settings.run_as);
  return { settings, permissions: normalizeDesiredAcl(document.permissions, opts.deployer) };
}

/** The live side on its own (what the fingerprint hashes), independent of any definition. */
export function normalizeLive(live: LiveJob): CanonicalJob {
  const settings = normalizeSettings(live.settings);
  const runAs = normalizeRunAs(live.settings.run_as, live.runAsUserName);
  if (runAs) settings.run_as = runAs;
  return { settings, permissions: normalizeLiveAcl(live.permissions, live.creatorUserName) };
}

/** The live side made comparable with `desired`: values the server chose on its own are dropped. */
export function comparableLive(live: CanonicalJob, desired: CanonicalJob): CanonicalJob {
  const settings = JSON.parse(JSON.stringify(live.settings)) as Obj;
  pairComputed(desired.settings, settings);
  return { settings, permissions: live.permissions };
}
