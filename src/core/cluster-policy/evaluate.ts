// A cluster spec against a parsed policy: what breaks it, and what the service fills in. Semantics from the
// public compute policy reference; the ones not stated there are marked "unverified".
import type { ParsedPolicy, PolicyRule, RuleKind, Scalar } from "./definition.js";
import { isWildcard, policyPathOf, splitPolicyPath, valuesAt } from "./paths.js";

export interface Violation {
  /** The concrete attribute path: `custom_tags.team`, not the rule's `custom_tags.*`. */
  path: string;
  /** Where in the cluster spec to point: the value, or the cluster itself when the value is missing. */
  segments: string[];
  kind: RuleKind;
  /** `must be one of "a", "b" (is "c")`, without the path. */
  reason: string;
}

export interface Fill {
  segments: string[];
  value: Scalar;
  /** fixed: always written into a spec that leaves it out; default: only with apply_policy_default_values. */
  from: "fixed" | "default";
}

export interface Evaluation {
  violations: Violation[];
  fills: Fill[];
  /** Rules on attributes that cannot be known before a cluster exists (`dbus_per_hour`): not checked. */
  unchecked: string[];
}

/**
 * Virtual attributes the policy reference lists besides the Clusters API fields. A job cluster's
 * `cluster_type` is `job`; `dbus_per_hour` depends on prices and is not checked offline.
 */
const VIRTUAL: Readonly<Record<string, Scalar | undefined>> = { cluster_type: "job", dbus_per_hour: undefined };

const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/**
 * Scalars compare by their text: policies write `"true"` for Spark conf values and `true` for booleans
 * alike, and the service stores Spark conf values as strings (unverified for numbers written as strings).
 */
const same = (a: unknown, b: Scalar) => (typeof a === "object" && a !== null ? false : String(a) === String(b));

/** A rule ready to run: its path split and its pattern compiled once per policy, not once per cluster. */
interface Prepared {
  rule: PolicyRule;
  segments: string[];
  wildcard: boolean;
  regex?: RegExp;
}

const prepared = new WeakMap<ParsedPolicy, { rules: Prepared[]; exact: Set<string> }>();

function prepare(policy: ParsedPolicy): { rules: Prepared[]; exact: Set<string> } {
  let p = prepared.get(policy);
  if (p) return p;
  const rules = policy.rules.map((rule): Prepared => {
    const segments = splitPolicyPath(rule.path);
    // Unverified: the reference is read as matching the whole value (anchored at both ends), as a
    // pattern like `15\.[0-9]+\.x-scala.*` is written to be read; an unanchored search would pass
    // `xx15.4.x-scala2.12`. The emulator makes the same choice.
    return { rule, segments, wildcard: isWildcard(segments), ...(rule.type === "regex" ? { regex: new RegExp(`^(?:${rule.pattern ?? ""})$`) } : {}) };
  });
  // Places some rule names exactly: a wildcard rule leaves them to it (unverified).
  const exact = new Set(rules.filter((r) => !r.wildcard).map((r) => policyPathOf(r.segments)));
  prepared.set(policy, (p = { rules, exact }));
  return p;
}

function reasonFor({ rule, regex }: Prepared, v: unknown): string | undefined {
  switch (rule.type) {
    case "forbidden":
      return "is forbidden";
    case "fixed":
      return same(v, rule.value as Scalar) ? undefined : `must be ${show(rule.value)} (is ${show(v)})`;
    case "allowlist":
      return (rule.values ?? []).some((a) => same(v, a)) ? undefined : `must be one of ${(rule.values ?? []).map(show).join(", ")} (is ${show(v)})`;
    case "blocklist":
      return (rule.values ?? []).some((a) => same(v, a)) ? `must not be ${show(v)} (blocked: ${(rule.values ?? []).map(show).join(", ")})` : undefined;
    case "regex":
      return typeof v !== "object" && regex?.test(String(v)) ? undefined : `must match ${show(rule.pattern)} (is ${show(v)})`;
    case "range": {
      const limits = [rule.minValue !== undefined ? `at least ${rule.minValue}` : "", rule.maxValue !== undefined ? `at most ${rule.maxValue}` : ""].filter(Boolean).join(" and ");
      if (typeof v !== "number") return `must be a number${limits ? ` ${limits}` : ""} (is ${show(v)})`;
      if ((rule.minValue !== undefined && v < rule.minValue) || (rule.maxValue !== undefined && v > rule.maxValue)) return `must be ${limits} (is ${v})`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `cluster` (a `new_cluster`) against `policy`. `applyDefaults` is the spec's apply_policy_default_values:
 * without it a `defaultValue` only shows in the UI; `fixed` values are written either way.
 */
export function evaluatePolicy(cluster: Readonly<Record<string, unknown>>, policy: ParsedPolicy, opts: { applyDefaults: boolean }): Evaluation {
  const out: Evaluation = { violations: [], fills: [], unchecked: [] };
  const { rules, exact } = prepare(policy);
  for (const prep of rules) {
    const { rule, segments, wildcard } = prep;
    const virtual = segments.length === 1 && Object.prototype.hasOwnProperty.call(VIRTUAL, rule.path);
    if (virtual && VIRTUAL[rule.path] === undefined) {
      out.unchecked.push(rule.path);
      continue;
    }
    let found = virtual ? [{ segments: [], value: VIRTUAL[rule.path] }] : valuesAt(cluster, segments);
    if (wildcard) found = found.filter((f) => !exact.has(policyPathOf(f.segments)));
    if (found.length === 0 && !wildcard) {
      if (rule.type === "fixed") out.fills.push({ segments, value: rule.value as Scalar, from: "fixed" });
      else if (rule.type === "forbidden") continue;
      else if (rule.defaultValue !== undefined && opts.applyDefaults) out.fills.push({ segments, value: rule.defaultValue, from: "default" });
      // A limited attribute is required unless the rule says isOptional (the reference's reading; not yet
      // checked against a workspace, and the emulator makes the same choice).
      else if (!rule.isOptional) out.violations.push({ path: rule.path, segments: [], kind: rule.type, reason: `is required${rule.defaultValue !== undefined ? ` (set it, or set apply_policy_default_values to take the default ${show(rule.defaultValue)})` : ""}` });
      continue;
    }
    for (const f of found) {
      const reason = reasonFor(prep, f.value);
      if (reason) out.violations.push({ path: virtual ? rule.path : policyPathOf(f.segments), segments: f.segments, kind: rule.type, reason });
    }
  }
  return out;
}
