// Issue #16: the cost of checking every job cluster against its cluster policy at plan time, in process:
// 10,000 jobs × 2 clusters against a 12-rule policy with wildcard, index and map-key paths (half the jobs
// break a rule, so locating errors is measured too). Run after `npm run build`: node bench/cluster-policy.mjs [N]
import { clusterPolicyFindings } from "../dist/core/cluster-policy/findings.js";

const N = Number(process.argv[2] ?? 10_000);
const definition = JSON.stringify({
  spark_version: { type: "regex", pattern: "1[45]\\.[0-9]+\\.x-scala2\\.12" },
  node_type_id: { type: "allowlist", values: ["i3.xlarge", "i3.2xlarge", "r5.xlarge"] },
  "autoscale.max_workers": { type: "range", maxValue: 10, isOptional: true },
  num_workers: { type: "range", maxValue: 8, isOptional: true },
  instance_pool_id: { type: "forbidden" },
  runtime_engine: { type: "fixed", value: "PHOTON" },
  "custom_tags.cost_center": { type: "allowlist", values: ["cc-1", "cc-2"] },
  "custom_tags.team": { type: "unlimited", defaultValue: "data", isOptional: true },
  "spark_conf.*": { type: "blocklist", values: ["unsafe"] },
  "spark_conf.spark.databricks.io.cache.enabled": { type: "fixed", value: "true" },
  "init_scripts.*.workspace.destination": { type: "regex", pattern: "/Shared/init/.*" },
  cluster_type: { type: "allowlist", values: ["job"] },
});
const cluster = (i) => ({
  policy_id: "P",
  spark_version: "15.4.x-scala2.12",
  node_type_id: i % 2 ? "i3.xlarge" : "m5.24xlarge",
  num_workers: 2,
  custom_tags: { cost_center: "cc-1" },
  spark_conf: { "spark.sql.shuffle.partitions": "200", "spark.x": "y" },
  init_scripts: [{ workspace: { destination: "/Shared/init/a.sh" } }],
});
const jobs = Array.from({ length: N }, (_, i) => ({
  key: `job-${i}`,
  file: `jobs/job-${i}.yaml`,
  document: { job_clusters: [{ job_cluster_key: "a", new_cluster: cluster(i) }], tasks: [{ task_key: "t", new_cluster: cluster(i + 1) }] },
  locate: (p) => ({ file: `jobs/job-${i}.yaml`, line: p.length, column: 1, path: "/" + p.join("/") }),
}));
const policies = { byId: new Map([["P", { policy_id: "P", name: "bench", definition }]]) };

const times = [];
let found;
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  found = clusterPolicyFindings(jobs, policies);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[2];
console.log(`${N} jobs, ${2 * N} clusters, 12 rules: median ${median.toFixed(0)} ms (${((median * 1000) / (2 * N)).toFixed(1)} µs per cluster), ${found.errors.length} violations located, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
