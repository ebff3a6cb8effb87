// Every server-side default the real Jobs API adds to what a client sent, in one table, each with the
// observed behaviour that justifies it (API-NOTES §5.1; normalization-rules.json). Rules fill a value
// only when the client left it out and every parent object on the path exists.
import type { Json } from "./state.js";

export interface DefaultContext {
  /** The job has git_source: task sources resolve to GIT instead of WORKSPACE. */
  hasGitSource: boolean;
}

export interface DefaultRule {
  path: string;
  value: (ctx: DefaultContext, owner: Json) => unknown;
  /** Rule applies only when this holds for the object that owns the path. */
  when?: (owner: Json) => boolean;
  why: string;
}

const constant = (v: unknown) => () => v;
const resolvedSource = (ctx: DefaultContext) => (ctx.hasGitSource ? "GIT" : "WORKSPACE");

export const JOB_DEFAULTS: readonly DefaultRule[] = [
  { path: "format", value: constant("MULTI_TASK"), why: "ignored on write; 2.1+ always answer MULTI_TASK" },
  { path: "email_notifications", value: constant({}), why: "an empty object comes back when unset (tf#4785 debug log)" },
  { path: "webhook_notifications", value: constant({}), why: "an empty object comes back when unset (cli testserver mirrors AWS)" },
  { path: "timeout_seconds", value: constant(0), why: "0 = no timeout, always echoed" },
  { path: "max_concurrent_runs", value: constant(1), why: "documented default 1, always echoed" },
  { path: "schedule.pause_status", value: constant("UNPAUSED"), why: "server default, echoed explicitly" },
  { path: "trigger.pause_status", value: constant("UNPAUSED"), why: "server default, echoed explicitly" },
  { path: "continuous.pause_status", value: constant("UNPAUSED"), why: "server default, echoed explicitly" },
  { path: "continuous.task_retry_mode", value: constant("NEVER"), why: "documented default of continuous jobs" },
];

export const TASK_DEFAULTS: readonly DefaultRule[] = [
  { path: "run_if", value: constant("ALL_SUCCESS"), why: "default run condition, always echoed (tf SetSuppressDiffWithDefault)" },
  { path: "timeout_seconds", value: constant(0), why: "task timeout 0 echoed like the job's" },
  { path: "email_notifications", value: constant({}), why: "empty object per task, like the job level" },
  { path: "webhook_notifications", value: constant({}), why: "empty object per task too (API-NOTES §5.1, task level)" },
  // Not filled: `disabled` and `retry_on_timeout`. API-NOTES §5.1 lists them from clients' ignore tables and
  // tf's "computed" marking, but recorded create→get pairs (issue #12, difference 4) show neither on tasks
  // that did not send them; the recordings win.
  { path: "notebook_task.source", value: resolvedSource, why: "jobs/get returns the resolved source: GIT with git_source, else WORKSPACE" },
  { path: "sql_task.file.source", value: resolvedSource, why: "resolved like notebook sources" },
  { path: "dbt_task.source", value: resolvedSource, why: "resolved like notebook sources" },
  { path: "spark_jar_task.run_as_repl", value: constant(true), why: "deprecated flag; false is unsupported and the server returns true (tf#4450)" },
  { path: "dbt_task.schema", value: constant("default"), why: "documented dbt schema default" },
  { path: "pipeline_task.full_refresh", value: constant(false), why: "echoed as false when unset" },
];

type Cloud = "aws" | "azure" | "gcp";

/**
 * One emulated workspace serves every cloud's node types, so the cloud is read from the node type's
 * naming: Azure VM sizes start with `Standard_`, GCP machine types look like `n2-highmem-4`, anything
 * else (or no node type, e.g. policy-driven) is treated as AWS, the cloud the CLI's fake imitates.
 */
export function cloudOf(cluster: Json): Cloud {
  const node = typeof cluster.node_type_id === "string" ? cluster.node_type_id : "";
  if (node.startsWith("Standard_")) return "azure";
  if (/^[a-z]\d[a-z]?-(standard|highmem|highcpu|megamem|ultramem)-\d+/.test(node)) return "gcp";
  return "aws";
}

const CLOUD_ATTRIBUTES: Record<Cloud, { key: string; block: Json }> = {
  aws: { key: "aws_attributes", block: { availability: "SPOT_WITH_FALLBACK", zone_id: "auto", first_on_demand: 1, spot_bid_price_percent: 100 } },
  azure: { key: "azure_attributes", block: { availability: "ON_DEMAND_AZURE", first_on_demand: 1, spot_bid_max_price: -1 } },
  gcp: { key: "gcp_attributes", block: { availability: "ON_DEMAND_GCP", zone_id: "HA" } },
};

const pooled = (c: Json) => typeof c.instance_pool_id === "string";
const notPooled = (c: Json) => !pooled(c);

export const CLUSTER_DEFAULTS: readonly DefaultRule[] = [
  { path: "data_security_mode", value: constant("SINGLE_USER"), why: "access mode filled by the server when unset (observed SINGLE_USER)" },
  { path: "driver_node_type_id", value: (_c, o) => o.node_type_id, when: (c) => notPooled(c) && typeof c.node_type_id === "string", why: "the driver copies the worker node type" },
  { path: "enable_elastic_disk", value: (_c, o) => cloudOf(o) === "azure", when: notPooled, why: "computed per node type: on for Azure VM sizes, off here for AWS/GCP (tf#3560 perpetual diff)" },
  { path: "driver_instance_pool_id", value: (_c, o) => o.instance_pool_id, when: pooled, why: "a pooled cluster's driver uses the worker pool unless told otherwise" },
];

/** Pool-backed clusters take node types and disks from the pool: the server drops these (tf ModifyRequestOnInstancePool). */
export const POOL_DROPPED_FIELDS: readonly string[] = ["node_type_id", "driver_node_type_id", "enable_elastic_disk"];

/** Cloud attribute block filled key by key; pools keep only what the client sent. */
export function fillCloudAttributes(cluster: Json): void {
  if (pooled(cluster)) return;
  const { key, block } = CLOUD_ATTRIBUTES[cloudOf(cluster)];
  const current = cluster[key];
  cluster[key] = { ...block, ...(isObject(current) ? current : {}) };
}

/** Fields accepted on write but never returned (API-NOTES §5.3), as paths inside the settings. */
export const WRITE_ONLY_CLUSTER_FIELDS: readonly string[] = ["apply_policy_default_values"];
export const WRITE_ONLY_JOB_PATHS: readonly string[] = ["trigger.table_update.condition", "format"];

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function applyRules(owner: Json, rules: readonly DefaultRule[], ctx: DefaultContext): void {
  for (const rule of rules) {
    if (rule.when && !rule.when(owner)) continue;
    const parts = rule.path.split(".");
    let target: Json = owner;
    let ok = true;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (!isObject(next)) {
        ok = false;
        break;
      }
      target = next;
    }
    const leaf = parts[parts.length - 1] as string;
    if (ok && target[leaf] === undefined) target[leaf] = rule.value(ctx, owner);
  }
}
