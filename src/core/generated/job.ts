/* eslint-disable */
/**
 * GENERATED from schemas/job.schema.json by scripts/gen-types.mjs. Do not edit by hand:
 * change the schema and run `npm run gen:types`.
 */

/**
 * A jobform job file (jobs/<key>.yaml): Databricks Jobs API 2.2 job settings with the API's own field names, plus permissions. The file stem is the job's stable key.
 */
export interface JobDefinition {
  /**
   * Budget policy to attribute serverless usage of this job to.
   */
  budget_policy_id?: string;
  continuous?: Continuous;
  deployment?: JobDeployment;
  /**
   * Free text shown in the Jobs UI (at most 27 700 characters).
   */
  description?: string;
  /**
   * UI_LOCKED stops people from editing the job in the UI, which suits jobs owned by git. The service assumes EDITABLE.
   */
  edit_mode?: "UI_LOCKED" | "EDITABLE";
  email_notifications?: JobEmailNotifications;
  /**
   * Serverless environments (Python dependencies and version) that tasks pick with environment_key.
   */
  environments?: JobEnvironment[];
  git_source?: GitSource;
  health?: JobsHealthRules;
  /**
   * Cluster definitions that tasks of this job share through job_cluster_key.
   */
  job_clusters?: JobCluster[];
  /**
   * How many runs of this job may be active at the same time (0 to 1000; the service uses 1 when left out). With 0 every new run is skipped.
   */
  max_concurrent_runs?: number;
  /**
   * Display name of the job. Names are not unique, so jobform never identifies a job by its name. At most 4096 bytes.
   */
  name?: string;
  notification_settings?: JobNotificationSettings;
  /**
   * Job-level parameters with their defaults; tasks read them as {{job.parameters.<name>}}. Keyed by name.
   */
  parameters?: JobParameterDefinition[];
  /**
   * Workspace folder that holds the job object.
   */
  parent_path?: string;
  /**
   * Serverless only: trade start-up speed for cost. The service assumes PERFORMANCE_OPTIMIZED.
   */
  performance_target?: "PERFORMANCE_OPTIMIZED" | "STANDARD";
  /**
   * Who may see, run or manage the job. jobform makes the job's access list match this list (the owner and admins aside).
   */
  permissions?: JobPermission[];
  queue?: QueueSettings;
  run_as?: JobRunAs;
  schedule?: CronSchedule;
  /**
   * Key/value labels on the job, also copied onto its job clusters as cluster tags. At most 25; jobform adds its own ownership tags on apply.
   */
  tags?: {
    [k: string]: string;
  };
  /**
   * The units of work of the job, keyed by task_key (at most 1000).
   *
   * @maxItems 1000
   */
  tasks?: Task[];
  /**
   * Run time limit for each run of the job; 0 means no limit. A change also applies to runs already in progress.
   */
  timeout_seconds?: number;
  trigger?: TriggerSettings;
  /**
   * Several triggers at once (preview feature). Cannot be combined with schedule, trigger or continuous.
   */
  triggers?: TriggerConfiguration[];
  /**
   * Usage policy to attribute the job's usage to.
   */
  usage_policy_id?: string;
  webhook_notifications?: WebhookNotifications;
}
/**
 * Keeps exactly one run of the job going at all times.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Continuous".
 */
export interface Continuous {
  /**
   * PAUSED keeps the trigger from starting runs; the service assumes UNPAUSED when it is left out.
   */
  pause_status?: "PAUSED" | "UNPAUSED";
  /**
   * Whether failed tasks of a continuous run are retried (ON_FAILURE) or the whole run restarts (NEVER, the default).
   */
  task_retry_mode?: "NEVER" | "ON_FAILURE";
}
/**
 * Marks a job as managed by an outside deployment tool.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobDeployment".
 */
export interface JobDeployment {
  /**
   * Identifier of the deployment that last wrote the job.
   */
  deployment_id?: string;
  /**
   * Which tool manages the job. SYSTEM_MANAGED jobs cannot be edited.
   */
  kind: "BUNDLE" | "SYSTEM_MANAGED";
  /**
   * Path of the deployment's metadata file in the workspace.
   */
  metadata_file_path?: string;
  /**
   * Version of that deployment.
   */
  version_id?: string;
}
/**
 * Who gets an email about runs of the job.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobEmailNotifications".
 */
export interface JobEmailNotifications {
  /**
   * Deprecated: use notification_settings.no_alert_for_skipped_runs.
   */
  no_alert_for_skipped_runs?: boolean;
  /**
   * Email addresses notified when a run exceeds its RUN_DURATION_SECONDS health rule.
   */
  on_duration_warning_threshold_exceeded?: string[];
  /**
   * Email addresses notified when a run fails.
   */
  on_failure?: string[];
  /**
   * Email addresses notified when a run starts.
   */
  on_start?: string[];
  /**
   * Email addresses notified when a streaming backlog health rule is exceeded.
   */
  on_streaming_backlog_exceeded?: string[];
  /**
   * Email addresses notified when a run succeeds.
   */
  on_success?: string[];
}
/**
 * A named serverless environment that tasks refer to with environment_key.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobEnvironment".
 */
export interface JobEnvironment {
  /**
   * Name of the environment, unique within the job.
   */
  environment_key: string;
  spec?: Environment;
}
/**
 * What a serverless task runs with: the environment version and extra dependencies.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Environment".
 */
export interface Environment {
  /**
   * A base environment to start from (workspace path or id).
   */
  base_environment?: string;
  /**
   * Deprecated spelling of environment_version.
   */
  client?: string;
  /**
   * pip requirement lines: package specs, wheel paths or requirements file options.
   */
  dependencies?: string[];
  /**
   * Serverless environment version (for example "2"). Replaces client.
   */
  environment_version?: string;
  /**
   * Paths of JAR files to add to the environment.
   */
  java_dependencies?: string[];
}
/**
 * A remote git repository that notebook, Python script, SQL file and dbt tasks read their code from. Name exactly one of git_branch, git_tag or git_commit.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "GitSource".
 */
export interface GitSource {
  /**
   * Branch to check out.
   */
  git_branch?: string;
  /**
   * Commit hash to check out.
   */
  git_commit?: string;
  /**
   * Hosting service of the repository. The service compares it case-insensitively; write it as listed.
   */
  git_provider:
    | "gitHub"
    | "bitbucketCloud"
    | "azureDevOpsServices"
    | "gitHubEnterprise"
    | "bitbucketServer"
    | "gitLab"
    | "gitLabEnterpriseEdition"
    | "awsCodeCommit";
  /**
   * Tag to check out.
   */
  git_tag?: string;
  /**
   * URL of the repository.
   */
  git_url: string;
  job_source?: JobSource;
  sparse_checkout?: SparseCheckout;
}
/**
 * Where the job definition itself lives in git, for jobs edited from a repository.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobSource".
 */
