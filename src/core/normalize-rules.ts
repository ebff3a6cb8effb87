// The normalisation rules, kept as data: each row says which paths it matches, what it does there, why the
// service makes it necessary and where that behaviour was recorded. normalize.ts interprets the table; a
// new spurious diff is fixed by adding a row, not by adding code.
//
// Paths are "/"-separated (spark_conf keys contain dots) and address the CANONICAL shape, where keyed lists
// are already maps (`tasks/<task_key>/…`). `*` matches one segment. `{task}` expands to every place a task
// lives (top-level tasks and the inner task of a for_each), `{cluster}` to every cluster spec.

export type RuleAction =
  /** Output-only or write-only: removed from both sides before comparing. */
  | { kind: "drop" }
  /** The server fills this value when it is absent: equal to the default ⇒ treated as absent. */
  | { kind: "default"; value: unknown }
  /** Like `default`, but the value depends on whether the job has git_source (task sources). */
  | { kind: "resolved-source"; gitAware: boolean }
  /** The server fills something we cannot predict when desired leaves it out: ignored on live then. */
  | { kind: "computed"; whenDesiredIn?: readonly unknown[]; fills?: Fill }
  /** Several spellings of one value: rewritten to the first. */
  | { kind: "alias"; canonical: Readonly<Record<string, string>> }
  | { kind: "lowercase" }
  /** A deprecated field spelled the new way (only when the new one is absent). */
  | { kind: "rename"; to: string }
  /** A list the server may reorder: turned into a map keyed by a field (or by content when key is absent). */
  | { kind: "keyed"; key?: string };

/**
 * What the service is known to fill in when the spec leaves a computed field out — a value it picks, a
 * value per field of a block, or a copy of a sibling — so `import` can strip it. A user who wrote the same
 * value loses nothing: the service fills it again, and the plan ignores a computed field left out.
 */
export type Fill = { values: readonly unknown[] } | { byKey: Readonly<Record<string, readonly unknown[]>> } | { sameAs: string };

export interface Rule {
  id: string;
  /** Path pattern(s) in the canonical shape. */
  match: string;
  action: RuleAction;
  /** Only when the owning object (on the desired side) has this field, e.g. policy_id. */
  ifSibling?: string;
  reason: string;
  source: string;
}

const TASK_PLACES = ["tasks/*", "tasks/*/for_each_task/task"];
const CLUSTER_PLACES = [...TASK_PLACES.map((t) => `${t}/new_cluster`), "job_clusters/*/new_cluster"];

/** `{task}` / `{cluster}` placeholders and `a|b` alternatives expanded into plain segment patterns. */
export function expandPattern(pattern: string): string[][] {
  let variants = [pattern];
  variants = variants.flatMap((p) => (p.includes("{task}") ? TASK_PLACES.map((t) => p.replace("{task}", t)) : [p]));
  variants = variants.flatMap((p) => (p.includes("{cluster}") ? CLUSTER_PLACES.map((c) => p.replace("{cluster}", c)) : [p]));
  return variants.flatMap((p) => {
    let out: string[][] = [[]];
    for (const seg of p.split("/")) out = out.flatMap((prefix) => seg.split("|").map((alt) => [...prefix, alt]));
    return out;
  });
}

const NOTIFY = "on_start|on_success|on_failure|on_duration_warning_threshold_exceeded|on_streaming_backlog_exceeded";

/** Keyed lists (API-NOTES §5.4): applied first, top-down, so later rules can address items by key. */
export const KEYED_RULES: readonly Rule[] = [
  { id: "task-order", match: "tasks", action: { kind: "keyed", key: "task_key" }, reason: "jobs/get returns tasks in its own order (sorted by task_key), not the submitted one", source: "API-NOTES §5.7 #1" },
  { id: "depends-on-order", match: "{task}/depends_on", action: { kind: "keyed", key: "task_key" }, reason: "the server reorders depends_on", source: "API-NOTES §5.7 #2" },
  { id: "job-cluster-order", match: "job_clusters", action: { kind: "keyed", key: "job_cluster_key" }, reason: "job_clusters are identified by job_cluster_key in jobs/update", source: "API-NOTES §5.4" },
  { id: "environment-order", match: "environments", action: { kind: "keyed", key: "environment_key" }, reason: "environments are identified by environment_key", source: "API-NOTES §5.4" },
  { id: "parameter-order", match: "parameters", action: { kind: "keyed", key: "name" }, reason: "job parameters are identified by name", source: "API-NOTES §5.4" },
  { id: "webhook-order", match: `webhook_notifications/${NOTIFY}`, action: { kind: "keyed", key: "id" }, reason: "webhook destination lists come back in arbitrary order", source: "API-NOTES §5.7 #3" },
  { id: "task-webhook-order", match: `{task}/webhook_notifications/${NOTIFY}`, action: { kind: "keyed", key: "id" }, reason: "same as the job level", source: "API-NOTES §5.7 #3" },
  { id: "library-order", match: "{task}/libraries", action: { kind: "keyed" }, reason: "library order is not guaranteed to survive a round trip", source: "API-NOTES §5.4 (tf#1585)" },
];

