import { describe, expect, it } from "vitest";
import { platformCompute } from "../../src/runner/compute.js";

describe("platformCompute", () => {
  it("NewJobCluster → new_cluster with the API's field names and the cluster extras", () => {
    const c = platformCompute(
      {
        compute_type: "NewJobCluster",
        cluster_version: "15.4.x-scala2.12",
        node_type: "Standard_DS3_v2",
        driver_node_type: "Standard_DS4_v2",
        num_workers: 2,
        spark_conf: { "spark.x": "1" },
        spark_env_vars: { A: "b" },
        custom_tags: { team: "t" },
        data_security_mode: "SINGLE_USER",
        libraries: [{ pypi: { package: "requests" } }],
      },
      "etl",
    );
    expect(c.task).toEqual({
      new_cluster: {
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        driver_node_type_id: "Standard_DS4_v2",
        num_workers: 2,
        spark_conf: { "spark.x": "1" },
        spark_env_vars: { A: "b" },
        custom_tags: { team: "t" },
        data_security_mode: "SINGLE_USER",
      },
      libraries: [{ pypi: { package: "requests" } }],
    });
    expect(c.run).toEqual({});
    expect(c.warnings).toEqual([]);
  });

  it("NewJobCluster with autoscale sends autoscale, not num_workers", () => {
    const c = platformCompute({ compute_type: "NewJobCluster", cluster_version: "v", node_type: "n", autoscale: { min_workers: 1, max_workers: 4 } }, "p");
    expect(c.task.new_cluster).toEqual({ spark_version: "v", node_type_id: "n", autoscale: { min_workers: 1, max_workers: 4 } });
  });

  it("ExistingInteractiveCluster → existing_cluster_id only", () => {
    expect(platformCompute({ compute_type: "ExistingInteractiveCluster", existing_cluster_id: "0101-abc" }, "i").task).toEqual({ existing_cluster_id: "0101-abc" });
  });

  it("ExistingInstancePool → new_cluster from the pools, without node types", () => {
    const c = platformCompute({ compute_type: "ExistingInstancePool", instance_pool_id: "pool-1", driver_instance_pool_id: "pool-2", cluster_version: "v", num_workers: 3, node_type: "ignored" }, "pool");
    expect(c.task).toEqual({ new_cluster: { spark_version: "v", num_workers: 3, instance_pool_id: "pool-1", driver_instance_pool_id: "pool-2" } });
    expect(c.warnings[0]).toMatch(/node types come from the instance pool/);
  });

  it("Serverless → no cluster; an environment only when the platform names dependencies", () => {
    expect(platformCompute({ compute_type: "Serverless" }, "default")).toEqual({ task: {}, run: {}, warnings: [] });
    const c = platformCompute({ compute_type: "Serverless", environment: { dependencies: ["pandas==2.2.0"] }, performance_target: "STANDARD" }, "s");
    expect(c.task).toEqual({ environment_key: "default" });
    expect(c.run).toEqual({ environments: [{ environment_key: "default", spec: { environment_version: "2", dependencies: ["pandas==2.2.0"] } }], performance_target: "STANDARD" });
  });

  it("warns about settings that do not apply to the kind", () => {
    expect(platformCompute({ compute_type: "Serverless", libraries: [{ whl: "/x.whl" }] }, "s").warnings[0]).toMatch(/environment\.dependencies/);
    expect(platformCompute({ compute_type: "ExistingInteractiveCluster", existing_cluster_id: "c", performance_target: "STANDARD" }, "i").warnings[0]).toMatch(/serverless runs only/);
  });
});