export interface JobSource {
  /**
   * Whether the job has moved away from its source file.
   */
  dirty_state?: "NOT_SYNCED" | "DISCONNECTED";
  /**
   * Branch the definition is imported from.
   */
  import_from_git_branch: string;
  /**
   * Path of the job definition file inside the repository.
   */
  job_config_path: string;
}
/**
 * Check out only part of the repository.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SparseCheckout".
 */
export interface SparseCheckout {
  /**
   * Cone patterns of the folders to check out.
   */
  patterns?: string[];
}
/**
 * Thresholds that raise a health warning for runs.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobsHealthRules".
 */
export interface JobsHealthRules {
  /**
   * The rules; any one exceeded raises the warning.
   */
  rules?: JobsHealthRule[];
}
/**
 * One health threshold.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobsHealthRule".
 */
export interface JobsHealthRule {
  /**
   * What is measured.
   */
  metric:
    | "RUN_DURATION_SECONDS"
    | "STREAMING_BACKLOG_BYTES"
    | "STREAMING_BACKLOG_RECORDS"
    | "STREAMING_BACKLOG_SECONDS"
    | "STREAMING_BACKLOG_FILES";
  /**
   * How the measurement is compared with value.
   */
  op: "GREATER_THAN";
  /**
   * The threshold.
   */
  value: number;
}
/**
 * A cluster defined once per job and shared by the tasks that name its job_cluster_key.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobCluster".
 */
export interface JobCluster {
  /**
   * Name of the cluster, unique within the job.
   */
  job_cluster_key: string;
  new_cluster?: ClusterSpec;
  /**
   * Id of serverless compute to use instead of a classic cluster (preview).
   */
  serverless_compute_id?: string;
}
/**
 * A classic cluster created for the run (compute.ClusterSpec). Give num_workers or autoscale, unless a cluster policy or is_single_node supplies the size.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ClusterSpec".
 */
export interface ClusterSpec {
  /**
   * Fill missing fields with the policy's default values.
   */
  apply_policy_default_values?: boolean;
  autoscale?: AutoScale;
  /**
   * Idle minutes before termination (0 disables; otherwise 10 to 10000). Job clusters end with the run anyway.
   */
  autotermination_minutes?: number;
  aws_attributes?: AwsAttributes;
  azure_attributes?: AzureAttributes;
  cluster_log_conf?: ClusterLogConf;
  /**
   * Name of the cluster; ignored for job clusters, which are named by the service.
   */
  cluster_name?: string;
  /**
   * Extra tags on the cloud resources of the cluster (at most 45).
   */
  custom_tags?: {
    [k: string]: string;
  };
  /**
   * Access mode: how data governance is enforced on the cluster.
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
   * How task dependencies are installed on the cluster.
   */
  dependency_mode?: "DEPENDENCY_MODE_AUTO" | "DEPENDENCY_MODE_CLUSTER_LIBRARIES" | "DEPENDENCY_MODE_ENVIRONMENTS";
  docker_image?: DockerImage;
  /**
   * Instance pool the driver comes from.
   */
  driver_instance_pool_id?: string;
  driver_node_type_flexibility?: NodeTypeFlexibility;
  /**
   * Instance type of the driver.
   */
  driver_node_type_id?: string;
  /**
   * Let local storage grow when disks run low.
   */
  enable_elastic_disk?: boolean;
  /**
   * Encrypt the nodes' local disks.
   */
  enable_local_disk_encryption?: boolean;
  gcp_attributes?: GcpAttributes;
  /**
   * Scripts run on every node at start-up, in order.
   */
  init_scripts?: InitScriptInfo[];
  /**
   * Instance pool the workers (and driver) come from.
   */
  instance_pool_id?: string;
  /**
   * With kind CLASSIC_PREVIEW: a driver-only cluster.
   */
  is_single_node?: boolean;
  /**
   * Opt in to the simplified cluster form (is_single_node, use_ml_runtime).
   */
  kind?: "CLASSIC_PREVIEW";
  /**
   * Instance type of the workers (and of the driver unless driver_node_type_id is set).
   */
  node_type_id?: string;
  /**
   * Fixed number of workers (the driver is extra). 0 only for single-node clusters.
   */
  num_workers?: number;
  /**
   * Cluster policy that constrains and fills in this spec.
   */
  policy_id?: string;
  /**
   * Remote disk throughput in MB/s (supported node types only).
   */
  remote_disk_throughput?: number;
  /**
   * Runtime engine; PHOTON enables the vectorised engine.
   */
  runtime_engine?: "STANDARD" | "PHOTON" | "NULL";
  /**
   * The user (or group) a dedicated / single-user cluster belongs to.
   */
  single_user_name?: string;
  /**
   * Spark configuration key/value pairs.
   */
  spark_conf?: {
    [k: string]: string;
  };
  /**
   * Environment variables for the Spark processes.
   */
  spark_env_vars?: {
    [k: string]: string;
  };
  /**
   * Databricks Runtime version key, e.g. "15.4.x-scala2.12".
   */
  spark_version?: string;
  /**
   * SSH public keys added to every node (at most 10).
   *
   * @maxItems 10
   */
  ssh_public_keys?: string[];
  /**
   * Initial remote disk size in GB (supported node types only).
   */
  total_initial_remote_disk_size?: number;
  /**
   * With kind CLASSIC_PREVIEW: pick the ML flavour of spark_version.
   */
  use_ml_runtime?: boolean;
  worker_node_type_flexibility?: NodeTypeFlexibility;
  workload_type?: WorkloadType;
}
/**
 * Let the cluster grow and shrink between min_workers and max_workers.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "AutoScale".
 */
export interface AutoScale {
  /**
   * Most workers; must be above min_workers.
   */
  max_workers: number;
  /**
   * Fewest workers, also the size at start.
   */
  min_workers: number;
}
/**
 * AWS-specific settings of the cluster's instances.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "AwsAttributes".
 */
export interface AwsAttributes {
  /**
   * Purchase option for the nodes beyond first_on_demand.
   */
  availability?: "ON_DEMAND" | "SPOT" | "SPOT_WITH_FALLBACK";
  /**
   * Number of extra EBS volumes per node (up to 10).
   */
  ebs_volume_count?: number;
  /**
   * IOPS of gp3 volumes.
   */
  ebs_volume_iops?: number;
  /**
   * Size of each EBS volume in GiB.
   */
  ebs_volume_size?: number;
  /**
   * Throughput of gp3 volumes in MiB/s.
   */
  ebs_volume_throughput?: number;
  /**
   * Kind of the extra EBS volumes.
   */
  ebs_volume_type?: "GENERAL_PURPOSE_SSD" | "THROUGHPUT_OPTIMIZED_HDD";
  /**
   * How many nodes (the driver first) are on-demand.
   */
  first_on_demand?: number;
  /**
   * Instance profile the nodes run with.
   */
  instance_profile_arn?: string;
  /**
   * Spot bid as a percentage of the on-demand price.
   */
  spot_bid_price_percent?: number;
  /**
   * Availability zone, or "auto".
   */
  zone_id?: string;
}
/**
 * Azure-specific settings of the cluster's instances.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "AzureAttributes".
 */
