// A complex variable (a list or map) is written into the jobs with its default; a target that gives it its own
// value gets that value in its jobs overrides, at each place a job holds the variable whole. The override
// replaces rather than merges (keys of the default that the target's value lacks are set to null), and a place
// jobform's override cannot name — inside a list that is not keyed — is reported.
import { isPlainObject } from "../merge.js";
import { valueAt } from "../pointer.js";
import { child } from "./model.js";
import type { Obj, Sourced } from "./model.js";
import type { ConversionState } from "./policy.js";
import { rewriteForJobform } from "./policy.js";
import type { ChosenTarget } from "./targets.js";

/** The lists jobform's overrides merge by key, with the key's field (merge.ts KEYED_LISTS, permissions aside). */
const KEY_FIELDS: Readonly<Record<string, string>> = { tasks: "task_key", job_clusters: "job_cluster_key", environments: "environment_key", parameters: "name" };

const NONE = Symbol("not expressible");

/** `value` as an override of `base` that leaves nothing of `base` behind. */
function replacing(base: unknown, value: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(value)) return value;
  const out: Obj = {};
  for (const k of Object.keys(base)) if (!(k in value)) out[k] = null;
  for (const [k, v] of Object.entries(value)) out[k] = replacing(base[k], v);
  return out;
}

/** An override that sets `at` of `node` to `value`, or NONE when the path goes through a list without keys. */
function fragmentAt(node: unknown, at: readonly string[], value: unknown, field = ""): unknown {
  const [seg, ...rest] = at;
  if (seg === undefined) return replacing(node, value);
  if (Array.isArray(node)) {
    const keyField = KEY_FIELDS[field];
    const item: unknown = node[Number(seg)];
    if (keyField === undefined || !rest.length || !isPlainObject(item) || typeof item[keyField] !== "string") return NONE;
    const inner = fragmentAt(item, rest, value, `${field}[]`);
    return inner === NONE ? NONE : [{ [keyField]: item[keyField], ...(inner as Obj) }];
  }
  if (!isPlainObject(node)) return NONE;
  const inner = fragmentAt(node[seg], rest, value, seg);
  return inner === NONE ? NONE : { [seg]: inner };
}

/** Two overrides as one, `b` winning: maps deep, keyed list items by their key. */
export function mergeOverrides(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: Obj = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in a ? mergeOverrides(a[k], v) : v;
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [...a];
    const keyOf = (x: unknown) => (isPlainObject(x) ? Object.values(KEY_FIELDS).map((f) => (typeof x[f] === "string" ? `${f}=${x[f] as string}` : "")).join("") : "");
    for (const item of b) {
      const i = keyOf(item) === "" ? -1 : out.findIndex((x) => keyOf(x) === keyOf(item));
      if (i < 0) out.push(item);
      else out[i] = mergeOverrides(out[i], item);
    }
    return out;
  }
  return b;
}

/** Per job key, the override that carries this target's values of complex variables. */
export function complexOverrides(st: ConversionState, t: ChosenTarget, jobs: ReadonlyMap<string, Obj>): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const p of t.parts) {
    const vars = child(p, "variables");
    if (!vars || !isPlainObject(vars.value)) continue;
    for (const name of Object.keys(vars.value)) {
      if (!st.vars.complex.has(name)) continue;
      const s = child(vars, name) as Sourced;
      const raw = isPlainObject(s.value) && "default" in s.value ? s.value.default : s.value;
      const uses = st.complexUses.filter((u) => u.name === name);
      const placed: string[] = [];
      for (const u of uses) {
        const value = rewriteForJobform(st, valueAt(raw, u.rest), s);
        const frag = fragmentAt(jobs.get(u.job), u.at, value);
        if (frag === NONE) {
          st.f.note("variables", `target ${t.ctx.name} gives complex variable "${name}" its own value, which jobform's override cannot put at /${u.at.join("/")} of job ${u.job} (inside a list without keys); the job has the default there`, u.where);
          continue;
        }
        out.set(u.job, mergeOverrides(out.get(u.job), frag) as Obj);
        placed.push(`${u.job} /${u.at.join("/")}`);
      }
      if (placed.length) st.f.note("variables", `target ${t.ctx.name}'s value of complex variable "${name}" is in targets.${t.ctx.name}.jobs (${placed.join(", ")})`, s, { key: true });
    }
  }
  return out;
}
