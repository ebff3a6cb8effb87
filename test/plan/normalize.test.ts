// One test per spurious-diff source of API-NOTES §5.7: a live answer that differs from the definition only
// by that source must produce no change, and (where it matters) a real change must still show.
import { describe, expect, it } from "vitest";
import { diff, diffAcl } from "../../src/core/diff.js";
import { normalizeDesiredAcl, normalizeLiveAcl } from "../../src/core/normalize-acl.js";
import { comparableLive, normalizeDesired, normalizeLive } from "../../src/core/normalize.js";

const task = (key: string, extra: Record<string, unknown> = {}) => ({ task_key: key, notebook_task: { notebook_path: `/n/${key}` }, ...extra });
const tags = { jobform_project: "p", jobform_key: "k" };

/** Field changes between a definition and a live jobs/get settings body (tags added on the live side). */
function changes(desired: Record<string, unknown>, live: Record<string, unknown>, extra: { runAsUserName?: string } = {}) {
  const want = normalizeDesired(desired, { project: "p", key: "k", deployer: "me@example.com" });
  const have = comparableLive(normalizeLive({ jobId: "1", settings: { ...live, tags: { ...tags, ...(live.tags as object) } }, permissions: [], ...extra }), want);
  return diff(have.settings, want.settings);
}

