// What a workspace value becomes when pull writes it into git: without the fields the service fills in on
// its own, with the zeros the canonical form drops but validation needs.
import { isPlainObject } from "../merge.js";
import { expandPattern, VALUE_RULES } from "../normalize-rules.js";

/** A single-node cluster keeps `num_workers: 0`: the canonical form drops a 0, validation needs it (JF024). */
export function withZeroWorkers(value: unknown, raw: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withZeroWorkers(v, Array.isArray(raw) ? raw[i] : undefined));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withZeroWorkers(v, isPlainObject(raw) ? raw[k] : undefined);
  const cluster = isPlainObject(raw) && (raw.spark_version !== undefined || raw.node_type_id !== undefined || raw.instance_pool_id !== undefined);
  if (cluster && raw.num_workers === 0 && out.num_workers === undefined && out.autoscale === undefined) out.num_workers = 0;
  return out;
}

/**
 * Fields the service computes when a spec leaves them out (elastic disk, retry on timeout, what a cluster
 * policy injects): the plan ignores them where git has none, so a value pull adds leaves them out. Fields
 * a user picks in the UI (node type, access mode, single user) are kept.
 */
const USER_CHOSEN = new Set(["node_type_id", "single_user_name", "data_security_mode", "run_as"]);
const COMPUTED = VALUE_RULES.flatMap((r) => (r.action.kind === "computed" && !r.action.fills ? expandPattern(r.match).map((pattern) => ({ pattern, sibling: r.ifSibling })) : []));

export function withoutComputed(value: unknown, path: readonly string[], owners: readonly Record<string, unknown>[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withoutComputed(v, [...path, String(i)], owners));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const here = [...path, k];
    const hit = COMPUTED.find((c) => c.pattern.length === here.length && c.pattern.every((s, i) => s === "*" || s === here[i]));
    const drop = hit && (hit.sibling === undefined ? !USER_CHOSEN.has(k) : [value, ...owners].some((o) => o[hit.sibling as string] !== undefined));
    if (!drop) out[k] = withoutComputed(v, here, [value, ...owners]);
  }
  return out;
}