export interface AzureAttributes {
  /**
   * Purchase option for the nodes beyond first_on_demand.
   */
  availability?: "ON_DEMAND_AZURE" | "SPOT_AZURE" | "SPOT_WITH_FALLBACK_AZURE";
  /**
   * Capacity reservation group to place the nodes in.
   */
  capacity_reservation_group?: string;
  /**
   * How many nodes (the driver first) are on-demand.
   */
  first_on_demand?: number;
  log_analytics_info?: LogAnalyticsInfo;
  /**
   * Highest spot price to pay; -1 means the on-demand price.
   */
  spot_bid_max_price?: number;
}
/**
 * Azure Log Analytics workspace the cluster reports to.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "LogAnalyticsInfo".
 */
export interface LogAnalyticsInfo {
  /**
   * Primary key of the workspace. Prefer a secret reference to a literal.
   */
  log_analytics_primary_key?: string;
  /**
   * Workspace id.
   */
  log_analytics_workspace_id?: string;
}
/**
 * Where the cluster's driver and executor logs are delivered. Exactly one destination.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ClusterLogConf".
 */
export interface ClusterLogConf {
  dbfs?: DbfsStorageInfo;
  s3?: S3StorageInfo;
  volumes?: VolumesStorageInfo;
}
/**
 * A DBFS location.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DbfsStorageInfo".
 */
export interface DbfsStorageInfo {
  /**
   * Absolute destination DBFS path, e.g. dbfs:/cluster-logs.
   */
  destination: string;
}
/**
 * An S3 location, with optional encryption settings.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "S3StorageInfo".
 */
export interface S3StorageInfo {
  /**
   * Canned ACL applied to written objects, e.g. bucket-owner-full-control.
   */
  canned_acl?: string;
  /**
   * Absolute destination s3:// URI.
   */
  destination: string;
  /**
   * Encrypt what is written.
   */
  enable_encryption?: boolean;
  /**
   * sse-s3 or sse-kms.
   */
  encryption_type?: string;
  /**
   * S3 endpoint (or give region).
   */
  endpoint?: string;
  /**
   * KMS key for sse-kms.
   */
  kms_key?: string;
  /**
   * Region of the bucket (or give endpoint).
   */
  region?: string;
}
/**
 * A Unity Catalog volume location.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "VolumesStorageInfo".
 */
export interface VolumesStorageInfo {
  /**
   * Absolute destination volume path, e.g. /Volumes/main/ops/scripts/setup.sh.
   */
  destination: string;
}
/**
 * A custom container image for the nodes.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DockerImage".
 */
export interface DockerImage {
  basic_auth?: DockerBasicAuth;
  /**
   * Image URL.
   */
  url?: string;
}
/**
 * Registry credentials. Keep the password in a secret reference, never in git.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DockerBasicAuth".
 */
export interface DockerBasicAuth {
  /**
   * Registry password or a {{secrets/scope/key}} reference.
   */
  password?: string;
  /**
   * Registry user.
   */
  username?: string;
}
/**
 * Alternative instance types the service may fall back to.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "NodeTypeFlexibility".
 */
export interface NodeTypeFlexibility {
  /**
   * Fallback instance types, in order of preference.
   */
  alternate_node_type_ids?: string[];
}
/**
 * Google Cloud-specific settings of the cluster's instances.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "GcpAttributes".
 */
export interface GcpAttributes {
  /**
   * Purchase option for the nodes beyond first_on_demand.
   */
  availability?: "ON_DEMAND_GCP" | "PREEMPTIBLE_GCP" | "PREEMPTIBLE_WITH_FALLBACK_GCP";
  /**
   * Boot disk size in GB.
   */
  boot_disk_size?: number;
  /**
   * Confidential computing technology of the nodes.
   */
  confidential_compute_type?: "CONFIDENTIAL_COMPUTE_TYPE_NONE" | "SEV_SNP";
  /**
   * How many nodes (the driver first) are on-demand.
   */
  first_on_demand?: number;
  /**
   * Service account the nodes run as.
   */
  google_service_account?: string;
  /**
   * Local SSDs per node.
   */
  local_ssd_count?: number;
  /**
   * Deprecated: use availability.
   */
  use_preemptible_executors?: boolean;
  /**
   * Zone, or HA / AUTO.
   */
  zone_id?: string;
}
/**
 * Location of one init script. Exactly one location kind.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "InitScriptInfo".
 */
export interface InitScriptInfo {
  abfss?: Adlsgen2Info;
  dbfs?: DbfsStorageInfo;
  file?: LocalFileInfo;
  gcs?: GcsStorageInfo;
  s3?: S3StorageInfo;
  volumes?: VolumesStorageInfo;
  workspace?: WorkspaceStorageInfo;
}
/**
 * An Azure Data Lake Storage Gen2 location.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Adlsgen2Info".
 */
export interface Adlsgen2Info {
  /**
   * Absolute destination abfss:// URI.
   */
  destination: string;
}
/**
 * A file already present on the nodes.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "LocalFileInfo".
 */
export interface LocalFileInfo {
  /**
   * Absolute destination local file path.
   */
  destination: string;
}
/**
 * A Google Cloud Storage location.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "GcsStorageInfo".
 */
export interface GcsStorageInfo {
  /**
   * Absolute destination gs:// URI.
   */
  destination: string;
}
/**
 * A workspace file.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "WorkspaceStorageInfo".
 */
export interface WorkspaceStorageInfo {
  /**
   * Absolute destination workspace file path.
   */
  destination: string;
}
/**
 * Which kinds of workloads may use the cluster.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "WorkloadType".
 */
export interface WorkloadType {
  clients: ClientsTypes;
}
/**
 * Allowed client kinds.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ClientsTypes".
 */
export interface ClientsTypes {
  /**
   * Jobs may run on the cluster.
   */
  jobs?: boolean;
  /**
   * Interactive notebooks may attach.
   */
  notebooks?: boolean;
}
/**
 * Filters that silence some job-level notifications.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobNotificationSettings".
 */
export interface JobNotificationSettings {
  /**
   * Do not notify when a run is cancelled.
   */
  no_alert_for_canceled_runs?: boolean;
  /**
   * Do not notify when a run is skipped.
   */
  no_alert_for_skipped_runs?: boolean;
}
/**
 * A job-level parameter and its default value.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobParameterDefinition".
 */