describe("normalisation: each §5.7 source is no change", () => {
  it("#1 task order", () => {
    expect(changes({ tasks: [task("b"), task("a")] }, { tasks: [task("a"), task("b")] })).toEqual([]);
  });
  it("#2 depends_on order", () => {
    const d = task("c", { depends_on: [{ task_key: "b" }, { task_key: "a" }] });
    const l = task("c", { depends_on: [{ task_key: "a" }, { task_key: "b" }] });
    expect(changes({ tasks: [task("a"), task("b"), d] }, { tasks: [l, task("b"), task("a")] })).toEqual([]);
  });
  it("#3 webhook destination order", () => {
    expect(changes({ webhook_notifications: { on_failure: [{ id: "x" }, { id: "y" }] } }, { webhook_notifications: { on_failure: [{ id: "y" }, { id: "x" }] } })).toEqual([]);
  });
  it("#4 empty notification objects at job and task level", () => {
    expect(changes({ tasks: [task("a")] }, { email_notifications: {}, webhook_notifications: {}, tasks: [task("a", { email_notifications: {}, webhook_notifications: {} })] })).toEqual([]);
  });
  it("#5 format MULTI_TASK", () => {
    expect(changes({ name: "j" }, { name: "j", format: "MULTI_TASK" })).toEqual([]);
  });
  it("#6 run_if ALL_SUCCESS", () => {
    expect(changes({ tasks: [task("a")] }, { tasks: [task("a", { run_if: "ALL_SUCCESS" })] })).toEqual([]);
    expect(changes({ tasks: [task("a", { run_if: "ALL_DONE" })] }, { tasks: [task("a", { run_if: "ALL_SUCCESS" })] })).toEqual([
      { op: "replace", path: "/tasks/a/run_if", before: "ALL_SUCCESS", after: "ALL_DONE" },
    ]);
  });
  it("#7 timeout 0 and max_concurrent_runs 1", () => {
    expect(changes({ tasks: [task("a")] }, { timeout_seconds: 0, max_concurrent_runs: 1, tasks: [task("a", { timeout_seconds: 0 })] })).toEqual([]);
    expect(changes({ max_concurrent_runs: 0 }, { max_concurrent_runs: 1 })).toEqual([{ op: "replace", path: "/max_concurrent_runs", before: 1, after: 0 }]);
  });
  it("#8 queue enabled when omitted", () => {
    expect(changes({}, { queue: { enabled: true } })).toEqual([]);
    expect(changes({ queue: { enabled: false } }, { queue: { enabled: true } })).toHaveLength(1);
    expect(changes({}, { queue: { enabled: false } })).toEqual([{ op: "replace", path: "/queue", before: { enabled: false }, after: { enabled: true } }]);
  });
  it("#9 run_as computed when the definition has none, compared with run_as_user_name when it has", () => {
    expect(changes({}, { run_as: { user_name: "creator@x.com" } }, { runAsUserName: "creator@x.com" })).toEqual([]);
    expect(changes({ run_as: { user_name: "Bot@X.com" } }, {}, { runAsUserName: "bot@x.com" })).toEqual([]);
    expect(changes({ run_as: { user_name: "bot@x.com" } }, {}, { runAsUserName: "someone@x.com" })).toHaveLength(1);
  });
  it("#10 task source resolved to WORKSPACE or GIT", () => {
    const git = { git_url: "https://github.com/o/r", git_provider: "gitHub", git_branch: "main" };
    expect(changes({ tasks: [task("a")] }, { tasks: [task("a", { notebook_task: { notebook_path: "/n/a", source: "WORKSPACE" } })] })).toEqual([]);
    expect(changes({ git_source: git, tasks: [task("a")] }, { git_source: git, tasks: [task("a", { notebook_task: { notebook_path: "/n/a", source: "GIT" } })] })).toEqual([]);
  });
  it("#11 spark_jar_task.run_as_repl true", () => {
    const jar = { task_key: "j", spark_jar_task: { main_class_name: "M" } };
    expect(changes({ tasks: [jar] }, { tasks: [{ ...jar, spark_jar_task: { main_class_name: "M", run_as_repl: true } }] })).toEqual([]);
  });
  it("#12 retry_on_timeout computed", () => {
    expect(changes({ tasks: [task("a")] }, { tasks: [task("a", { retry_on_timeout: true })] })).toEqual([]);
  });
  it("#13 dbt schema default", () => {
    const dbt = { task_key: "d", dbt_task: { commands: ["dbt run"] } };
    expect(changes({ tasks: [dbt] }, { tasks: [{ ...dbt, dbt_task: { commands: ["dbt run"], schema: "default", source: "WORKSPACE" } }] })).toEqual([]);
  });
  it("#14 pause_status UNPAUSED", () => {
    const cron = { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC" };
    expect(changes({ schedule: cron }, { schedule: { ...cron, pause_status: "UNPAUSED" } })).toEqual([]);
    expect(changes({ continuous: {} }, { continuous: { pause_status: "UNPAUSED", task_retry_mode: "NEVER" } })).toEqual([]);
  });
  const cluster = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 2 };
  const withCluster = (c: Record<string, unknown>) => ({ job_clusters: [{ job_cluster_key: "c", new_cluster: c }] });
  it("#15 cloud attribute blocks filled by the server", () => {
    const filled = { ...cluster, aws_attributes: { availability: "SPOT_WITH_FALLBACK", zone_id: "auto", first_on_demand: 1 } };
    expect(changes(withCluster(cluster), withCluster(filled))).toEqual([]);
    expect(changes(withCluster({ ...cluster, aws_attributes: { first_on_demand: 1 } }), withCluster(filled))).toEqual([]);
    expect(changes(withCluster({ ...cluster, aws_attributes: { first_on_demand: 2 } }), withCluster(filled))).toHaveLength(1);
  });
  it("#16 elastic disk, disk encryption, driver node type computed", () => {
    const filled = { ...cluster, enable_elastic_disk: true, enable_local_disk_encryption: false, driver_node_type_id: "i3.xlarge" };
    expect(changes(withCluster(cluster), withCluster(filled))).toEqual([]);
  });
  it("#17 data_security_mode filled and aliased", () => {
    expect(changes(withCluster(cluster), withCluster({ ...cluster, data_security_mode: "SINGLE_USER", single_user_name: "me@x.com" }))).toEqual([]);
    expect(changes(withCluster({ ...cluster, data_security_mode: "DATA_SECURITY_MODE_DEDICATED" }), withCluster({ ...cluster, data_security_mode: "SINGLE_USER" }))).toEqual([]);
    expect(changes(withCluster({ ...cluster, data_security_mode: "DATA_SECURITY_MODE_AUTO" }), withCluster({ ...cluster, data_security_mode: "USER_ISOLATION" }))).toEqual([]);
  });
  it("#18 fields injected by a cluster policy", () => {
    const desired = { policy_id: "P1", node_type_id: "i3.xlarge", num_workers: 1 };
    const live = { ...desired, spark_version: "15.4.x-scala2.12", runtime_engine: "PHOTON", custom_tags: { cost: "x" }, cluster_log_conf: { dbfs: { destination: "dbfs:/l" } } };
    expect(changes(withCluster(desired), withCluster(live))).toEqual([]);
    expect(changes(withCluster({ ...desired, policy_id: undefined }), withCluster({ ...live, policy_id: undefined }))).not.toEqual([]);
  });
  it("#19 apply_policy_default_values never returned", () => {
    expect(changes(withCluster({ ...cluster, apply_policy_default_values: true }), withCluster(cluster))).toEqual([]);
  });
  it("#20 trigger.table_update.condition never returned", () => {
    const t = { table_names: ["c.s.t"] };
    expect(changes({ trigger: { table_update: { ...t, condition: "ALL_UPDATED" } } }, { trigger: { table_update: t, pause_status: "UNPAUSED" } })).toEqual([]);
  });
  it("#21 empty lists and maps dropped", () => {
    expect(changes({ tags: {}, email_notifications: { on_failure: [] }, parameters: [] }, {})).toEqual([]);
  });
  it("#22 legacy spark_conf delta preview key", () => {
    expect(changes(withCluster(cluster), withCluster({ ...cluster, spark_conf: { "spark.databricks.delta.preview.enabled": "true" } }))).toEqual([]);
  });
  it("#23 num_workers 0 vs absent", () => {
    const single = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge" };
    expect(changes(withCluster({ ...single, num_workers: 0 }), withCluster(single))).toEqual([]);
  });
  it("#24 permissions: inherited admins, implicit owner, casing, SP as user_name, display_name, several levels", () => {
    const sp = "0a1b2c3d-0000-4000-8000-000000000001";
    const live = normalizeLiveAcl(
      {
        access_control_list: [
          { user_name: "Alice@X.com", display_name: "Alice", all_permissions: [{ permission_level: "CAN_VIEW", inherited: false }, { permission_level: "CAN_MANAGE", inherited: false }] },
          { service_principal_name: sp, all_permissions: [{ permission_level: "CAN_MANAGE_RUN", inherited: false }] },
          { group_name: "admins", all_permissions: [{ permission_level: "CAN_MANAGE", inherited: true, inherited_from_object: ["/jobs/"] }] },
          { group_name: "viewers", all_permissions: [{ permission_level: "CAN_VIEW", inherited: true }] },
        ],
      },
      "me@example.com",
    );
    const desired = normalizeDesiredAcl([{ user_name: "alice@x.com", permission_level: "CAN_MANAGE" }, { user_name: sp.toUpperCase(), permission_level: "CAN_MANAGE_RUN" }, { group_name: "admins", permission_level: "CAN_MANAGE" }], "me@example.com");
    expect(diffAcl(live, desired)).toEqual([]);
    expect(diffAcl(live, normalizeDesiredAcl([], "other@x.com"))).toContainEqual({ principal: "me@example.com", kind: "user", before: "IS_OWNER" });
  });
  it("#25 deployment.version_id churn", () => {
    expect(changes({ deployment: { kind: "BUNDLE", version_id: "1" } }, { deployment: { kind: "BUNDLE", version_id: "2" } })).toEqual([]);
  });
  it("#26 unknown and output-only fields in the answer", () => {
    expect(changes({ name: "j" }, { name: "j", run_as_owner: true, job_id: 5, created_time: 1, creator_user_name: "x", effective_budget_policy_id: "b" })).toEqual([]);
  });
  it("#27 environment client vs environment_version", () => {
    const env = (spec: Record<string, unknown>) => ({ environments: [{ environment_key: "e", spec }] });
    expect(changes(env({ client: "2" }), env({ environment_version: "2" }))).toEqual([]);
    expect(changes(env({ environment_version: "3" }), env({ client: "2" }))).toHaveLength(1);
  });
});

