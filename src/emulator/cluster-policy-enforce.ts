// Every new_cluster a job or run writes, checked against the cluster policy it names and given the values
// the policy fixes or defaults, before the settings are stored (jobs/create, reset, update; runs/submit).
// A policy id the workspace does not have is left alone, as the CLI's fake does (the real answer is not
// observed).
import { enforceClusterPolicy } from "./cluster-policy-rules.js";
import { eachCluster } from "./job-settings.js";
import type { Json, Workspace } from "./state.js";

/** A copy of `settings` with the policies applied; throws the service's 400 when a cluster breaks its policy. */
export function withPolicies(ws: Workspace, settings: Json): Json {
  if (ws.clusterPolicies.size === 0) return settings;
  const out = structuredClone(settings);
  eachCluster(out, (cluster) => {
    const id = cluster.policy_id;
    const policy = typeof id === "string" ? ws.clusterPolicies.get(id) : undefined;
    if (policy) enforceClusterPolicy(cluster, policy.definition, cluster.apply_policy_default_values === true);
  });
  return out;
}