export interface JobParameterDefinition {
  /**
   * Value used when a run does not override it. Always a string.
   */
  default: string;
  /**
   * Parameter name: letters, digits, '_', '-' and '.'.
   */
  name: string;
}
/**
 * One access control entry: exactly one principal and a level.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobPermission".
 */
export interface JobPermission {
  /**
   * Name of a group.
   */
  group_name?: string;
  /**
   * What the principal may do with the job. A job has exactly one IS_OWNER (a user or service principal).
   */
  permission_level: "IS_OWNER" | "CAN_MANAGE" | "CAN_MANAGE_RUN" | "CAN_VIEW";
  /**
   * Application id of a service principal.
   */
  service_principal_name?: string;
  /**
   * Email of a user.
   */
  user_name?: string;
}
/**
 * Whether runs that cannot start yet wait in a queue instead of being skipped.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "QueueSettings".
 */
export interface QueueSettings {
  /**
   * Queue runs. Jobs API 2.2 turns this on when queue is left out.
   */
  enabled: boolean;
}
/**
 * The identity runs execute as. Name exactly one principal.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobRunAs".
 */
export interface JobRunAs {
  /**
   * Name of an account group the caller belongs to.
   */
  group_name?: string;
  /**
   * Application id of a service principal.
   */
  service_principal_name?: string;
  /**
   * Email of a user (non-admins may only name themselves).
   */
  user_name?: string;
}
/**
 * Start runs on a Quartz cron schedule.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "CronSchedule".
 */
export interface CronSchedule {
  /**
   * PAUSED keeps the trigger from starting runs; the service assumes UNPAUSED when it is left out.
   */
  pause_status?: "PAUSED" | "UNPAUSED";
  /**
   * Quartz cron expression with seconds, e.g. "0 0 6 * * ?".
   */
  quartz_cron_expression: string;
  sql_condition?: SqlConditionConfiguration;
  /**
   * Java time zone id the expression is read in, e.g. "Europe/Amsterdam" or "UTC".
   */
  timezone_id: string;
}
/**
 * A SQL query whose result decides whether a triggered run really starts.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlConditionConfiguration".
 */
export interface SqlConditionConfiguration {
  /**
   * Id of the saved query to evaluate.
   */
  sql_query_id: string;
  /**
   * Start when the query returns rows, or when its result changes.
   */
  trigger_mode?: "QUERY_RETURNS_ROWS" | "RESULT_VALUE_CHANGES";
  /**
   * SQL warehouse that runs the query.
   */
  warehouse_id: string;
}
/**
 * One task of the job. Exactly one task-type block (notebook_task, sql_task, …) says what it runs.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Task".
 */
export interface Task {
  ai_runtime_task?: AiRuntimeTask;
  alert_task?: AlertTask;
  clean_rooms_notebook_task?: CleanRoomsNotebookTask;
  compute?: Compute;
  condition_task?: ConditionTask;
  dashboard_task?: DashboardTask;
  dbt_cloud_task?: DbtCloudTask;
  dbt_platform_task?: DbtPlatformTask;
  dbt_task?: DbtTask;
  /**
   * Tasks that must finish before this one starts (see run_if).
   */
  depends_on?: TaskDependency[];
  /**
   * Free text about the task.
   */
  description?: string;
  /**
   * Serverless: turn off automatic optimisations such as retries chosen by the service.
   */
  disable_auto_optimization?: boolean;
  /**
   * Skip the task: its runs end as DISABLED without running.
   */
  disabled?: boolean;
  email_notifications?: TaskEmailNotifications;
  /**
   * Serverless: the environment (see environments) the task runs in.
   */
  environment_key?: string;
  /**
   * Run on this all-purpose cluster.
   */
  existing_cluster_id?: string;
  for_each_task?: ForEachTask;
  gen_ai_compute_task?: GenAiComputeTask;
  health?: JobsHealthRules;
  /**
   * Run on the job cluster with this key (see job_clusters).
   */
  job_cluster_key?: string;
  /**
   * Libraries installed on the cluster before the task runs.
   */
  libraries?: Library[];
  /**
   * How often a failed run is retried: -1 forever, 0 never (the default).
   */
  max_retries?: number;
  /**
   * Milliseconds to wait before a retry; retries start at once by default.
   */
  min_retry_interval_millis?: number;
  new_cluster?: ClusterSpec;
  notebook_task?: NotebookTask;
  notification_settings?: TaskNotificationSettings;
  pipeline_task?: PipelineTask;
  power_bi_task?: PowerBiTask;
  python_operator_task?: PythonOperatorTask;
  python_wheel_task?: PythonWheelTask;
  /**
   * Also retry when the task timed out.
   */
  retry_on_timeout?: boolean;
  /**
   * Which outcome of the dependencies lets this task run. The service assumes ALL_SUCCESS.
   */
  run_if?: "ALL_SUCCESS" | "AT_LEAST_ONE_SUCCESS" | "NONE_FAILED" | "ALL_DONE" | "AT_LEAST_ONE_FAILED" | "ALL_FAILED";
  run_job_task?: RunJobTask;
  spark_jar_task?: SparkJarTask;
  spark_python_task?: SparkPythonTask;
  spark_submit_task?: SparkSubmitTask;
  sql_task?: SqlTask;
  /**
   * Name of the task, unique within the job; depends_on, repairs and run-now's only refer to it. 1-100 letters, digits, '_' or '-'.
   */
  task_key: string;
  /**
   * Run time limit of the task; 0 means none.
   */
  timeout_seconds?: number;
  webhook_notifications?: WebhookNotifications;
}
/**
 * Run distributed AI workloads on the AI runtime (preview).
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "AiRuntimeTask".
 */
export interface AiRuntimeTask {
  /**
   * Folder with the code to ship.
   */
  code_source_path?: string;
  /**
   * The workloads to start.
   *
   * @minItems 1
   */
  deployments: DeploymentSpec[];
  /**
   * Custom image to run in.
   */
  docker_image_url?: string;
  /**
   * MLflow experiment the run logs to.
   */
  experiment: string;
  /**
   * Where MLflow stores artifacts.
   */
  mlflow_artifact_location?: string;
  /**
   * Workspace folder of the experiment.
   */
  mlflow_experiment_directory?: string;
  /**
   * MLflow run to log to.
   */
  mlflow_run?: string;
}
/**
 * One workload of an ai_runtime_task.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DeploymentSpec".
 */
export interface DeploymentSpec {
  /**
   * Script or command to run.
   */
  command_path: string;
  compute: ComputeSpec;
  /**
   * Name of the workload.
   */
  name?: string;
}
/**
 * Accelerators for one ai_runtime_task workload.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ComputeSpec".
 */
