import { describe, expect, it } from "vitest";
import { normalizeSettings, stripServerDefaults } from "../../src/core/normalize.js";

describe("stripServerDefaults", () => {
  it("takes out what the server added, in the API's list shape, and leaves computed values alone", () => {
    const live = {
      name: "Nightly",
      format: "MULTI_TASK",
      timeout_seconds: 0,
      max_concurrent_runs: 1,
      queue: { enabled: true },
      edit_mode: "EDITABLE",
      email_notifications: {},
      schedule: { quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
      triggers: [{ periodic: { interval: 4, unit: "HOURS" }, pause_status: "UNPAUSED" }],
      tasks: [
        { task_key: "a", run_if: "ALL_SUCCESS", timeout_seconds: 0, disabled: false, notebook_task: { notebook_path: "/a", source: "WORKSPACE" }, retry_on_timeout: true },
        { task_key: "b", run_if: "AT_LEAST_ONE_SUCCESS", spark_jar_task: { main_class_name: "M", run_as_repl: true }, for_each_task: { inputs: "[1]", task: { task_key: "b_inner", run_if: "ALL_SUCCESS", notebook_task: { notebook_path: "/b", source: "WORKSPACE" } } } },
      ],
      job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", aws_attributes: { availability: "SPOT_WITH_FALLBACK" }, spark_conf: { "spark.databricks.delta.preview.enabled": "true" } } }],
    };
    const before = structuredClone(live);
    expect(stripServerDefaults(live)).toEqual({
      name: "Nightly",
      schedule: { quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC" },
      triggers: [{ periodic: { interval: 4, unit: "HOURS" } }],
      tasks: [
        // retry_on_timeout is computed: kept, since nothing says the user did not set it.
        { task_key: "a", notebook_task: { notebook_path: "/a" }, retry_on_timeout: true },
        { task_key: "b", run_if: "AT_LEAST_ONE_SUCCESS", spark_jar_task: { main_class_name: "M" }, for_each_task: { inputs: "[1]", task: { task_key: "b_inner", notebook_task: { notebook_path: "/b" } } } },
      ],
      // aws_attributes.availability SPOT_WITH_FALLBACK is what AWS fills in: gone, and the empty block with it.
      job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge" } }],
    });
    expect(live).toEqual(before);
  });

  it("strips what the workspace filled into a cluster (live-shaped jobs/get), and keeps what differs from it", () => {
    const filled = {
      spark_version: "15.4.x-scala2.12",
      node_type_id: "i3.xlarge",
      driver_node_type_id: "i3.xlarge",
      num_workers: 2,
      data_security_mode: "SINGLE_USER",
      aws_attributes: { availability: "SPOT_WITH_FALLBACK", zone_id: "us-east-1c", first_on_demand: 1, spot_bid_price_percent: 100 },
    };
    const chosen = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", driver_node_type_id: "i3.2xlarge", num_workers: 2, data_security_mode: "USER_ISOLATION", aws_attributes: { availability: "ON_DEMAND", first_on_demand: 2, zone_id: "auto" } };
    const pooled = { spark_version: "15.4.x-scala2.12", instance_pool_id: "p-1", driver_instance_pool_id: "p-1", num_workers: 1 };
    const gcp = { spark_version: "15.4.x-scala2.12", node_type_id: "n2-highmem-4", driver_node_type_id: "n2-highmem-4", num_workers: 1, gcp_attributes: { availability: "ON_DEMAND_GCP" } };
    const out = stripServerDefaults({
      job_clusters: [
        { job_cluster_key: "filled", new_cluster: filled },
        { job_cluster_key: "chosen", new_cluster: chosen },
        { job_cluster_key: "pooled", new_cluster: pooled },
      ],
      tasks: [{ task_key: "t", notebook_task: { notebook_path: "/t" }, new_cluster: gcp }, { task_key: "f", for_each_task: { inputs: "[1]", task: { task_key: "i", notebook_task: { notebook_path: "/i" }, new_cluster: filled } } }],
    });
    const bare = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 2, aws_attributes: { zone_id: "us-east-1c" } };
    expect(out.job_clusters).toEqual([
      { job_cluster_key: "filled", new_cluster: bare },
      { job_cluster_key: "chosen", new_cluster: { ...chosen, aws_attributes: { availability: "ON_DEMAND", first_on_demand: 2 } } },
      { job_cluster_key: "pooled", new_cluster: { spark_version: "15.4.x-scala2.12", instance_pool_id: "p-1", num_workers: 1 } },
    ]);
    expect(out.tasks).toEqual([
      { task_key: "t", notebook_task: { notebook_path: "/t" }, new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "n2-highmem-4", num_workers: 1 } },
      { task_key: "f", for_each_task: { inputs: "[1]", task: { task_key: "i", notebook_task: { notebook_path: "/i" }, new_cluster: bare } } },
    ]);
  });

  it("keeps values that differ from the defaults, and the empties that mean something", () => {
    const live = { max_concurrent_runs: 0, queue: { enabled: false }, timeout_seconds: 60, edit_mode: "UI_LOCKED", git_source: { git_url: "https://x/r", git_provider: "gitHub", git_branch: "main" }, tasks: [{ task_key: "a", notebook_task: { notebook_path: "n", source: "GIT" } }, { task_key: "b", notebook_task: { notebook_path: "/w", source: "WORKSPACE" } }] };
    expect(stripServerDefaults(live)).toEqual({
      max_concurrent_runs: 0,
      queue: { enabled: false },
      timeout_seconds: 60,
      edit_mode: "UI_LOCKED",
      // git_provider casing is the user's: only the comparison lowercases it.
      git_source: { git_url: "https://x/r", git_provider: "gitHub", git_branch: "main" },
      // With git_source the resolved default is GIT; an explicit WORKSPACE is the user's choice.
      tasks: [{ task_key: "a", notebook_task: { notebook_path: "n" } }, { task_key: "b", notebook_task: { notebook_path: "/w", source: "WORKSPACE" } }],
    });
  });

  it("survives int64 ids that only a bigint holds", () => {
    const id = 2n ** 60n;
    expect(stripServerDefaults({ tasks: [{ task_key: "t", run_job_task: { job_id: id }, timeout_seconds: 0 }] })).toEqual({ tasks: [{ task_key: "t", run_job_task: { job_id: id } }] });
  });

  it("leaves normalizeSettings as it was (maps for keyed lists)", () => {
    expect(normalizeSettings({ tasks: [{ task_key: "x", run_if: "ALL_SUCCESS" }] })).toEqual({ tasks: { x: { task_key: "x" } } });
  });
});
