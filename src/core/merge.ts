import type { Origin, Provenance } from "./provenance.js";

/**
 * Keyed lists are merged element by element, matched by their key field — the same identity the Jobs API
 * uses for jobs/update (tasks by task_key, job_clusters by job_cluster_key) and PRODUCT.md asks for overrides.
 */
export const KEYED_LISTS: Readonly<Record<string, (item: Record<string, unknown>) => string | undefined>> = {
  tasks: (i) => str(i.task_key),
  job_clusters: (i) => str(i.job_cluster_key),
  environments: (i) => str(i.environment_key),
  parameters: (i) => str(i.name),
  permissions: (i) => {
    const who = i.user_name ?? i.group_name ?? i.service_principal_name;
    return typeof who === "string" ? who.toLowerCase() : undefined;
  },
};

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

// `at` is a user's key: `constructor` must not find Object.prototype's.
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Keys of which an object holds at most one, by where the object sits (the key above it; `[]` marks a list
 * item): a layer that sets one of them replaces the others the layer below set, so a prod override switches
 * `num_workers` to `autoscale`, or a schedule to `continuous`, without spelling out the removal. Only these
 * places: in a user's own maps (tags, base_parameters) such names are plain keys. Setting two of them in one
 * layer is still the schema's error.
 */
const ALTERNATIVES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  "": [["schedule", "trigger", "continuous", "triggers"]],
  new_cluster: [["num_workers", "autoscale"]],
  "tasks[]": [["existing_cluster_id", "new_cluster", "job_cluster_key"]],
  task: [["existing_cluster_id", "new_cluster", "job_cluster_key"]],
};

/**
 * What is merged on top: a job file over `defaults:`, or a target override over the job. In both, `key: null`
 * removes the key the layer below set; an override's null with nothing below is dropped too, while a job
 * file's stays for the schema to report (an empty value there is more likely a slip than a removal).
 */
export type Layer = "job" | "override";

/**
 * Deep-merges `over` onto `base` into a new value: maps merge key by key, keyed lists merge by key, anything
 * else in `over` replaces. Neither input is modified. Origins are recorded so diagnostics point at the file
 * that wrote each value.
 */
export function mergeInto(base: unknown, over: unknown, prov: Provenance, at = "", layer: Layer = "job"): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = {};
    prov.copy(base, out);
    const overOrigin = prov.origin(over);
    for (const [k, v] of Object.entries(base)) out[k] = v;
    for (const [k, v] of Object.entries(over)) {
      if (v === null && (k in base || layer === "override")) {
        delete out[k];
        continue;
      }
      for (const other of own(ALTERNATIVES, at)?.find((group) => group.includes(k)) ?? []) if (other !== k && !(other in over)) delete out[other];
      const merged = k in base ? mergeInto(base[k], v, prov, k, layer) : v;
      out[k] = merged;
      if (overOrigin && (merged === v || merged === null || typeof merged !== "object")) prov.setKeyOrigin(out, k, overOrigin);
    }
    return out;
  }
  const keyOf = own(KEYED_LISTS, at);
  if (keyOf && Array.isArray(base) && Array.isArray(over)) {
    const out: unknown[] = base.slice();
    prov.copy(base, out);
    const index = new Map<string, number>();
    out.forEach((item, i) => {
      const k = isPlainObject(item) ? keyOf(item) : undefined;
      if (k !== undefined) index.set(k, i);
    });
    for (const item of over) {
      const k = isPlainObject(item) ? keyOf(item) : undefined;
      const i = k === undefined ? undefined : index.get(k);
      if (i === undefined) out.push(item);
      else out[i] = mergeInto(out[i], item, prov, `${at}[]`, layer);
    }
    return out;
  }
  return over;
}

/**
 * Entries of `over`'s keyed lists whose key an earlier entry of the same list already has: merged by key,
 * the second would silently fold into the first.
 */
export function repeatedListKeys(over: Record<string, unknown>): { list: string; index: number; key: string }[] {
  return Object.entries(KEYED_LISTS).flatMap(([list, keyOf]) => {
    const items = over[list];
    if (!Array.isArray(items)) return [];
    const seen = new Set<string>();
    return items.flatMap((item, index) => {
      const key = isPlainObject(item) ? keyOf(item) : undefined;
      if (key === undefined) return [];
      if (seen.has(key)) return [{ list, index, key }];
      seen.add(key);
      return [];
    });
  });
}

/** A fresh deep copy registered at `origin`, for values that must not share objects between jobs. */
export function cloneWithOrigin(value: unknown, prov: Provenance, origin: Origin | undefined): unknown {
  if (value === null || typeof value !== "object") return value;
  const out: unknown = Array.isArray(value) ? value.map((v) => cloneWithOrigin(v, prov, undefined)) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneWithOrigin(v, prov, undefined)]));
  prov.copy(value, out as object);
  if (origin) prov.setOrigin(out as object, origin);
  return out;
}