export interface ComputeSpec {
  /**
   * Number of accelerators.
   */
  accelerator_count: number;
  /**
   * Accelerator kind.
   */
  accelerator_type: "GPU_1xA10" | "GPU_1xH100" | "GPU_8xH100";
}
/**
 * Evaluate a (new-style) SQL alert (preview). Exactly one of alert_id or workspace_path.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "AlertTask".
 */
export interface AlertTask {
  /**
   * Id of the alert.
   */
  alert_id?: string;
  /**
   * Who is notified (at most 100).
   *
   * @maxItems 100
   */
  subscribers?: AlertTaskSubscriber[];
  /**
   * SQL warehouse that evaluates the alert.
   */
  warehouse_id?: string;
  /**
   * Workspace path of the alert file, starting with /Workspace.
   */
  workspace_path?: string;
}
/**
 * A receiver: a user or a notification destination.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "AlertTaskSubscriber".
 */
export interface AlertTaskSubscriber {
  /**
   * Id of a notification destination.
   */
  destination_id?: string;
  /**
   * Email of a workspace user.
   */
  user_name?: string;
}
/**
 * Run a notebook shared in a clean room.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "CleanRoomsNotebookTask".
 */
export interface CleanRoomsNotebookTask {
  /**
   * Name of the clean room.
   */
  clean_room_name: string;
  /**
   * Expected version of the notebook; the run fails if it changed.
   */
  etag?: string;
  /**
   * Widget values passed to the notebook.
   */
  notebook_base_parameters?: {
    [k: string]: string;
  };
  /**
   * Name of the notebook in the clean room.
   */
  notebook_name: string;
}
/**
 * Serverless hardware for the task.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Compute".
 */
export interface Compute {
  /**
   * GPU type for serverless GPU compute.
   */
  hardware_accelerator?: "GPU_1xA10" | "GPU_8xH100";
}
/**
 * An if/else branch point: compares left and right; downstream tasks pick a branch with depends_on.outcome. Needs no compute.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ConditionTask".
 */
export interface ConditionTask {
  /**
   * Left operand: a literal or a {{…}} reference.
   */
  left: string;
  /**
   * EQUAL_TO / NOT_EQUAL compare strings; the others compare numbers.
   */
  op: "EQUAL_TO" | "NOT_EQUAL" | "GREATER_THAN" | "GREATER_THAN_OR_EQUAL" | "LESS_THAN" | "LESS_THAN_OR_EQUAL";
  /**
   * Right operand: a literal or a {{…}} reference.
   */
  right: string;
}
/**
 * Refresh an AI/BI dashboard and send it to subscribers.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DashboardTask".
 */
export interface DashboardTask {
  /**
   * Id of the dashboard.
   */
  dashboard_id?: string;
  /**
   * Dashboard filter values for the refresh.
   */
  filters?: {
    [k: string]: string;
  };
  subscription?: Subscription;
  /**
   * SQL warehouse that refreshes it.
   */
  warehouse_id?: string;
}
/**
 * Who receives the refreshed dashboard.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Subscription".
 */
export interface Subscription {
  /**
   * Subject of the email.
   */
  custom_subject?: string;
  /**
   * Do not send.
   */
  paused?: boolean;
  /**
   * Receivers.
   */
  subscribers?: SubscriptionSubscriber[];
}
/**
 * A receiver: a user or a notification destination.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SubscriptionSubscriber".
 */
export interface SubscriptionSubscriber {
  /**
   * Id of a notification destination.
   */
  destination_id?: string;
  /**
   * Email of a workspace user.
   */
  user_name?: string;
}
/**
 * Deprecated: use dbt_platform_task.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DbtCloudTask".
 */
export interface DbtCloudTask {
  /**
   * Unity Catalog connection to dbt Cloud.
   */
  connection_resource_name?: string;
  /**
   * Id of the dbt Cloud job.
   */
  dbt_cloud_job_id?: number;
}
/**
 * Trigger a job on dbt platform (private preview).
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DbtPlatformTask".
 */
export interface DbtPlatformTask {
  /**
   * Unity Catalog connection to dbt platform.
   */
  connection_resource_name?: string;
  /**
   * Id of the dbt platform job.
   */
  dbt_platform_job_id?: string;
}
/**
 * Run dbt commands.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "DbtTask".
 */
export interface DbtTask {
  /**
   * Catalog dbt writes to.
   */
  catalog?: string;
  /**
   * dbt commands run in order (1 to 10, each starting with "dbt").
   *
   * @minItems 1
   * @maxItems 10
   */
  commands: string[];
  /**
   * Folder of profiles.yml.
   */
  profiles_directory?: string;
  /**
   * Folder of dbt_project.yml.
   */
  project_directory?: string;
  /**
   * Schema dbt writes to.
   */
  schema?: string;
  /**
   * Where the file is read from: the workspace, or the job's git_source. Left out, it is GIT when the job has a git_source and WORKSPACE otherwise.
   */
  source?: "WORKSPACE" | "GIT";
  /**
   * SQL warehouse dbt connects to.
   */
  warehouse_id?: string;
}
/**
 * A task this one waits for.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "TaskDependency".
 */
export interface TaskDependency {
  /**
   * Only after a condition_task: the branch ("true" or "false") that lets this task run.
   */
  outcome?: "true" | "false";
  /**
   * Key of the upstream task.
   */
  task_key: string;
}
/**
 * Who gets an email about runs of this task.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "TaskEmailNotifications".
 */
export interface TaskEmailNotifications {
  /**
   * Deprecated: use notification_settings.no_alert_for_skipped_runs.
   */
  no_alert_for_skipped_runs?: boolean;
  /**
   * Email addresses notified when a run exceeds its RUN_DURATION_SECONDS health rule.
   */
  on_duration_warning_threshold_exceeded?: string[];
  /**
   * Email addresses notified when a run fails.
   */
  on_failure?: string[];
  /**
   * Email addresses notified when a run starts.
   */
  on_start?: string[];
  /**
   * Email addresses notified when a streaming backlog health rule is exceeded.
   */
  on_streaming_backlog_exceeded?: string[];
  /**
   * Email addresses notified when a run succeeds.
   */
  on_success?: string[];
}
/**
 * Run one nested task once per element of inputs. The nested task cannot itself be a for_each_task.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ForEachTask".
 */
export interface ForEachTask {
  /**
   * How many iterations may run at once (1 to 100).
   */
  concurrency?: number;
  /**
   * A JSON array literal, or a {{…}} reference that yields one.
   */
  inputs: string;
  task: Task;
}
/**
 * Run a training workload on serverless GPU compute (preview).
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "GenAiComputeTask".
 */
