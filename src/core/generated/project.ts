/* eslint-disable */
/**
 * GENERATED from schemas/project.schema.json by scripts/gen-types.mjs. Do not edit by hand:
 * change the schema and run `npm run gen:types`.
 */

/**
 * A variable's value; numbers and booleans are written into the YAML as they are.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "VariableValue".
 */
export type VariableValue = string | number | boolean;

/**
 * jobform.yaml: the project's name, targets, variables, platforms and defaults.
 */
export interface ProjectConfig {
  /**
   * Ownership namespace written into the tags of every job this project manages. Changing it makes jobform treat the jobs as someone else's.
   */
  project: string;
  /**
   * Workspaces to deploy to, by name.
   */
  targets?: {
    [k: string]: Target;
  };
  /**
   * Variables that job files use as ${var.<name>}.
   */
  variables?: {
    [k: string]: Variable;
  };
  /**
   * Compute profiles for jobform submit, by name; notebooks pick one with platform.
   */
  platforms?: {
    [k: string]: Platform;
  };
  /**
   * Partial job settings merged under every job (each job file wins). Checked after merging.
   */
  defaults?: {
    [k: string]: unknown;
  };
  apply?: ApplySettings;
  /**
   * Existing untagged jobs the next apply takes over instead of creating new ones: job key (the file stem under jobs/) → job id. Written by jobform import --adopt; an entry can be removed once apply has tagged the job.
   */
  adopt?: {
    /**
     * The job id (int64): an integer, or a string of digits when it is too large to write as a number safely.
     */
    [k: string]: number | string;
  };
  /**
   * Fields that operators own at runtime (pausing a schedule during an incident, raising max_concurrent_runs): plan and drift leave them out of the comparison, and apply keeps the workspace's value at those paths when it has to send the field around them.
   */
  ignore?: IgnoreRule[];
  /**
   * Project rules every job is checked against: validate checks them offline for each target, plan checks the job as apply would leave it (a field `ignore:` hands to operators keeps the workspace's value). A finding of an error rule stops that job in the plan; a warning is shown.
   *
   * @maxItems 200
   */
  policies?: PolicyRule[];
}
/**
 * One workspace the project deploys to (dev, prod, …).
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "Target".
 */
export interface Target {
  /**
   * Workspace URL, e.g. https://adb-1234.5.azuredatabricks.net.
   */
  host?: string;
  /**
   * Use this target when --target is not given. At most one target may be the default.
   */
  default?: boolean;
  /**
   * What this target is for.
   */
  description?: string;
  /**
   * The deployment this target's jobs belong to, written into their ownership tags (jobform_deployment). Defaults to the target's name; give two targets the same deployment only when they are one deployment under two names.
   */
  deployment?: string;
  /**
   * development: one copy per developer (deployment <deployment>-<user>), names prefixed "[dev <user>] ", schedules and triggers paused, max_concurrent_runs at least 4, a dev tag. production: apply refuses a dirty git work tree or a branch other than `branch`, and warns when run_as is a person.
   */
  mode?: "development" | "production";
  /**
   * Production mode: the git branch apply must run from (default main).
   */
  branch?: string;
  /**
   * The ~/.databrickscfg profile for this target (--profile and DATABRICKS_CONFIG_PROFILE win over it).
   */
  profile?: string;
  /**
   * run_as for every job of this target that does not set its own (user_name or service_principal_name).
   */
  run_as?: {
    [k: string]: unknown;
  };
  /**
   * Access entries added to every job of this target; a job's own entry for the same principal wins.
   */
  permissions?: {
    [k: string]: unknown;
  }[];
  /**
   * Values of project variables for this target; they beat the variables' defaults.
   */
  variables?: {
    [k: string]: VariableValue;
  };
  /**
   * Per-job overrides for this target, keyed by job key. Each value is a partial job definition merged into jobs/<key>.yaml (maps deep-merged, tasks/job_clusters/parameters/permissions merged by key); the merged result is checked against the job schema.
   */
  jobs?: {
    [k: string]: JobOverride;
  };
}
/**
 * Partial job settings; checked only after merging.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "JobOverride".
 */
export interface JobOverride {
  [k: string]: unknown;
}
/**
 * A project variable, used in job files as ${var.<name>}.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "Variable".
 */
export interface Variable {
  /**
   * What the variable is for.
   */
  description?: string;
  default?: VariableValue;
}
/**
 * A compute profile for one-off notebook runs (jobform submit): which compute the run gets and how big.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "Platform".
 */
