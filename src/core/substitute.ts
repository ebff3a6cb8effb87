import type { Provenance } from "./provenance.js";

/** A scalar a variable may hold; a value that is only `${var.x}` keeps the variable's type. */
export type VarValue = string | number | boolean;

export interface Unresolved {
  segments: string[];
  name: string;
}

// `${var.x}` and `${target}` are substituted and `${jobs.<key>.id}` stays for apply; any other `${word…}` is
// reported (a typo or another tool's idiom would otherwise be deployed as text). Spark's `${env:X}` is not
// of that form and passes through, as do Databricks' `{{job.parameters.x}}`. `$${…}` escapes.
const REF = /\$?\$\{([^${}]*)\}/g;
const WHOLE = /^\$\{(var\.[A-Za-z_][A-Za-z0-9_-]*|target)\}$/;
const OURS = /^(?:var\.[A-Za-z_][A-Za-z0-9_-]*|target)$/;
const JOB_ID = /^jobs\.[A-Za-z0-9_-]+\.id$/;
/** What, inside `${…}`, jobform reads as a reference (its own, a job id, or an unknown one it reports). */
export const WORD_REF = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;

export interface Substitution {
  target: string | undefined;
  variables: ReadonlyMap<string, VarValue>;
}

/**
 * Replaces `${var.name}` and `${target}` in every string of `value` (keys are left alone), returning a new
 * value; references that cannot be resolved, and references jobform does not know, are left in place and
 * reported.
 */
export function substitute(value: unknown, subs: Substitution, prov: Provenance, unresolved: Unresolved[], segments: string[] = []): unknown {
  if (typeof value === "string") return substituteString(value, subs, unresolved, segments);
  if (value === null || typeof value !== "object") return value;
  const out: unknown = Array.isArray(value)
    ? value.map((v, i) => substitute(v, subs, prov, unresolved, [...segments, String(i)]))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, subs, prov, unresolved, [...segments, k])]));
  prov.copy(value, out as object);
  return out;
}

function lookup(ref: string, subs: Substitution): VarValue | undefined {
  if (ref === "target") return subs.target;
  return subs.variables.get(ref.slice(4));
}

function substituteString(s: string, subs: Substitution, unresolved: Unresolved[], segments: string[]): unknown {
  if (!s.includes("${")) return s;
  const whole = WHOLE.exec(s);
  if (whole) {
    const v = lookup(whole[1] as string, subs);
    if (v === undefined) unresolved.push({ segments, name: whole[1] as string });
    return v ?? s;
  }
  return s.replace(REF, (match: string, ref: string) => {
    if (match.startsWith("$$")) return match.slice(1);
    if (!OURS.test(ref)) {
      if (WORD_REF.test(ref) && !JOB_ID.test(ref)) unresolved.push({ segments, name: ref });
      return match;
    }
    const v = lookup(ref, subs);
    if (v === undefined) {
      unresolved.push({ segments, name: ref });
      return match;
    }
    return String(v);
  });
}
