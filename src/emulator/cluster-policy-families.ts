// The built-in policy families a workspace offers (Policy Families API 2.0). Ids and names as the public
// docs list the families (personal-vm, power-user, shared-compute, job-cluster); the definitions are short
// stand-ins for the real ones, which are longer and change over time (not verified rule by rule).
export interface PolicyFamily {
  policy_family_id: string;
  name: string;
  description: string;
  definition: string;
}

const family = (policy_family_id: string, name: string, description: string, definition: Record<string, unknown>): PolicyFamily => ({
  policy_family_id,
  name,
  description,
  definition: JSON.stringify(definition),
});

export const POLICY_FAMILIES: readonly PolicyFamily[] = [
  family("job-cluster", "Job Compute", "Compute for jobs: a job cluster, with autotermination left to the job.", {
    cluster_type: { type: "fixed", value: "job" },
    spark_version: { type: "unlimited", defaultValue: "auto:latest-lts" },
    num_workers: { type: "unlimited", defaultValue: 4, isOptional: true },
  }),
  family("personal-vm", "Personal Compute", "Single-node compute for one user.", {
    cluster_type: { type: "fixed", value: "all-purpose" },
    num_workers: { type: "fixed", value: 0, hidden: true },
    "spark_conf.spark.databricks.cluster.profile": { type: "fixed", value: "singleNode", hidden: true },
    data_security_mode: { type: "fixed", value: "SINGLE_USER", hidden: true },
  }),
  family("power-user", "Power User Compute", "Multi-node compute for one user.", {
    cluster_type: { type: "fixed", value: "all-purpose" },
    "autoscale.max_workers": { type: "range", maxValue: 10, defaultValue: 4 },
    data_security_mode: { type: "fixed", value: "SINGLE_USER", hidden: true },
  }),
  family("shared-compute", "Shared Compute", "Multi-node compute shared by users, in standard access mode.", {
    cluster_type: { type: "fixed", value: "all-purpose" },
    data_security_mode: { type: "fixed", value: "USER_ISOLATION", hidden: true },
  }),
];
