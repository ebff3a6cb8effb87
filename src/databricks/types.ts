// Hand-written wire shapes for the calls jobform makes: the fields it reads or writes, and an index
// signature wherever the API's object is open (the full JobSettings types are generated elsewhere).

/** int64 ids arrive as a number when they fit in a double, else as a bigint (see lib/json.ts). */
export type Id = number | bigint;

export interface Task {
  task_key: string;
  [k: string]: unknown;
}

export interface JobCluster {
  job_cluster_key: string;
  [k: string]: unknown;
}

export interface JobParameterDefinition {
  name: string;
  default: string;
}

export interface JobEnvironment {
  environment_key: string;
  [k: string]: unknown;
}

export interface JobSettings {
  name?: string;
  tags?: Record<string, string>;
  tasks?: Task[];
  job_clusters?: JobCluster[];
  parameters?: JobParameterDefinition[];
  environments?: JobEnvironment[];
  [k: string]: unknown;
}

export interface Job {
  job_id: Id;
  creator_user_name?: string;
  run_as_user_name?: string;
  created_time?: number;
  settings?: JobSettings;
  [k: string]: unknown;
}

/** A jobs/list entry: settings hold summary fields unless expand_tasks was asked for. */
export interface BaseJob extends Job {
  /** With expand_tasks: more than 100 tasks or clusters, so a jobs/get is needed for the rest. */
  has_more?: boolean;
}

export interface ListJobsRequest {
  name?: string;
  expand_tasks?: boolean;
  /** Page size, 1–100; the helpers default to the maximum to save calls. */
  limit?: number;
}

export interface Page {
  has_more?: boolean;
  next_page_token?: string;
  prev_page_token?: string;
}

export interface ListJobsResponse extends Page {
  jobs?: BaseJob[];
}

export interface PermissionRequestEntry {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  permission_level: string;
}

export interface PermissionGrant {
  permission_level: string;
  inherited?: boolean;
  inherited_from_object?: string[];
}

export interface PermissionEntry {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  display_name?: string;
  all_permissions?: PermissionGrant[];
}

export interface ObjectPermissions {
  object_id?: string;
  object_type?: string;
  access_control_list?: PermissionEntry[];
}

export type CreateJobRequest = JobSettings & { access_control_list?: PermissionRequestEntry[] };

export interface UpdateJobRequest {
  job_id: Id;
  new_settings?: Partial<JobSettings>;
  fields_to_remove?: string[];
}

export interface RunNowRequest {
  job_id: Id;
  job_parameters?: Record<string, string>;
  /** ≤ 64 characters; minted by the client when absent so retries cannot start two runs. */
  idempotency_token?: string;
  only?: string[];
  [k: string]: unknown;
}

export interface SubmitRunRequest {
  run_name?: string;
  tasks: Record<string, unknown>[];
  idempotency_token?: string;
  [k: string]: unknown;
}

export interface RunState {
  life_cycle_state?: string;
  result_state?: string;
  state_message?: string;
  user_cancelled_or_timedout?: boolean;
  [k: string]: unknown;
}

export interface RunTask {
  task_key: string;
  run_id?: Id;
  state?: RunState;
  [k: string]: unknown;
}

export interface Run {
  run_id: Id;
  job_id?: Id;
  run_name?: string;
  run_page_url?: string;
  run_type?: string;
  state?: RunState;
  status?: { state?: string; termination_details?: { code?: string; type?: string; message?: string }; [k: string]: unknown };
  start_time?: number;
  end_time?: number;
  tasks?: RunTask[];
  job_clusters?: JobCluster[];
  job_parameters?: { name: string; default?: string; value?: string }[];
  repair_history?: { id?: Id; type?: string; [k: string]: unknown }[];
  iterations?: RunTask[];
  [k: string]: unknown;
}

export interface GetRunRequest {
  include_history?: boolean;
  include_resolved_values?: boolean;
}

export interface RunOutput {
  metadata?: Run;
  error?: string;
  error_trace?: string;
  logs?: string;
  logs_truncated?: boolean;
  notebook_output?: { result?: string; truncated?: boolean };
  [k: string]: unknown;
}

export interface ListRunsRequest {
  job_id?: Id;
  active_only?: boolean;
  completed_only?: boolean;
  run_type?: string;
  expand_tasks?: boolean;
  start_time_from?: number;
  start_time_to?: number;
  /** Page size, 1–25. */
  limit?: number;
}

export interface ListRunsResponse extends Page {
  runs?: Run[];
}

export interface RepairRunRequest {
  run_id: Id;
  rerun_tasks?: string[];
  rerun_all_failed_tasks?: boolean;
  rerun_dependent_tasks?: boolean;
  /** Required on every repair after the first: the id of the latest one. */
  latest_repair_id?: Id;
  job_parameters?: Record<string, string>;
  [k: string]: unknown;
}

export type WorkspaceObjectType = "NOTEBOOK" | "DIRECTORY" | "FILE" | "LIBRARY" | "REPO" | "DASHBOARD" | (string & {});
export type WorkspaceFormat = "SOURCE" | "HTML" | "JUPYTER" | "DBC" | "R_MARKDOWN" | "AUTO" | "RAW";

export interface ObjectInfo {
  path: string;
  object_type?: WorkspaceObjectType;
  object_id?: Id;
  resource_id?: string;
  language?: "PYTHON" | "SCALA" | "SQL" | "R" | (string & {});
  created_at?: number;
  modified_at?: number;
  size?: number;
  [k: string]: unknown;
}

export interface ExportResponse {
  /** Base64. */
  content?: string;
  file_type?: string;
}

export interface ImportRequest {
  path: string;
  /** Base64. */
  content: string;
  format?: WorkspaceFormat;
  language?: string;
  overwrite?: boolean;
}

/** A SCIM list answer; only the count matters to jobform. */
export interface ScimListResponse {
  totalResults?: number;
  Resources?: Record<string, unknown>[];
  [k: string]: unknown;
}

export interface ScimUser {
  id?: string;
  userName?: string;
  displayName?: string;
  active?: boolean;
  emails?: { value?: string; primary?: boolean; type?: string }[];
  groups?: { value?: string; display?: string }[];
  [k: string]: unknown;
}