/** Value rules, applied on both sides after the keyed lists. */
export const VALUE_RULES: readonly Rule[] = [
  // Output-only and write-only fields.
  { id: "format", match: "format", action: { kind: "drop" }, reason: "ignored on write, always answered MULTI_TASK", source: "API-NOTES §5.7 #5" },
  { id: "apply-policy-defaults", match: "{cluster}/apply_policy_default_values", action: { kind: "drop" }, reason: "accepted on write, never returned", source: "API-NOTES §5.7 #19" },
  { id: "table-update-condition", match: "trigger/table_update/condition", action: { kind: "drop" }, reason: "accepted on write, never returned", source: "API-NOTES §5.7 #20" },
  { id: "deployment-version", match: "deployment/version_id", action: { kind: "drop" }, reason: "churns on every bundle deploy", source: "API-NOTES §5.7 #25" },
  { id: "delta-preview-conf", match: "{cluster}/spark_conf/spark.databricks.delta.preview.enabled", action: { kind: "drop" }, reason: "legacy key the platform adds and removes on its own", source: "API-NOTES §5.7 #22" },
  { id: "git-snapshot", match: "git_source/git_snapshot", action: { kind: "drop" }, reason: "read-only: the commit a run used", source: "API-NOTES §2.1" },
  // Job-level defaults.
  { id: "job-timeout", match: "timeout_seconds", action: { kind: "default", value: 0 }, reason: "0 (no timeout) is echoed when unset", source: "API-NOTES §5.7 #7" },
  { id: "max-concurrent-runs", match: "max_concurrent_runs", action: { kind: "default", value: 1 }, reason: "documented default 1 is echoed when unset", source: "API-NOTES §5.7 #7" },
  { id: "queue-block", match: "queue", action: { kind: "default", value: { enabled: true } }, reason: "an omitted queue block means queueing on (2.2), so a plan shows false → true, not a removal", source: "API-NOTES §5.7 #8" },
  { id: "queue", match: "queue/enabled", action: { kind: "default", value: true }, reason: "API 2.2 enables queueing when queue is omitted, on create and on reset", source: "API-NOTES §5.7 #8" },
  { id: "edit-mode", match: "edit_mode", action: { kind: "default", value: "EDITABLE" }, reason: "documented default", source: "API-NOTES §5.1" },
  { id: "performance-target", match: "performance_target", action: { kind: "default", value: "PERFORMANCE_OPTIMIZED" }, reason: "documented default for serverless jobs", source: "API-NOTES §5.1" },
  { id: "pause-status", match: "schedule|trigger|continuous/pause_status", action: { kind: "default", value: "UNPAUSED" }, reason: "server default, echoed explicitly", source: "API-NOTES §5.7 #14" },
  { id: "triggers-pause-status", match: "triggers/*/pause_status", action: { kind: "default", value: "UNPAUSED" }, reason: "always returned explicitly", source: "API-NOTES §2.1" },
  { id: "continuous-retry", match: "continuous/task_retry_mode", action: { kind: "default", value: "NEVER" }, reason: "documented default", source: "API-NOTES §5.1" },
  { id: "git-provider-case", match: "git_source/git_provider", action: { kind: "lowercase" }, reason: "case-insensitive; the server may change its casing", source: "API-NOTES §5.6" },
  { id: "run-as-computed", match: "run_as", action: { kind: "computed" }, reason: "filled with the creator/owner, and not cleared by reset, when the spec has none", source: "API-NOTES §5.7 #9" },
  // Task-level defaults (also inside for_each_task.task).
  { id: "run-if", match: "{task}/run_if", action: { kind: "default", value: "ALL_SUCCESS" }, reason: "default run condition echoed", source: "API-NOTES §5.7 #6" },
  { id: "task-timeout", match: "{task}/timeout_seconds", action: { kind: "default", value: 0 }, reason: "0 echoed like the job's", source: "API-NOTES §5.7 #7" },
  { id: "task-retry-on-timeout", match: "{task}/retry_on_timeout", action: { kind: "computed" }, reason: "computed by the server when unset", source: "API-NOTES §5.7 #12" },
  { id: "task-source", match: "{task}/notebook_task|dbt_task|gen_ai_compute_task/source", action: { kind: "resolved-source", gitAware: true }, reason: "jobs/get returns the resolved source: GIT with git_source, else WORKSPACE", source: "API-NOTES §5.7 #10" },
  { id: "sql-file-source", match: "{task}/sql_task/file/source", action: { kind: "resolved-source", gitAware: true }, reason: "resolved like notebook sources", source: "API-NOTES §5.7 #10" },
  { id: "python-source", match: "{task}/spark_python_task/source", action: { kind: "resolved-source", gitAware: false }, reason: "WORKSPACE even with git_source: the backend does not infer GIT here", source: "API-NOTES §2.3" },
  { id: "run-as-repl", match: "{task}/spark_jar_task/run_as_repl", action: { kind: "default", value: true }, reason: "deprecated; false unsupported, the server returns true", source: "API-NOTES §5.7 #11" },
  { id: "dbt-schema", match: "{task}/dbt_task/schema", action: { kind: "default", value: "default" }, reason: "documented dbt schema default", source: "API-NOTES §5.7 #13" },
  // Clusters.
  {
    id: "cloud-attributes",
    match: "{cluster}/aws_attributes|azure_attributes|gcp_attributes/*",
    action: {
      kind: "computed",
      fills: { byKey: { availability: ["SPOT_WITH_FALLBACK", "ON_DEMAND_AZURE", "ON_DEMAND_GCP"], first_on_demand: [1], spot_bid_price_percent: [100], spot_bid_max_price: [-1], zone_id: ["auto"] } },
    },
    reason: "the cloud fills availability, zone and bid fields the spec left out (each cloud's defaults; a zone it picked itself cannot be told from one chosen)",
    source: "API-NOTES §5.1 and §5.7 #15",
  },
  { id: "cluster-computed", match: "{cluster}/enable_elastic_disk|enable_local_disk_encryption|node_type_id|single_user_name", action: { kind: "computed" }, reason: "computed per node type, pool or access mode when unset (tf#3560)", source: "API-NOTES §5.7 #16" },
  { id: "driver-node-type", match: "{cluster}/driver_node_type_id", action: { kind: "computed", fills: { sameAs: "node_type_id" } }, reason: "the driver copies the worker node type when unset", source: "API-NOTES §5.1 and §5.7 #16" },
  { id: "driver-pool", match: "{cluster}/driver_instance_pool_id", action: { kind: "computed", fills: { sameAs: "instance_pool_id" } }, reason: "a pooled driver uses the worker pool when unset", source: "API-NOTES §5.7 #16" },
  { id: "pool-overrides", match: "{cluster}/node_type_id|driver_node_type_id|enable_elastic_disk", ifSibling: "instance_pool_id", action: { kind: "drop" }, reason: "a pool decides node types and disks; the server drops what the client sent", source: "API-NOTES §5.6" },
  { id: "security-mode-alias", match: "{cluster}/data_security_mode", action: { kind: "alias", canonical: { SINGLE_USER: "DATA_SECURITY_MODE_DEDICATED", USER_ISOLATION: "DATA_SECURITY_MODE_STANDARD" } }, reason: "legacy and new names of the same access modes", source: "API-NOTES §5.6" },
  { id: "security-mode-computed", match: "{cluster}/data_security_mode", action: { kind: "computed", whenDesiredIn: ["DATA_SECURITY_MODE_AUTO"], fills: { values: ["SINGLE_USER"] } }, reason: "filled by the server when unset; AUTO resolves to a concrete mode", source: "API-NOTES §5.7 #17" },
  { id: "policy-injected", match: "{cluster}/custom_tags/*", ifSibling: "policy_id", action: { kind: "computed" }, reason: "a cluster policy injects tags", source: "API-NOTES §5.7 #18" },
  { id: "policy-injected-fields", match: "{cluster}/cluster_log_conf|runtime_engine|spark_version|autoscale|num_workers", ifSibling: "policy_id", action: { kind: "computed" }, reason: "a cluster policy injects these fields", source: "API-NOTES §5.7 #18 and #23" },
  // Environments.
  { id: "environment-client", match: "environments/*/spec/client", action: { kind: "rename", to: "environment_version" }, reason: "client is the deprecated name of environment_version; a server may echo either", source: "API-NOTES §5.7 #27" },
];

