// What each bundle reference becomes in a job file, which all targets share: `${var.x}` stays (complex ones
// are written out), `${bundle.target}` is `${target}`, `${resources.jobs.k.id}` is `${jobs.k.id}`, a workspace
// path that is the same in every target is written out, and anything jobform cannot know becomes a required
// variable the report names.
import { MAX_EXPANDED_CHARS } from "../input-limits.js";
import { valueAt } from "../pointer.js";
import type { Bundle } from "./assemble.js";
import type { Findings, Sourced } from "./model.js";
import { escapeText, refSegments, rewriteString, rewriteValue } from "./references.js";
import type { RefPolicy } from "./references.js";
import { isScalar, jobformName } from "./variables.js";
import type { VariableTable } from "./variables.js";
import { workspaceField } from "./workspace.js";
import type { TargetContext } from "./workspace.js";

/** A variable jobform needs for a value the bundle computed: its values per target, where known. */
export interface GeneratedVariable {
  name: string;
  description: string;
  values: Map<string, string>;
}

/** Where a job holds a complex variable's value whole: a target with its own value overrides it there. */
export interface ComplexUse {
  job: string;
  /** The path in the job. */
  at: string[];
  name: string;
  /** The path inside the variable (`${var.x.a.b}`). */
  rest: string[];
  where: Sourced;
}

export interface ConversionState {
  complexUses: ComplexUse[];
  /** Characters complex variables and job names have expanded to so far (bounded like aliases). */
  expanded: number;
  bundle: Bundle;
  vars: VariableTable;
  targets: readonly TargetContext[];
  generated: Map<string, GeneratedVariable>;
  f: Findings;
}

/**
 * What one reference may expand to in total: complex variables that refer to each other several times each
 * multiply (an alias bomb spelled with variables), so their expansions share jobform's bound for aliases.
 */
const MAX_EXPANDED = MAX_EXPANDED_CHARS;

function generate(st: ConversionState, path: string, why: string, where: Sourced, values = new Map<string, string>()): string {
  let g = st.generated.get(path);
  if (!g) {
    const taken = new Set([...st.vars.declared.keys(), ...[...st.generated.values()].map((v) => v.name)]);
    g = { name: jobformName(path, taken), description: `the bundle's \${${path}}`, values };
    st.generated.set(path, g);
    const missing = st.targets.filter((t) => !values.has(t.name)).map((t) => t.name);
    const todo = missing.length ? `set it for ${missing.map((t) => `targets.${t}.variables.${g?.name}`).join(", ")} (or --var ${g.name}=…)` : "its value is set per target";
    st.f.note("references", `\${${path}} ${why}; it became the variable "${g.name}": ${todo}`, where);
  }
  return `\${var.${g.name}}`;
}

/** `${workspace.<field>}`: written out when every target agrees, else a variable with each target's value. */
// Marks an unknown part of a workspace path while the targets' paths are compared.
const LEAF = /\uE000([^\uE000]*)\uE000/g;

/**
 * `${workspace.<field>}`: written out when every target agrees; when they agree but for what only the deploying
 * user knows, written out with a variable for that part; else a variable with each target's value.
 */
function workspace(st: ConversionState, field: string, where: Sourced): string {
  const per = st.targets.map((t) => ({ t, v: workspaceField(field, t) }));
  const first = per[0]?.v.value;
  if (first !== undefined && per.every(({ v }) => v.value === first)) return first;
  const leaf = (path: string) => {
    const jf = path.startsWith("var.") ? st.vars.names.get(path.slice(4)) : undefined;
    return jf !== undefined ? `\${var.${jf}}` : `\uE000${path}\uE000`;
  };
  const templates = st.targets.map((t) => workspaceField(field, t, leaf).value);
  const template = templates[0];
  if (template !== undefined && templates.every((v) => v === template))
    return template.replace(LEAF, (_m, path: string) => generate(st, path, path.startsWith("workspace.current_user") ? "is the deploying user, not known offline" : "is not known offline", where));
  const values = new Map(per.flatMap(({ t, v }) => (v.value === undefined ? [] : [[t.name, v.value.replaceAll("${target}", t.name)] as const])));
  const unknown = per.filter(({ v }) => v.value === undefined);
  const why = unknown.length
    ? `is not known offline (${unknown.map(({ t, v }) => `target ${t.name}: ${v.hint}`).join("; ")})`
    : "differs between targets";
  return generate(st, `workspace.${field}`, why, where, values);
}

