// What the round trip (round-trip.test.ts) found, pinned as small cases of importedDefinition.
import { describe, expect, it } from "vitest";
import { importedDefinition } from "../../src/core/import-job.js";
import type { LiveJob } from "../../src/core/plan-types.js";

const live = (settings: Record<string, unknown>): LiveJob => ({ jobId: "5", settings, permissions: [] });
const single = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 0, spark_conf: { "spark.databricks.cluster.profile": "singleNode" } };

describe("import writes what the job file needs", () => {
  it("keeps num_workers: 0 of a single-node cluster (the schema asks every cluster for a size)", () => {
    const doc = importedDefinition(live({ job_clusters: [{ job_cluster_key: "c", new_cluster: single }], tasks: [{ task_key: "t", new_cluster: single, notebook_task: { notebook_path: "/a" } }] }));
    expect((doc.job_clusters as { new_cluster: Record<string, unknown> }[])[0]?.new_cluster.num_workers).toBe(0);
    expect((doc.tasks as { new_cluster: Record<string, unknown> }[])[0]?.new_cluster.num_workers).toBe(0);
    const sized = importedDefinition(live({ job_clusters: [{ job_cluster_key: "c", new_cluster: { ...single, num_workers: undefined, autoscale: { min_workers: 1, max_workers: 2 } } }] }));
    expect((sized.job_clusters as { new_cluster: Record<string, unknown> }[])[0]?.new_cluster.num_workers).toBeUndefined();
  });

  it("writes git_provider the schema's way whatever casing the service answers", () => {
    expect(importedDefinition(live({ git_source: { git_url: "https://github.com/a/b", git_provider: "github", git_branch: "main" } })).git_source).toMatchObject({ git_provider: "gitHub" });
    expect(importedDefinition(live({ git_source: { git_url: "u", git_provider: "AZUREDEVOPSSERVICES", git_branch: "main" } })).git_source).toMatchObject({ git_provider: "azureDevOpsServices" });
  });

  it("escapes ${…} so the text stays literal", () => {
    expect(importedDefinition(live({ description: "uses ${HOME}" })).description).toBe("uses $${HOME}");
  });
});