/**
 * Values that mean something even though they look empty, so the empty ≡ absent rule (API-NOTES §5.7 #21)
 * must keep them: max_concurrent_runs 0 skips every run; queue.enabled false turns queueing off.
 */
export const EMPTY_IS_ABSENT = {
  id: "empty-is-absent",
  reason: "SDKs drop empty lists and maps, false and 0 (omitempty), and the server answers {} for unset notification blocks",
  source: "API-NOTES §5.7 #4, #21 and #23",
} as const;

export const UNKNOWN_FIELDS = {
  id: "unknown-fields",
  reason: "jobs/get carries output-only and undocumented fields (run_as_owner, effective_*); clients must ignore them",
  source: "API-NOTES §5.7 #26",
} as const;

export const MEANINGFUL_EMPTY: readonly string[] = ["max_concurrent_runs", "queue/enabled"];

/**
 * Top-level fields of JobSettings. Anything else in a live answer (run_as_owner, job_id, created_time,
 * effective_* …) is output-only or unknown and is ignored (API-NOTES §5.7 #26).
 */
export const JOB_SETTINGS_FIELDS: readonly string[] = [
  "name", "description", "tags", "tasks", "job_clusters", "environments", "git_source", "schedule", "trigger", "continuous", "triggers",
  "email_notifications", "webhook_notifications", "notification_settings", "timeout_seconds", "max_concurrent_runs", "health", "queue",
  "run_as", "parameters", "budget_policy_id", "usage_policy_id", "performance_target", "edit_mode", "deployment", "format", "parent_path",
];