export interface GenAiComputeTask {
  /**
   * Command to run instead of a script.
   */
  command?: string;
  compute?: ComputeConfig;
  /**
   * Deep learning runtime image.
   */
  dl_runtime_image: string;
  /**
   * MLflow experiment the run logs to.
   */
  mlflow_experiment_name?: string;
  /**
   * Where the file is read from: the workspace, or the job's git_source. Left out, it is GIT when the job has a git_source and WORKSPACE otherwise.
   */
  source?: "WORKSPACE" | "GIT";
  /**
   * Path of the training script.
   */
  training_script_path?: string;
  /**
   * Parameters as YAML text.
   */
  yaml_parameters?: string;
  /**
   * Path of a YAML parameters file.
   */
  yaml_parameters_file_path?: string;
}
/**
 * GPUs for a gen_ai_compute_task.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ComputeConfig".
 */
export interface ComputeConfig {
  /**
   * GPU node pool to use.
   */
  gpu_node_pool_id?: string;
  /**
   * GPU type.
   */
  gpu_type?: string;
  /**
   * Number of GPUs.
   */
  num_gpus: number;
}
/**
 * One library installed for the task. Exactly one kind.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Library".
 */
export interface Library {
  cran?: RCranLibrary;
  /**
   * Deprecated: Python eggs are no longer supported on recent runtimes.
   */
  egg?: string;
  /**
   * Path or URI of a JAR.
   */
  jar?: string;
  maven?: MavenLibrary;
  pypi?: PythonPyPiLibrary;
  /**
   * Path of a requirements.txt file.
   */
  requirements?: string;
  /**
   * Path or URI of a Python wheel.
   */
  whl?: string;
}
/**
 * An R package from CRAN.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "RCranLibrary".
 */
export interface RCranLibrary {
  /**
   * Package name.
   */
  package: string;
  /**
   * CRAN mirror to install from.
   */
  repo?: string;
}
/**
 * A Maven artifact.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "MavenLibrary".
 */
export interface MavenLibrary {
  /**
   * groupId:artifactId:version.
   */
  coordinates: string;
  /**
   * Dependencies to leave out, as groupId:artifactId.
   */
  exclusions?: string[];
  /**
   * Repository URL to resolve from instead of Maven Central.
   */
  repo?: string;
}
/**
 * A package from PyPI (or a mirror).
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PythonPyPiLibrary".
 */
export interface PythonPyPiLibrary {
  /**
   * Requirement spec, e.g. "pandas==2.2.2".
   */
  package: string;
  /**
   * Index URL to install from instead of PyPI.
   */
  repo?: string;
}
/**
 * Run a notebook.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "NotebookTask".
 */
export interface NotebookTask {
  /**
   * Widget values passed to the notebook. Values are strings; {{job.parameters.x}} and similar references are resolved at run time.
   */
  base_parameters?: {
    [k: string]: string;
  };
  /**
   * Absolute workspace path of the notebook, or a path relative to the repository root when the source is GIT.
   */
  notebook_path: string;
  /**
   * Where the file is read from: the workspace, or the job's git_source. Left out, it is GIT when the job has a git_source and WORKSPACE otherwise.
   */
  source?: "WORKSPACE" | "GIT";
  /**
   * SQL warehouse to run the notebook's SQL cells on (SQL-only notebooks).
   */
  warehouse_id?: string;
}
/**
 * Filters that silence some task-level notifications.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "TaskNotificationSettings".
 */
export interface TaskNotificationSettings {
  /**
   * Notify about a failure only after the last retry, not on every attempt.
   */
  alert_on_last_attempt?: boolean;
  /**
   * Do not notify when the task run is cancelled.
   */
  no_alert_for_canceled_runs?: boolean;
  /**
   * Do not notify when the task run is skipped.
   */
  no_alert_for_skipped_runs?: boolean;
}
/**
 * Run an update of a Lakeflow declarative pipeline.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PipelineTask".
 */
export interface PipelineTask {
  /**
   * Recompute all tables from scratch.
   */
  full_refresh?: boolean;
  /**
   * Tables to recompute from scratch.
   */
  full_refresh_selection?: string[];
  /**
   * Pipeline parameters for this update.
   */
  parameters?: {
    [k: string]: string;
  };
  /**
   * Id of the pipeline.
   */
  pipeline_id: string;
  /**
   * Flows to refresh.
   */
  refresh_flow_selection?: string[];
  /**
   * Tables to refresh.
   */
  refresh_selection?: string[];
  /**
   * Flows whose streaming checkpoints are reset.
   */
  reset_checkpoint_selection?: string[];
}
/**
 * Publish tables to a Power BI semantic model.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PowerBiTask".
 */
export interface PowerBiTask {
  /**
   * Unity Catalog connection to Power BI.
   */
  connection_resource_name?: string;
  power_bi_model?: PowerBiModel;
  /**
   * Refresh the model after publishing.
   */
  refresh_after_update?: boolean;
  /**
   * Tables to publish.
   */
  tables?: PowerBiTable[];
  /**
   * SQL warehouse Power BI queries through.
   */
  warehouse_id?: string;
}
/**
 * The target semantic model.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PowerBiModel".
 */
export interface PowerBiModel {
  /**
   * How Power BI authenticates to Databricks.
   */
  authentication_method?: "OAUTH" | "PAT";
  /**
   * Name of the model.
   */
  model_name?: string;
  /**
   * Replace a model of the same name.
   */
  overwrite_existing?: boolean;
  /**
   * How Power BI stores the data.
   */
  storage_mode?: "IMPORT" | "DIRECT_QUERY" | "DUAL";
  /**
   * Power BI workspace.
   */
  workspace_name?: string;
}
/**
 * A table to publish.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PowerBiTable".
 */
export interface PowerBiTable {
  /**
   * Catalog of the table.
   */
  catalog?: string;
  /**
   * Name of the table.
   */
  name?: string;
  /**
   * Schema of the table.
   */
  schema?: string;
  /**
   * How Power BI stores the data.
   */
  storage_mode?: "IMPORT" | "DIRECT_QUERY" | "DUAL";
}
/**
 * Call a Python function (newer task type).
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PythonOperatorTask".
 */
export interface PythonOperatorTask {
  /**
   * Function to call, as module.function.
   */
  main?: string;
  /**
   * Named arguments.
   */
  parameters?: PythonOperatorTaskParameter[];
}
/**
 * A named argument.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PythonOperatorTaskParameter".
 */
export interface PythonOperatorTaskParameter {
  /**
   * Argument name.
   */
  name?: string;
  /**
   * Argument value.
   */
  value?: string;
}
/**
 * Call an entry point of a Python wheel installed as a library or in the environment.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PythonWheelTask".
 */
export interface PythonWheelTask {
  /**
   * Entry point to call (from the package metadata, or a function name).
   */
  entry_point: string;
  /**
   * Named arguments, passed as --key=value.
   */
  named_parameters?: {
    [k: string]: string;
  };
  /**
   * Name of the package.
   */
  package_name: string;
  /**
   * Positional command-line arguments.
   */
  parameters?: string[];
}
/**
 * Trigger another job and wait for it.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "RunJobTask".
 */
