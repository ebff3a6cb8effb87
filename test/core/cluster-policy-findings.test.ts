import { describe, expect, it } from "vitest";
import { clusterPolicyFindings } from "../../src/core/cluster-policy/findings.js";
import { namedPolicies } from "../../src/core/cluster-policy/clusters.js";
import type { DesiredJob } from "../../src/core/resolve.js";

/** A job whose locate() answers the pointer as its "line", so a test can see where an error points. */
function job(key: string, document: Record<string, unknown>): DesiredJob {
  return { key, file: `jobs/${key}.yaml`, document, locate: (p) => ({ file: `jobs/${key}.yaml`, line: p.length, column: 1, path: "/" + p.join("/") }) };
}

const POLICY = { policy_id: "P1", name: "Jobs small", definition: JSON.stringify({ spark_version: { type: "fixed", value: "15.4.x-scala2.12" }, "custom_tags.team": { type: "unlimited", defaultValue: "data", isOptional: true }, num_workers: { type: "range", maxValue: 4 } }) };

describe("cluster policy findings", () => {
  it("locate each broken rule at its value, per job cluster, task cluster and for_each inner cluster", () => {
    const doc = {
      job_clusters: [{ job_cluster_key: "small", new_cluster: { policy_id: "P1", spark_version: "14.3.x", num_workers: 2 } }],
      tasks: [
        { task_key: "a", new_cluster: { policy_id: "P1", num_workers: 9 } },
        { task_key: "b", for_each_task: { inputs: "[1]", task: { task_key: "b_inner", new_cluster: { policy_id: "P1", num_workers: 1, instance_pool_id: "x" } } } },
        { task_key: "c", existing_cluster_id: "1" },
      ],
    };
    const f = clusterPolicyFindings([job("etl", doc)], { byId: new Map([["P1", POLICY]]) });
    expect(f.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ["JF075", "/job_clusters/0/new_cluster/spark_version", 'etl, job cluster "small": policy "Jobs small" (P1): spark_version must be "15.4.x-scala2.12" (is "14.3.x") [fixed]'],
      ["JF075", "/tasks/0/new_cluster/num_workers", 'etl, task "a": policy "Jobs small" (P1): num_workers must be at most 4 (is 9) [range]'],
    ]);
    expect(f.errors[0]).toMatchObject({ code: "cluster-policy", key: "etl", file: "jobs/etl.yaml", line: 4, cluster: 'job cluster "small"', policy_id: "P1", policy_name: "Jobs small", rule: "fixed", attribute: "spark_version" });
    expect(f.errors[0]?.message).toMatch(/^jobs\/etl\.yaml:4:1: etl, job cluster "small"/);
    // Fixed values are written into every cluster of the policy that leaves them out, at the canonical place.
    expect(f.fills.get("etl")?.map((x) => x.path.join("/"))).toEqual(["tasks/a/new_cluster/spark_version", "tasks/b/for_each_task/task/new_cluster/spark_version"]);
  });

  it("report a policy that does not exist, or cannot be read, at the policy_id (JF076)", () => {
    const f = clusterPolicyFindings([job("x", { job_clusters: [{ job_cluster_key: "k", new_cluster: { policy_id: "NOPE" } }, { job_cluster_key: "m", new_cluster: { policy_id: "BAD" } }] })], {
      byId: new Map([["BAD", { policy_id: "BAD", name: "Broken", definition: "{oops" }]]),
    });
    expect(f.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["JF076", "/job_clusters/0/new_cluster/policy_id"],
      ["JF076", "/job_clusters/1/new_cluster/policy_id"],
    ]);
    expect(f.diagnostics[0]?.message).toMatch(/cluster policy NOPE does not exist/);
    expect(f.diagnostics[1]?.message).toMatch(/policy "Broken" \(BAD\) has a definition jobform cannot read/);
  });

  it("use the default policy for a spec that only asks for the defaults, and take its default values", () => {
    const doc = { job_clusters: [{ job_cluster_key: "k", new_cluster: { apply_policy_default_values: true, spark_version: "15.4.x-scala2.12", num_workers: 1 } }, { job_cluster_key: "n", new_cluster: { num_workers: 99 } }] };
    expect(namedPolicies([doc])).toEqual({ ids: [], wantsDefault: true });
    const f = clusterPolicyFindings([job("d", doc)], { byId: new Map([["P1", POLICY]]), defaultPolicyId: "P1" });
    expect(f.errors).toEqual([]);
    expect(f.fills.get("d")).toEqual([{ path: ["job_clusters", "k", "new_cluster", "custom_tags", "team"], value: "data" }]);
  });
});

describe("policy fills in the comparison", () => {
  it("drop a live value the policy wrote where git is silent, keep it where it differs or git sets it", async () => {
    const { dropPolicyFills } = await import("../../src/core/cluster-policy/fills.js");
    const live = { job_clusters: { c: { new_cluster: { spark_version: "15.4", spark_conf: { "spark.x": "true" }, num_workers: 2 } } } };
    const fills = [
      { path: ["job_clusters", "c", "new_cluster", "spark_version"], value: "15.4" },
      { path: ["job_clusters", "c", "new_cluster", "spark_conf", "spark.x"], value: "true" },
      { path: ["job_clusters", "c", "new_cluster", "num_workers"], value: 4 },
    ];
    dropPolicyFills({ job_clusters: { c: { new_cluster: { spark_version: "15.4" } } } }, live, fills);
    // spark_version: git sets it, so it stays to be compared; spark_conf: emptied and gone; num_workers: not the policy's value.
    expect(live).toEqual({ job_clusters: { c: { new_cluster: { spark_version: "15.4", num_workers: 2 } } } });
  });
});