describe("normalisation: other rules", () => {
  it("git_provider is case-insensitive", () => {
    const g = (p: string) => ({ git_source: { git_url: "u", git_provider: p, git_branch: "m" } });
    expect(changes(g("gitHub"), g("GITHUB"))).toEqual([]);
  });
  it("pipeline full_refresh false and disabled false are absent", () => {
    const p = { task_key: "p", pipeline_task: { pipeline_id: "x" } };
    expect(changes({ tasks: [p] }, { tasks: [{ ...p, disabled: false, pipeline_task: { pipeline_id: "x", full_refresh: false } }] })).toEqual([]);
  });
  it("libraries compared by content, not position", () => {
    const libs = [{ pypi: { package: "a" } }, { whl: "/w.whl" }];
    expect(changes({ tasks: [task("a", { libraries: libs })] }, { tasks: [task("a", { libraries: [...libs].reverse() })] })).toEqual([]);
  });
  it("an instance pool decides node types", () => {
    const pooled = { spark_version: "15.4.x-scala2.12", instance_pool_id: "pool", num_workers: 1 };
    expect(changes(withPool({ ...pooled, node_type_id: "i3.xlarge" }), withPool({ ...pooled, driver_instance_pool_id: "pool" }))).toEqual([]);
  });
  it("edit_mode and performance_target documented defaults", () => {
    expect(changes({}, { edit_mode: "EDITABLE", performance_target: "PERFORMANCE_OPTIMIZED" })).toEqual([]);
  });
  it("ownership tags are part of the definition", () => {
    const want = normalizeDesired({ tags: { team: "t" } }, { project: "p", key: "k", deployer: "d" });
    expect(want.settings.tags).toEqual({ team: "t", jobform_project: "p", jobform_key: "k" });
  });
  it("a real change still shows, by task key", () => {
    expect(changes({ tasks: [task("a", { timeout_seconds: 60 })] }, { tasks: [task("a")] })).toEqual([{ op: "replace", path: "/tasks/a/timeout_seconds", before: 0, after: 60 }]);
  });
});

function withPool(c: Record<string, unknown>) {
  return { tasks: [{ task_key: "t", notebook_task: { notebook_path: "/n" }, new_cluster: c }] };
}