export interface RunJobTask {
  /**
   * Legacy: dbt commands (use job_parameters).
   */
  dbt_commands?: string[];
  /**
   * Legacy: JAR arguments (use job_parameters).
   */
  jar_params?: string[];
  /**
   * Id of the job to run. A job managed by this project can be named as ${jobs.<key>.id}; apply puts in the real id.
   */
  job_id: number | string;
  /**
   * Job parameters passed to the triggered job.
   */
  job_parameters?: {
    [k: string]: string;
  };
  /**
   * Legacy: notebook widget values (use job_parameters).
   */
  notebook_params?: {
    [k: string]: string;
  };
  pipeline_params?: PipelineParams;
  /**
   * Legacy: wheel named arguments (use job_parameters).
   */
  python_named_params?: {
    [k: string]: string;
  };
  /**
   * Legacy: Python file arguments (use job_parameters).
   */
  python_params?: string[];
  /**
   * Legacy: spark-submit arguments (use job_parameters).
   */
  spark_submit_params?: string[];
  /**
   * Legacy: SQL parameters (use job_parameters).
   */
  sql_params?: {
    [k: string]: string;
  };
}
/**
 * Pipeline options for the triggered job's pipeline tasks.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PipelineParams".
 */
export interface PipelineParams {
  /**
   * Recompute all tables from scratch.
   */
  full_refresh?: boolean;
  /**
   * Tables to recompute from scratch.
   */
  full_refresh_selection?: string[];
  /**
   * Flows to refresh.
   */
  refresh_flow_selection?: string[];
  /**
   * Tables to refresh.
   */
  refresh_selection?: string[];
  /**
   * Flows whose streaming checkpoints are reset.
   */
  reset_checkpoint_selection?: string[];
}
/**
 * Run the main class of a JAR installed as a library.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SparkJarTask".
 */
export interface SparkJarTask {
  /**
   * Deprecated: give the JAR in libraries instead.
   */
  jar_uri?: string;
  /**
   * Fully qualified class whose main method runs; it must use the shared SparkContext.
   */
  main_class_name?: string;
  /**
   * Arguments for the main method.
   */
  parameters?: string[];
  /**
   * Deprecated; the service always treats it as true.
   */
  run_as_repl?: boolean;
}
/**
 * Run a Python file with spark-submit semantics.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SparkPythonTask".
 */
export interface SparkPythonTask {
  /**
   * Command-line arguments.
   */
  parameters?: string[];
  /**
   * Workspace path, cloud URI (s3:/, abfss:/, gs:/, dbfs:/) or repository-relative path of the file.
   */
  python_file: string;
  /**
   * Where python_file is read from. Unlike other tasks, left out it means WORKSPACE even when the job has a git_source.
   */
  source?: "WORKSPACE" | "GIT";
}
/**
 * Run spark-submit with raw arguments (legacy; new_cluster only).
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SparkSubmitTask".
 */
export interface SparkSubmitTask {
  /**
   * Arguments passed to spark-submit.
   */
  parameters?: string[];
}
/**
 * Run a query, a SQL file, an alert or a legacy dashboard on a SQL warehouse. Exactly one of query, file, alert or dashboard.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlTask".
 */
export interface SqlTask {
  alert?: SqlTaskAlert;
  dashboard?: SqlTaskDashboard;
  file?: SqlTaskFile;
  /**
   * Values for the {{parameters}} of the query or file.
   */
  parameters?: {
    [k: string]: string;
  };
  query?: SqlTaskQuery;
  /**
   * SQL warehouse the task runs on.
   */
  warehouse_id: string;
}
/**
 * Evaluate a SQL alert.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlTaskAlert".
 */
export interface SqlTaskAlert {
  /**
   * Id of the alert.
   */
  alert_id: string;
  /**
   * Do not send to the subscriptions.
   */
  pause_subscriptions?: boolean;
  /**
   * Who is notified.
   */
  subscriptions?: SqlTaskSubscription[];
}
/**
 * A subscriber: a user or a notification destination.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlTaskSubscription".
 */
export interface SqlTaskSubscription {
  /**
   * Id of a notification destination.
   */
  destination_id?: string;
  /**
   * Email of a workspace user.
   */
  user_name?: string;
}
/**
 * Refresh a legacy SQL dashboard.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlTaskDashboard".
 */
export interface SqlTaskDashboard {
  /**
   * Subject of the email sent to subscribers.
   */
  custom_subject?: string;
  /**
   * Id of the dashboard.
   */
  dashboard_id: string;
  /**
   * Do not send to the subscriptions.
   */
  pause_subscriptions?: boolean;
  /**
   * Who is notified.
   */
  subscriptions?: SqlTaskSubscription[];
}
/**
 * A .sql file.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlTaskFile".
 */
export interface SqlTaskFile {
  /**
   * Workspace path (absolute) or repository-relative path of the file.
   */
  path: string;
  /**
   * Where the file is read from: the workspace, or the job's git_source. Left out, it is GIT when the job has a git_source and WORKSPACE otherwise.
   */
  source?: "WORKSPACE" | "GIT";
}
/**
 * A saved query.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "SqlTaskQuery".
 */
export interface SqlTaskQuery {
  /**
   * Id of the query.
   */
  query_id: string;
}
/**
 * Notification destinations (by id) called on run events.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "WebhookNotifications".
 */
export interface WebhookNotifications {
  /**
   * Notification destinations called when a run exceeds its RUN_DURATION_SECONDS health rule (at most 3).
   *
   * @maxItems 3
   */
  on_duration_warning_threshold_exceeded?: Webhook[];
  /**
   * Notification destinations called when a run fails (at most 3).
   *
   * @maxItems 3
   */
  on_failure?: Webhook[];
  /**
   * Notification destinations called when a run starts (at most 3).
   *
   * @maxItems 3
   */
  on_start?: Webhook[];
  /**
   * Notification destinations called when a streaming backlog health rule is exceeded (at most 3).
   *
   * @maxItems 3
   */
  on_streaming_backlog_exceeded?: Webhook[];
  /**
   * Notification destinations called when a run succeeds (at most 3).
   *
   * @maxItems 3
   */
  on_success?: Webhook[];
}
/**
 * A reference to a notification destination configured in the workspace.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "Webhook".
 */
export interface Webhook {
  /**
   * Id of the notification destination.
   */
  id: string;
}
/**
 * Start runs on an event or on an interval. Set exactly one of periodic, file_arrival, table_update or model.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "TriggerSettings".
 */
