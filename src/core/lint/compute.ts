import { list, obj, str, tasksOf } from "./context.js";
import type { LintContext, Obj, TaskRef } from "./context.js";

const COMPUTE_FIELDS = ["existing_cluster_id", "new_cluster", "job_cluster_key", "environment_key"] as const;
/** Task types that run on a warehouse, in another service, or only orchestrate: cluster fields do nothing. */
const NO_CLUSTER_TYPES = ["condition_task", "run_job_task", "pipeline_task", "sql_task", "dashboard_task", "power_bi_task", "for_each_task", "clean_rooms_notebook_task", "alert_task", "dbt_cloud_task", "dbt_platform_task"];
/** On serverless these task types need an environment to install their code (API-NOTES §2.1 environments). */
const NEEDS_ENVIRONMENT_ON_SERVERLESS = ["spark_python_task", "python_wheel_task", "dbt_task"];

function taskType(task: Obj): string | undefined {
  return Object.keys(task).find((k) => k.endsWith("_task") && obj(task[k]) !== undefined);
}

function checkTask(ctx: LintContext, ref: TaskRef): void {
  const { task, segments } = ref;
  const type = taskType(task);
  const chosen = COMPUTE_FIELDS.filter((f) => task[f] !== undefined);
  const clusterFields = chosen.filter((f) => f !== "environment_key");
  // More than one cluster field is a schema rule (JF024); serverless environments are ours to check.
  if (clusterFields.length === 1 && chosen.includes("environment_key")) {
    ctx.report("JF050", [...segments, "environment_key"], `environment_key selects serverless compute; it cannot be combined with ${clusterFields[0]}`, { key: true });
  }
  if (type && NO_CLUSTER_TYPES.includes(type) && clusterFields.length > 0) {
    ctx.report("JF050", [...segments, clusterFields[0] as string], `${type} does not run on a cluster; remove ${clusterFields[0]}`, { key: true, severity: "warning" });
  }
  if (type === "spark_submit_task" && !task.new_cluster) {
    ctx.report("JF050", [...segments, "spark_submit_task"], "spark_submit_task runs only on a new_cluster of its own", { key: true });
  }
  const serverless = clusterFields.length === 0 && !(type && NO_CLUSTER_TYPES.includes(type));
  if (serverless && type && NEEDS_ENVIRONMENT_ON_SERVERLESS.includes(type) && task.environment_key === undefined) {
    ctx.report("JF050", [...segments, type], `${type} on serverless compute needs an environment_key (or give it a cluster)`, { key: true });
  }
  if (serverless && list(task.libraries).length > 0) {
    ctx.report("JF051", [...segments, "libraries"], "libraries cannot be installed on serverless compute; list them as dependencies of an environment instead", { key: true });
  }
  const nc = obj(task.new_cluster);
  if (nc) singleNode(ctx, nc, [...segments, "new_cluster"]);
}

function isSingleNode(nc: Obj): boolean {
  if (nc.is_single_node === true) return true;
  const conf = obj(nc.spark_conf) ?? {};
  const tags = obj(nc.custom_tags) ?? {};
  return conf["spark.databricks.cluster.profile"] === "singleNode" && str(conf["spark.master"])?.startsWith("local") === true && tags.ResourceClass === "SingleNode";
}

/** The service refuses `num_workers: 0` unless the cluster is configured as single-node (API-NOTES §2.4). */
function singleNode(ctx: LintContext, nc: Obj, segments: string[]): void {
  if (nc.num_workers === 0 && nc.autoscale === undefined && nc.policy_id === undefined && !isSingleNode(nc)) {
    ctx.report(
      "JF052",
      [...segments, "num_workers"],
      "num_workers: 0 is only valid for a single-node cluster: set is_single_node: true (with kind: CLASSIC_PREVIEW), or spark_conf spark.databricks.cluster.profile: singleNode + spark.master: local[*] and custom_tags ResourceClass: SingleNode",
    );
  }
}

export function computeRules(ctx: LintContext): void {
  for (const ref of tasksOf(ctx.job.document, true)) checkTask(ctx, ref);
  list(ctx.job.document.job_clusters).forEach((c, i) => {
    const nc = obj(obj(c)?.new_cluster);
    if (nc) singleNode(ctx, nc, ["job_clusters", String(i), "new_cluster"]);
  });
}
