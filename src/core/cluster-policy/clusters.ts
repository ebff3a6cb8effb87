// The `new_cluster` specs of a job definition, each with where it is written (for a located error) and
// where it sits in the canonical form the differ compares (keyed lists as maps).
import { isPlainObject } from "../merge.js";

export interface JobCluster {
  spec: Record<string, unknown>;
  /** Pointer segments into the job document: `job_clusters/0/new_cluster`. */
  segments: string[];
  /** The same place in the canonical settings: `job_clusters/<job_cluster_key>/new_cluster`. */
  canonical: string[];
  /** How a reader names it: `job cluster "small"`, `task "ingest"`. */
  label: string;
}

const keyOf = (item: Record<string, unknown>, field: string, i: number) => (typeof item[field] === "string" ? (item[field] as string) : `#${i}`);

export function jobClusters(document: Readonly<Record<string, unknown>>): JobCluster[] {
  const out: JobCluster[] = [];
  const each = (list: unknown, visit: (item: Record<string, unknown>, i: number) => void) => {
    if (Array.isArray(list)) list.forEach((item, i) => isPlainObject(item) && visit(item, i));
  };
  each(document.job_clusters, (jc, i) => {
    const key = keyOf(jc, "job_cluster_key", i);
    if (isPlainObject(jc.new_cluster)) out.push({ spec: jc.new_cluster, segments: ["job_clusters", String(i), "new_cluster"], canonical: ["job_clusters", key, "new_cluster"], label: `job cluster "${key}"` });
  });
  each(document.tasks, (t, i) => {
    const key = keyOf(t, "task_key", i);
    if (isPlainObject(t.new_cluster)) out.push({ spec: t.new_cluster, segments: ["tasks", String(i), "new_cluster"], canonical: ["tasks", key, "new_cluster"], label: `task "${key}"` });
    const inner = isPlainObject(t.for_each_task) && isPlainObject(t.for_each_task.task) ? t.for_each_task.task : undefined;
    if (inner && isPlainObject(inner.new_cluster))
      out.push({ spec: inner.new_cluster, segments: ["tasks", String(i), "for_each_task", "task", "new_cluster"], canonical: ["tasks", key, "for_each_task", "task", "new_cluster"], label: `task "${key}" (for_each inner task)` });
  });
  return out;
}

/**
 * The policy a spec is checked against: its `policy_id`, or — when it only asks for the defaults with
 * apply_policy_default_values — the workspace's default job compute policy, when there is one.
 */
export function policyIdOf(spec: Readonly<Record<string, unknown>>, defaultPolicyId: string | undefined): string | undefined {
  if (typeof spec.policy_id === "string" && spec.policy_id !== "") return spec.policy_id;
  return spec.apply_policy_default_values === true ? defaultPolicyId : undefined;
}

/** Every policy id the jobs' clusters name; `wantsDefault` when one asks for the default policy. */
export function namedPolicies(documents: readonly Readonly<Record<string, unknown>>[]): { ids: string[]; wantsDefault: boolean } {
  const ids = new Set<string>();
  let wantsDefault = false;
  for (const d of documents)
    for (const c of jobClusters(d)) {
      const id = policyIdOf(c.spec, undefined);
      if (id) ids.add(id);
      else if (c.spec.apply_policy_default_values === true) wantsDefault = true;
    }
  return { ids: [...ids].sort(), wantsDefault };
}