/**
 * The policy for one place of a job. `chain` holds the references being expanded around this place (a complex
 * variable's value, a job's name): one that comes round again is a cycle, reported instead of followed.
 */
export function jobPolicy(st: ConversionState, where: Sourced, chain: readonly string[] = []): RefPolicy {
  const complexAt = (path: string): { value: unknown } | undefined => {
    const segs = refSegments(path);
    if (segs[0] !== "var" || !st.vars.complex.has(segs[1] as string)) return undefined;
    return { value: valueAt(st.vars.complex.get(segs[1] as string), segs.slice(2)) };
  };
  /** Whether expanding `ref` (its value `value`) may go ahead; a cycle or too much expansion is reported. */
  const mayExpand = (ref: string, value: unknown): boolean => {
    if (chain.includes(ref)) {
      st.f.error(where, `\${${ref}} refers to itself: ${[...chain.slice(chain.indexOf(ref)), ref].map((r) => `\${${r}}`).join(" → ")}`);
      return false;
    }
    st.expanded += JSON.stringify(value ?? null).length;
    if (st.expanded <= MAX_EXPANDED) return true;
    if (!st.f.diagnostics.some((d) => d.code === "JF007")) st.f.error(where, `complex variables expand to more than ${MAX_EXPANDED / 1024 / 1024} MB of text; do they refer to each other many times?`, { code: "JF007" });
    return false;
  };
  return {
    whole(path) {
      const c = complexAt(path);
      if (!c) return undefined;
      const ref = `var.${refSegments(path)[1] as string}`;
      if (!mayExpand(ref, c.value)) return { value: null };
      if (chain.length === 0 && where.at[0] === "resources") {
        const segs = refSegments(path);
        st.complexUses.push({ job: where.at[2] as string, at: where.at.slice(3), name: segs[1] as string, rest: segs.slice(2), where });
      }
      return { value: rewriteValue(c.value, (at) => jobPolicy(st, { ...where, at: [...where.at, ...at] }, [...chain, ref])) };
    },
    inline(path) {
      const segs = refSegments(path);
      const [head, name] = segs;
      const c = complexAt(path);
      if (c) {
        const ref = `var.${name as string}`;
        if (isScalar(c.value)) return mayExpand(ref, c.value) ? String(rewriteString(String(c.value), jobPolicy(st, where, [...chain, ref]))) : "";
        st.f.error(where, `\${${path}} is ${c.value === undefined ? "not a field of the variable" : "a list or map"} inside a string; the bundles CLI cannot deploy it either`);
        return escapeText(`\${${path}}`);
      }
      if (head === "var") {
        const jf = st.vars.names.get(name as string);
        if (jf !== undefined && segs.length === 2) return `\${var.${jf}}`;
        if (jf === undefined) {
          st.f.error(where, `\${${path}}: the bundle declares no variable "${name}"`);
          return escapeText(`\${${path}}`);
        }
      }
      if (path === "bundle.target") return "${target}";
      if (path === "bundle.name" && st.bundle.name !== undefined) return escapeText(st.bundle.name);
      if (head === "resources" && name === "jobs" && segs.length === 4 && segs[3] === "id") {
        if (st.bundle.jobs.has(segs[2] as string)) return `\${jobs.${segs[2]}.id}`;
        st.f.error(where, `\${${path}}: the bundle defines no job "${segs[2]}"`);
        return escapeText(`\${${path}}`);
      }
      const job = head === "resources" && name === "jobs" && segs.length === 4 ? st.bundle.jobs.get(segs[2] as string) : undefined;
      if (segs[3] === "name" && typeof job?.value.name === "string") return mayExpand(path, job.value.name) ? String(rewriteString(job.value.name, jobPolicy(st, { ...job, at: [...job.at, "name"] }, [...chain, path]))) : "";
      if (head === "workspace" && segs.length >= 2) return workspace(st, segs.slice(1).join("."), where);
      const why = head === "resources" ? "is a value of a resource jobform does not manage or does not know before apply" : "is resolved by the bundles CLI at deploy time";
      return generate(st, path, why, where);
    },
  };
}

/** A bundle value (job settings, run_as, a target's override) with every reference rewritten for jobform. */
export function rewriteForJobform(st: ConversionState, value: unknown, where: Sourced): unknown {
  return rewriteValue(value, (at) => jobPolicy(st, { ...where, at: [...where.at, ...at] }));
}
