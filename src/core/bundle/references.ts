// The bundles CLI's `${…}` references in a string, rewritten for jobform: what a reference becomes is the
// caller's policy (`RefPolicy`); the text between references is escaped where jobform would read it as one of
// its own references (`$${…}`), so that nothing the bundle sent as text changes meaning.
import { WORD_REF } from "../substitute.js";

// The bundles CLI's reference syntax (libs/dyn/dynvar): a path of dotted keys with optional `[n]` indexes.
// Anything else in `${…}` is text to it, as `${env:X}` is to Spark.
const PATH = "[A-Za-z][A-Za-z0-9_-]*(?:\\.[A-Za-z][A-Za-z0-9_-]*|\\[[0-9]+\\])*";
const BUNDLE_REF = new RegExp(`\\$\\{(${PATH})\\}`, "g");
const WHOLE_REF = new RegExp(`^\\$\\{(${PATH})\\}$`);
const ANY_REF = /\$\{([^${}]*)\}/g;

export interface RefPolicy {
  /** A reference that is the whole string may become any value (a complex variable's list or map). */
  whole?(path: string): { value: unknown } | undefined;
  /** The text a reference inside a string becomes (jobform syntax, already escaped). */
  inline(path: string): string;
}

/** The path of a string that is exactly one bundle reference. */
function wholeReference(s: string): string | undefined {
  return WHOLE_REF.exec(s)?.[1];
}

/** Literal text with every `${…}` that jobform would read as a reference written as `$${…}`. */
export function escapeText(text: string): string {
  return text.replace(ANY_REF, (m: string, inner: string) => (WORD_REF.test(inner) ? `$${m}` : m));
}

export function rewriteString(s: string, policy: RefPolicy): unknown {
  if (!s.includes("${")) return s;
  const path = wholeReference(s);
  const whole = path !== undefined ? policy.whole?.(path) : undefined;
  if (whole) return whole.value;
  let out = "";
  let last = 0;
  for (const m of s.matchAll(BUNDLE_REF)) {
    out += escapeText(s.slice(last, m.index)) + policy.inline(m[1] as string);
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeText(s.slice(last));
}

/** Every string of a value rewritten; keys are left alone (the bundles CLI does not resolve them either). */
export function rewriteValue(value: unknown, policy: (at: readonly string[]) => RefPolicy, at: readonly string[] = []): unknown {
  if (typeof value === "string") return rewriteString(value, policy(at));
  if (Array.isArray(value)) return value.map((v, i) => rewriteValue(v, policy, [...at, String(i)]));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteValue(v, policy, [...at, k])]));
  return value;
}

/** The segments of a reference path: `a.b[2].c` → a, b, 2, c. */
export function refSegments(path: string): string[] {
  return path.split(/\.|(?=\[)/).map((s) => s.replace(/^\[(\d+)\]$/, "$1"));
}