export interface TriggerSettings {
  file_arrival?: FileArrivalTriggerConfiguration;
  model?: ModelTriggerConfiguration;
  /**
   * PAUSED keeps the trigger from starting runs; the service assumes UNPAUSED when it is left out.
   */
  pause_status?: "PAUSED" | "UNPAUSED";
  periodic?: PeriodicTriggerConfiguration;
  sql_condition?: SqlConditionConfiguration;
  table_update?: TableUpdateTriggerConfiguration;
}
/**
 * Start a run when new files land in a storage location.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "FileArrivalTriggerConfiguration".
 */
export interface FileArrivalTriggerConfiguration {
  /**
   * Leave at least this many seconds between two triggered runs (at least 60).
   */
  min_time_between_triggers_seconds?: number;
  /**
   * Storage location watched: a Unity Catalog volume or external location path.
   */
  url: string;
  /**
   * Start a run only after no file changed for this many seconds (at least 60).
   */
  wait_after_last_change_seconds?: number;
}
/**
 * Start a run on a model registry event.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ModelTriggerConfiguration".
 */
export interface ModelTriggerConfiguration {
  /**
   * For MODEL_ALIAS_SET: the aliases watched.
   */
  aliases?: string[];
  /**
   * Which model event starts a run.
   */
  condition: "MODEL_CREATED" | "MODEL_VERSION_READY" | "MODEL_ALIAS_SET";
  /**
   * Leave at least this many seconds between two triggered runs (at least 60).
   */
  min_time_between_triggers_seconds?: number;
  /**
   * Full name of the model (or of a schema, to watch all its models).
   */
  securable_name?: string;
  /**
   * Start a run only after the model did not change for this many seconds (at least 60).
   */
  wait_after_last_change_seconds?: number;
}
/**
 * Start a run every interval units.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "PeriodicTriggerConfiguration".
 */
export interface PeriodicTriggerConfiguration {
  /**
   * How many units between runs.
   */
  interval: number;
  /**
   * Unit of interval.
   */
  unit: "MINUTES" | "HOURS" | "DAYS" | "WEEKS";
}
/**
 * Start a run when Unity Catalog tables change.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "TableUpdateTriggerConfiguration".
 */
export interface TableUpdateTriggerConfiguration {
  /**
   * Start when any of the tables changed, or only when all of them did.
   */
  condition?: "ANY_UPDATED" | "ALL_UPDATED";
  /**
   * Leave at least this many seconds between two triggered runs (at least 60).
   */
  min_time_between_triggers_seconds?: number;
  /**
   * Tables watched, as catalog.schema.table.
   *
   * @minItems 1
   */
  table_names: string[];
  /**
   * Start a run only after no table changed for this many seconds (at least 60).
   */
  wait_after_last_change_seconds?: number;
}
/**
 * One entry of triggers: exactly one of schedule, periodic, file_arrival, table_update, model or continuous.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "TriggerConfiguration".
 */
export interface TriggerConfiguration {
  continuous?: ContinuousTriggerConfiguration;
  file_arrival?: FileArrivalTriggerConfiguration;
  model?: ModelTriggerConfiguration;
  /**
   * PAUSED keeps the trigger from starting runs; the service assumes UNPAUSED when it is left out.
   */
  pause_status?: "PAUSED" | "UNPAUSED";
  periodic?: PeriodicTriggerConfiguration;
  schedule?: CronTriggerConfiguration;
  sql_condition?: SqlConditionConfiguration;
  table_update?: TableUpdateTriggerConfiguration;
}
/**
 * Continuous running inside triggers.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "ContinuousTriggerConfiguration".
 */
export interface ContinuousTriggerConfiguration {
  /**
   * Whether failed tasks are retried inside the continuous run.
   */
  task_retry_mode?: "NEVER" | "ON_FAILURE";
}
/**
 * A cron schedule inside triggers.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "CronTriggerConfiguration".
 */
export interface CronTriggerConfiguration {
  /**
   * Quartz cron expression with seconds.
   */
  quartz_cron_expression: string;
  /**
   * Java time zone id the expression is read in.
   */
  timezone_id: string;
}
/**
 * The settable part of a Databricks job (Jobs API 2.2 JobSettings), as sent to jobs/create and jobs/reset.
 *
 * This interface was referenced by `JobDefinition`'s JSON-Schema
 * via the `definition` "JobSettings".
 */
export interface JobSettings {
  /**
   * Budget policy to attribute serverless usage of this job to.
   */
  budget_policy_id?: string;
  continuous?: Continuous;
  deployment?: JobDeployment;
  /**
   * Free text shown in the Jobs UI (at most 27 700 characters).
   */
  description?: string;
  /**
   * UI_LOCKED stops people from editing the job in the UI, which suits jobs owned by git. The service assumes EDITABLE.
   */
  edit_mode?: "UI_LOCKED" | "EDITABLE";
  email_notifications?: JobEmailNotifications;
  /**
   * Serverless environments (Python dependencies and version) that tasks pick with environment_key.
   */
  environments?: JobEnvironment[];
  git_source?: GitSource;
  health?: JobsHealthRules;
  /**
   * Cluster definitions that tasks of this job share through job_cluster_key.
   */
  job_clusters?: JobCluster[];
  /**
   * How many runs of this job may be active at the same time (0 to 1000; the service uses 1 when left out). With 0 every new run is skipped.
   */
  max_concurrent_runs?: number;
  /**
   * Display name of the job. Names are not unique, so jobform never identifies a job by its name. At most 4096 bytes.
   */
  name?: string;
  notification_settings?: JobNotificationSettings;
  /**
   * Job-level parameters with their defaults; tasks read them as {{job.parameters.<name>}}. Keyed by name.
   */
  parameters?: JobParameterDefinition[];
  /**
   * Workspace folder that holds the job object.
   */
  parent_path?: string;
  /**
   * Serverless only: trade start-up speed for cost. The service assumes PERFORMANCE_OPTIMIZED.
   */
  performance_target?: "PERFORMANCE_OPTIMIZED" | "STANDARD";
  queue?: QueueSettings;
  run_as?: JobRunAs;
  schedule?: CronSchedule;
  /**
   * Key/value labels on the job, also copied onto its job clusters as cluster tags. At most 25; jobform adds its own ownership tags on apply.
   */
  tags?: {
    [k: string]: string;
  };
  /**
   * The units of work of the job, keyed by task_key (at most 1000).
   *
   * @maxItems 1000
   */
  tasks?: Task[];
  /**
   * Run time limit for each run of the job; 0 means no limit. A change also applies to runs already in progress.
   */
  timeout_seconds?: number;
  trigger?: TriggerSettings;
  /**
   * Several triggers at once (preview feature). Cannot be combined with schedule, trigger or continuous.
   */
  triggers?: TriggerConfiguration[];
  /**
   * Usage policy to attribute the job's usage to.
   */
  usage_policy_id?: string;
  webhook_notifications?: WebhookNotifications;
}
