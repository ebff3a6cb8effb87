// The emulator's own reading of a cluster policy definition, applied to a cluster spec the way the service
// applies it when a job or run is written: a value that breaks a rule is refused with 400
// INVALID_PARAMETER_VALUE, and the values the policy fixes (and, with apply_policy_default_values, its
// defaults) are written into the stored spec. It shares no code with the reconciler on purpose: it is the
// other side of the wire that jobform's own check is tested against.
//
// Evidence: the message shape is a real answer quoted in a migration tool's notes ("Cluster validation
// error: Validation failed for instance_pool_id, the value must be … (is "…"); … driver_instance_pool_id …"),
// and the CLI's fake notes the nested form "custom_tags, CostCenter must be …". Injection of fixed values
// without apply_policy_default_values, and of defaults only with it, follows the CLI fake
// (libs/testserver cluster policy tests) and API-NOTES §5.7 #18. The wording for rule kinds other than
// fixed is not observed: it is modelled on the fixed one (unverified).
import { invalid } from "./errors.js";
import { isObject } from "./defaults.js";
import type { Json } from "./state.js";

type Leaf = string | number | boolean;

interface Limit {
  type: string;
  value?: unknown;
  values?: unknown[];
  pattern?: string;
  minValue?: number;
  maxValue?: number;
  defaultValue?: unknown;
  isOptional?: boolean;
}

/** Fields whose keys may hold dots (Spark conf keys do): the rest of the path is one key. */
const KEYED_FIELDS = ["spark_conf", "spark_env_vars", "custom_tags"];

function steps(attr: string): string[] {
  const dot = attr.indexOf(".");
  if (dot > 0 && KEYED_FIELDS.includes(attr.slice(0, dot))) return [attr.slice(0, dot), attr.slice(dot + 1)];
  return attr.split(".");
}

interface Hit {
  at: string[];
  value: unknown;
}

function lookup(node: unknown, path: readonly string[], at: string[] = []): Hit[] {
  if (node === undefined || node === null) return [];
  if (path.length === 0) return [{ at, value: node }];
  const [head, ...rest] = path as [string, ...string[]];
  const children: Array<[string, unknown]> = Array.isArray(node)
    ? node.map((v, i) => [String(i), v] as [string, unknown])
    : isObject(node)
      ? Object.entries(node)
      : [];
  return children.filter(([k]) => head === "*" || head === k).flatMap(([k, v]) => lookup(v, rest, [...at, k]));
}

function put(spec: Json, path: readonly string[], value: unknown): void {
  let node: Json = spec;
  path.forEach((k, i) => {
    if (i === path.length - 1) node[k] = value;
    else {
      if (!isObject(node[k])) node[k] = /^\d+$/.test(path[i + 1] as string) ? [] : {};
      node = node[k] as Json;
    }
  });
}

const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const equal = (a: unknown, b: unknown) => a !== null && typeof a !== "object" && b !== null && typeof b !== "object" && String(a) === String(b);

/** A pattern JavaScript cannot compile matches nothing (how the service treats one is not observed). */
function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** What is wrong with `value` under `limit`, in the service's words after "the value", or undefined. */
function breach(limit: Limit, value: unknown): string | undefined {
  switch (limit.type) {
    case "forbidden":
      return "must not be set";
    case "fixed":
      return equal(value, limit.value) ? undefined : `must be ${text(limit.value)}`;
    case "allowlist":
      return (limit.values ?? []).some((v) => equal(value, v)) ? undefined : `must be one of [${(limit.values ?? []).map(text).join(", ")}]`;
    case "blocklist":
      return (limit.values ?? []).some((v) => equal(value, v)) ? `must not be one of [${(limit.values ?? []).map(text).join(", ")}]` : undefined;
    case "regex":
      // Matched against the whole value (unverified; the reconciler's evaluator reads it the same way).
      return typeof value !== "object" && matches(limit.pattern ?? "", String(value)) ? undefined : `must match the regex ${limit.pattern ?? ""}`;
    case "range": {
      const n = typeof value === "number" ? value : NaN;
      if (Number.isNaN(n)) return "must be a number";
      if (limit.minValue !== undefined && n < limit.minValue) return `must be at least ${limit.minValue}`;
      if (limit.maxValue !== undefined && n > limit.maxValue) return `must be at most ${limit.maxValue}`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `custom_tags, team` for a nested attribute; `instance_pool_id, the value` for a top-level one. */
function subject(at: readonly string[]): string {
  return at.length === 1 ? `${at[0]}, the value` : at.join(", ");
}

function definitionOf(text: string | undefined): Record<string, Limit> {
  try {
    const d: unknown = JSON.parse(text ?? "{}");
    return isObject(d) ? (d as Record<string, Limit>) : {};
  } catch {
    return {};
  }
}

/**
 * Checks `spec` against the policy `definition` and writes the policy's values into it. Throws the
 * service's 400 naming every broken attribute; the spec is unchanged then.
 */
export function enforceClusterPolicy(spec: Json, definition: string | undefined, applyDefaults: boolean): void {
  const limits = Object.entries(definitionOf(definition)).filter(([, l]) => isObject(l) && typeof l.type === "string");
  const named = new Set(limits.map(([attr]) => attr).filter((a) => !a.includes("*")));
  const problems: string[] = [];
  const writes: Array<[string[], unknown]> = [];
  for (const [attr, limit] of limits) {
    if (attr === "dbus_per_hour") continue; // depends on prices: checked when a cluster starts, not here
    const path = steps(attr);
    let hits = attr === "cluster_type" ? [{ at: [attr], value: "job" }] : lookup(spec, path);
    if (attr.includes("*")) hits = hits.filter((h) => !named.has(h.at.join(".")));
    if (hits.length === 0) {
      if (attr.includes("*") || limit.type === "forbidden") continue;
      if (limit.type === "fixed") writes.push([path, limit.value]);
      else if (applyDefaults && limit.defaultValue !== undefined) writes.push([path, limit.defaultValue]);
      else if (limit.isOptional !== true) problems.push(`${subject(path)} is required`);
      continue;
    }
    for (const h of hits) {
      const why = breach(limit, h.value);
      if (why) problems.push(`${subject(h.at)} ${why} (is ${JSON.stringify(h.value as Leaf)})`);
    }
  }
  if (problems.length) throw invalid(`Cluster validation error: Validation failed for ${problems.join("; ")}`);
  for (const [path, value] of writes) put(spec, path, value);
}
