import { describe, expect, it } from "vitest";
import { call, createJob, getSettings, nb, ok, workspace } from "./helpers.js";
import { JOB_DEFAULTS, TASK_DEFAULTS, CLUSTER_DEFAULTS, cloudOf } from "../../src/emulator/defaults.js";

describe("server-side defaults on read", () => {
  it("every table entry says why", () => {
    for (const r of [...JOB_DEFAULTS, ...TASK_DEFAULTS, ...CLUSTER_DEFAULTS]) expect(r.why.length).toBeGreaterThan(10);
  });

  it("a minimal job comes back with the job and task defaults", () => {
    const ws = workspace();
    const id = createJob(ws, { name: "a", format: "SINGLE_TASK", tasks: [nb("x")], schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC" } });
    const s = getSettings(ws, id);
    expect(s).toMatchObject({
      format: "MULTI_TASK",
      email_notifications: {},
      webhook_notifications: {},
      timeout_seconds: 0,
      max_concurrent_runs: 1,
      queue: { enabled: true },
      schedule: { pause_status: "UNPAUSED" },
    });
    expect((s.tasks as Record<string, unknown>[])[0]).toMatchObject({ run_if: "ALL_SUCCESS", timeout_seconds: 0, email_notifications: {}, notebook_task: { source: "WORKSPACE" } });
  });

  it("2.1 create does not enable the queue", () => {
    const ws = workspace();
    const id = createJob(ws, { name: "a" }, "2.1");
    expect(getSettings(ws, id, "2.1").queue).toBeUndefined();
  });

  it("task sources resolve to GIT with git_source; type-specific defaults appear", () => {
    const ws = workspace();
    const id = createJob(ws, {
      git_source: { git_url: "https://github.com/a/b", git_provider: "GitHub", git_branch: "main" },
      tasks: [
        nb("n"),
        { task_key: "j", spark_jar_task: { main_class_name: "M" } },
        { task_key: "d", dbt_task: { commands: ["dbt run"] } },
        { task_key: "p", pipeline_task: { pipeline_id: "x" } },
      ],
    });
    const tasks = getSettings(ws, id).tasks as Record<string, Record<string, unknown>>[];
    const byKey = Object.fromEntries(tasks.map((t) => [t.task_key, t]));
    expect(byKey.n?.notebook_task).toMatchObject({ source: "GIT" });
    expect(byKey.j?.spark_jar_task).toMatchObject({ run_as_repl: true });
    expect(byKey.d?.dbt_task).toMatchObject({ schema: "default", source: "GIT" });
    expect(byKey.p?.pipeline_task).toMatchObject({ full_refresh: false });
  });

  it("write-only and empty values are never echoed; keyed lists come back sorted", () => {
    const ws = workspace();
    const id = createJob(ws, {
      tags: {},
      email_notifications: { on_failure: [] },
      trigger: { table_update: { table_names: ["c.s.t"], condition: "ANY_UPDATED" } },
      webhook_notifications: { on_start: [{ id: "z" }, { id: "a" }] },
      job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_version: "15.4", node_type_id: "i3.xlarge", num_workers: 1, apply_policy_default_values: true } }],
      tasks: [nb("b", { depends_on: [{ task_key: "c" }, { task_key: "a" }] }), nb("a"), nb("c")],
    });
    const s = getSettings(ws, id);
    expect(s.tags).toBeUndefined();
    expect(s.email_notifications).toEqual({});
    expect(s.trigger).toEqual({ pause_status: "UNPAUSED", table_update: { table_names: ["c.s.t"] } });
    expect(s.webhook_notifications).toEqual({ on_start: [{ id: "a" }, { id: "z" }] });
    const tasks = s.tasks as Record<string, unknown>[];
    expect(tasks.map((t) => t.task_key)).toEqual(["a", "b", "c"]);
    expect(tasks[1]?.depends_on).toEqual([{ task_key: "a" }, { task_key: "c" }]);
    const cluster = (s.job_clusters as Record<string, Record<string, unknown>>[])[0]?.new_cluster as Record<string, unknown>;
    expect(cluster.apply_policy_default_values).toBeUndefined();
    expect(cluster).toMatchObject({ aws_attributes: { availability: "SPOT_WITH_FALLBACK" }, enable_elastic_disk: false, data_security_mode: "SINGLE_USER", driver_node_type_id: "i3.xlarge" });
  });

  it("the cloud follows the node type; pools drop node types and cloud blocks", () => {
    expect(cloudOf({ node_type_id: "Standard_DS3_v2" })).toBe("azure");
    expect(cloudOf({ node_type_id: "n2-highmem-4" })).toBe("gcp");
    const ws = workspace();
    const id = createJob(ws, {
      job_clusters: [
        { job_cluster_key: "az", new_cluster: { node_type_id: "Standard_DS3_v2", num_workers: 2 } },
        { job_cluster_key: "pool", new_cluster: { instance_pool_id: "p1", node_type_id: "x", num_workers: 2 } },
      ],
    });
    const [az, pool] = (getSettings(ws, id).job_clusters as Record<string, Record<string, unknown>>[]).map((c) => c.new_cluster as Record<string, unknown>);
    expect(az).toMatchObject({ azure_attributes: { availability: "ON_DEMAND_AZURE" }, enable_elastic_disk: true });
    expect(pool).toEqual({ instance_pool_id: "p1", driver_instance_pool_id: "p1", num_workers: 2, data_security_mode: "SINGLE_USER" });
  });

  it("the job carries output-only fields and an unknown extra field", () => {
    const ws = workspace({ user: "Alice@example.com" });
    const id = createJob(ws, { name: "a" });
    const job = ok(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`));
    expect(job).toMatchObject({ creator_user_name: "Alice@example.com", run_as_user_name: "Alice@example.com", run_as_owner: true });
    expect(typeof job.created_time).toBe("number");
  });
});