export interface Platform {
  /**
   * NewJobCluster: a fresh cluster for the run. ExistingInteractiveCluster: an all-purpose cluster that already runs. ExistingInstancePool: a fresh cluster from an instance pool. Serverless: no cluster to manage.
   */
  compute_type: "NewJobCluster" | "ExistingInteractiveCluster" | "ExistingInstancePool" | "Serverless";
  /**
   * What the platform is for.
   */
  description?: string;
  /**
   * Databricks Runtime version key, e.g. 15.4.x-scala2.12 (spark_version in the API).
   */
  cluster_version?: string;
  /**
   * Worker instance type (node_type_id in the API).
   */
  node_type?: string;
  /**
   * Driver instance type (driver_node_type_id in the API).
   */
  driver_node_type?: string;
  /**
   * Fixed number of workers.
   */
  num_workers?: number;
  autoscale?: PlatformAutoScale;
  /**
   * Id of the all-purpose cluster to run on.
   */
  existing_cluster_id?: string;
  /**
   * Instance pool the workers come from.
   */
  instance_pool_id?: string;
  /**
   * Instance pool the driver comes from (defaults to instance_pool_id).
   */
  driver_instance_pool_id?: string;
  /**
   * Cluster policy applied to the new cluster.
   */
  policy_id?: string;
  /**
   * Spark configuration of the new cluster.
   */
  spark_conf?: {
    [k: string]: string;
  };
  /**
   * Environment variables of the new cluster.
   */
  spark_env_vars?: {
    [k: string]: string;
  };
  /**
   * Extra cloud tags on the new cluster.
   */
  custom_tags?: {
    [k: string]: string;
  };
  /**
   * Access mode of the new cluster.
   */
  data_security_mode?:
    | "DATA_SECURITY_MODE_AUTO"
    | "DATA_SECURITY_MODE_STANDARD"
    | "DATA_SECURITY_MODE_DEDICATED"
    | "NONE"
    | "SINGLE_USER"
    | "USER_ISOLATION"
    | "LEGACY_TABLE_ACL"
    | "LEGACY_PASSTHROUGH"
    | "LEGACY_SINGLE_USER"
    | "LEGACY_SINGLE_USER_STANDARD";
  /**
   * Owner of a dedicated (single-user) cluster.
   */
  single_user_name?: string;
  /**
   * PHOTON turns on the vectorised engine.
   */
  runtime_engine?: "STANDARD" | "PHOTON";
  environment?: PlatformEnvironment;
  /**
   * Libraries installed for the run, in the Jobs API's Library shape (one of jar, whl, requirements, pypi, maven, cran each). Not for serverless: use environment.dependencies there.
   */
  libraries?: {
    [k: string]: unknown;
  }[];
  /**
   * Serverless only: start fast or run cheaper.
   */
  performance_target?: "PERFORMANCE_OPTIMIZED" | "STANDARD";
  /**
   * Run time limit; 0 means none.
   */
  timeout_seconds?: number;
}
/**
 * Autoscaling range of the run's cluster.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "AutoScale".
 */
export interface PlatformAutoScale {
  /**
   * Fewest workers.
   */
  min_workers: number;
  /**
   * Most workers.
   */
  max_workers: number;
}
/**
 * Serverless environment of the run.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "ServerlessEnvironment".
 */
export interface PlatformEnvironment {
  /**
   * Serverless environment version, e.g. "2".
   */
  environment_version?: string;
  /**
   * pip requirement lines installed before the notebook runs.
   */
  dependencies?: string[];
}
/**
 * Safety settings of jobform apply.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "ApplySettings".
 */
export interface ApplySettings {
  /**
   * With --prune, refuse to delete more than this fraction of the managed jobs in one apply (guards against an emptied jobs/ folder).
   */
  prune_max_fraction?: number;
  /**
   * Take the workspace apply lock so two applies never run at once (on unless set to false).
   */
  lock?: boolean;
}
/**
 * One field (or family of fields) jobform neither compares nor reverts.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "IgnoreRule".
 */
export interface IgnoreRule {
  /**
   * A JSON pointer into the job settings as the plan shows them: keyed lists by key (/tasks/<task_key>/timeout_seconds, /job_clusters/<job_cluster_key>/…, /parameters/<name>/default). A segment * matches any one segment.
   */
  path: string;
  /**
   * The jobs the rule applies to: job keys or globs (sales-*, etl-?); every job when left out.
   *
   * @minItems 1
   */
  jobs?: string[];
  /**
   * Why operators own this field; shown in every plan that ignores it.
   */
  reason: string;
}
/**
 * One project rule: exactly one rule kind, its severity and reason, and optionally the targets and jobs it holds for.
 *
 * This interface was referenced by `ProjectConfig`'s JSON-Schema
 * via the `definition` "PolicyRule".
 */
export interface PolicyRule {
  /**
   * Tag keys every job must carry (JF100).
   *
   * @minItems 1
   */
  require_tags?: string[];
  /**
   * Fields a job must not set (JF101): a field name matches it at any depth, a JSON pointer one place (* is any one segment; list items by index).
   *
   * @minItems 1
   */
  forbid?: string[];
  /**
   * Most workers any new cluster of a job may have: num_workers, or autoscale.max_workers (JF102).
   */
  max_workers?: number;
  /**
   * Node types (node_type_id and driver_node_type_id of every new cluster) a job may use; * and ? globs (JF103).
   *
   * @minItems 1
   */
  allowed_node_types?: string[];
  /**
   * The kind of principal that must own each job through permissions IS_OWNER (JF104). Without an IS_OWNER entry the deploying identity becomes owner; plan checks that identity.
   */
  require_owner?: "service_principal" | "user" | "group";
  /**
   * Targets (names or globs) where every schedule, trigger, continuous and triggers[] entry must be PAUSED (JF105). A missing pause_status is UNPAUSED, the service's default.
   *
   * @minItems 1
   */
  schedule_paused_in?: string[];
  /**
   * Every job sets timeout_seconds above 0 (JF106).
   */
  require_timeout?: true;
  /**
   * Most concurrent runs a job may allow; a job that does not set max_concurrent_runs has 1 (JF107).
   */
  max_concurrent_runs?: number;
  /**
   * Every job notifies someone when it fails: email_notifications.on_failure or webhook_notifications.on_failure (JF108).
   */
  require_notifications_on_failure?: true;
  /**
   * error: plan stops the job (apply leaves it alone) and validate fails; warning: shown, nothing stops.
   */
  severity: "error" | "warning";
  /**
   * The targets the rule holds in: names or globs (prod, prod-*); every target when left out.
   *
   * @minItems 1
   */
  targets?: string[];
  /**
   * The jobs the rule holds for: job keys or globs (sales-*, etl-?); every job when left out.
   *
   * @minItems 1
   */
  jobs?: string[];
  /**
   * Why the rule exists; shown with every finding.
   */
  reason: string;
}
