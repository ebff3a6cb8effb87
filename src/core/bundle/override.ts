// A target's job override written so that jobform's merge gives what the bundles CLI's merge gives. The
// bundles CLI concatenates lists (libs/dyn/merge) and then folds a job's tasks, job_clusters and parameters by
// key (bundle/config/mutator/resourcemutator/merge_job_*.go); a null keeps what is below. jobform merges its
// keyed lists by key, replaces every other list and removes a key set to null (merge.ts). So a plain list is
// written out whole (the job's items, then the override's), and nulls are left out.
import { isPlainObject, KEYED_LISTS } from "../merge.js";
import type { Obj } from "./model.js";

const BUNDLE_KEYED: Readonly<Record<string, string>> = { tasks: "task_key", job_clusters: "job_cluster_key", parameters: "name" };

export function asJobformOverride(base: unknown, over: unknown, field = "", depth = 0): unknown {
  if (over === null || over === undefined) return undefined;
  if (isPlainObject(over)) {
    const below = isPlainObject(base) ? base : {};
    const out: Obj = {};
    for (const [k, v] of Object.entries(over)) {
      const r = asJobformOverride(below[k], v, k, depth + 1);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  if (!Array.isArray(over)) return over;
  const bundleKey = depth === 1 ? BUNDLE_KEYED[field] : undefined;
  if (bundleKey !== undefined) {
    const byKey = new Map((Array.isArray(base) ? base : []).flatMap((b) => (isPlainObject(b) && typeof b[bundleKey] === "string" ? [[b[bundleKey] as string, b]] : [])));
    return over.map((item) => (isPlainObject(item) && typeof item[bundleKey] === "string" ? asJobformOverride(byKey.get(item[bundleKey] as string), item, `${field}[]`, depth + 1) : item));
  }
  // jobform adds a keyed list's new items to the job's; any other list it replaces, so it gets the whole list.
  if (Object.hasOwn(KEYED_LISTS, field) || !Array.isArray(base)) return over;
  return [...(base as unknown[]), ...over];
}
