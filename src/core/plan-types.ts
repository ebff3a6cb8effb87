// The Plan: a versioned, deterministic value (schemas/plan.schema.json) that renderers print and apply
// executes. Data keeps the API's spelling.
import type { IgnoreRule } from "./ignore.js";

/** A job as the workspace reports it: jobs/get settings plus the permissions GET body. */
export interface LiveJob {
  /** Exact int64 as a string: job ids overflow JS numbers. */
  jobId: string;
  settings: Record<string, unknown>;
  /** The raw permissions GET answer (or just its access_control_list). */
  permissions: unknown;
  /** The credentials may not read this job's access list (it takes CAN_MANAGE): permissions are not compared. */
  aclUnreadable?: boolean;
  creatorUserName?: string;
  runAsUserName?: string;
}

/** One task of a job's DAG, with what a picture of it shows: what kind of task, and when each edge fires. */
export interface GraphTask {
  task_key: string;
  depends_on: string[];
  /** The task's kind as the API names its field, without `_task`: notebook, spark_python, condition, for_each… */
  type?: string;
  /** Upstream condition tasks this one waits on for one outcome: upstream key → "true" | "false". */
  outcomes?: Record<string, string>;
  /** run_if when it is not the default ALL_SUCCESS. */
  run_if?: string;
  /** A for_each task's inner task. */
  for_each?: { task_key: string; type?: string };
  /** A run_job task's job: the project's key when known, else the job id. */
  run_job?: string;
}

export interface FieldChange {
  op: "add" | "remove" | "replace";
  /** JSON pointer into the canonical form: keyed lists are maps (`/tasks/ingest/timeout_seconds`). */
  path: string;
  /** The values in the API's shape (lists as lists; git's side in the definition's spelling). */
  before?: unknown;
  after?: unknown;
}

export interface PermissionChange {
  principal: string;
  kind: "user" | "group" | "service_principal";
  before?: string;
  after?: string;
}

export type RiskKind = "delete" | "access-lost" | "owner-change" | "run-as-change" | "unpaused" | "concurrency-lowered" | "task-removed" | "compute-change";

export interface Risk {
  kind: RiskKind;
  message: string;
}

/** What jobs/update will carry: top-level fields replaced wholesale, tasks and job clusters by key. */
export interface UpdateRequest {
  fields: string[];
  tasks: string[];
  job_clusters: string[];
  fields_to_remove: string[];
}

export type Action = "create" | "update" | "delete" | "no-op";

export interface JobChange {
  key: string;
  action: Action;
  name?: string;
  job_id?: string;
  /** The settings call apply makes: none for no-op and permission-only changes. */
  strategy: "create" | "update" | "reset" | "delete" | "none";
  /** Why reset rather than update, when reset was chosen. */
  strategy_reason?: string;
  update?: UpdateRequest;
  permissions_put: boolean;
  fields: FieldChange[];
  permissions: PermissionChange[];
  risks: Risk[];
  /** The task DAG (desired tasks, plus removed ones) so renderers can draw it without the definitions. */
  graph: GraphTask[];
  /** The access list could not be read, so permission changes were not planned for this job. */
  acl_unread?: true;
  /** An untagged job taken over through jobform.yaml `adopt:`: this update writes the ownership tags onto it. */
  adopting?: true;
  /** A job applied before deployments existed: this update writes the deployment tag onto it. */
  migrating?: true;
  /** Hash of the normalised live state, for apply's stale check; absent for creates. */
  fingerprint?: string;
  /**
   * Hash of the desired canonical form (settings with references resolved, and the ACL), for apply's
   * check that git still asks for what was reviewed; absent for deletes. Hashes, not values, so a saved
   * plan needs no secrets.
   */
  desired_hash?: string;
}

export interface PlanError {
  /** `cluster-policy`: a job cluster breaks its cluster policy; `project-rule`: the job breaks a jobform.yaml `policies:` rule of severity error. Either holds back only that job. */
  code: "duplicate-tags" | "adopt-invalid" | "cluster-policy" | "project-rule";
  key: string;
  job_ids: string[];
  message: string;
  /** cluster-policy: where the broken value (or the cluster missing it) is written. */
  file?: string;
  line?: number;
  column?: number;
  /** cluster-policy: the cluster as a reader names it (`job cluster "small"`, `task "ingest"`). */
  cluster?: string;
  policy_id?: string;
  policy_name?: string;
  /** cluster-policy: the kind of rule broken (fixed, forbidden, allowlist, blocklist, regex, range, unlimited). */
  rule?: string;
  /** cluster-policy: the attribute path the rule limits (`custom_tags.team`). */
  attribute?: string;
}

/**
 * One job as an entry of a Terraform JSON plan's `resource_changes`, so policies written for Terraform plans
 * (conftest/OPA, Sentinel, Spacelift) read jobform's. Values are JobSettings in the API's shape plus `id`.
 */
export interface ResourceChange {
  /** `databricks_job.<key>` */
  address: string;
  mode: "managed";
  type: "databricks_job";
  /** The job key. */
  name: string;
  change: {
    actions: ["create"] | ["update"] | ["delete"] | ["no-op"];
    /** The workspace's job (server defaults left out), null for a create. */
    before: Record<string, unknown> | null;
    /** What apply writes, null for a delete. */
    after: Record<string, unknown> | null;
    /** `{ id: true }` for a create: the job id is known after apply. */
    after_unknown: Record<string, boolean>;
  };
}

export interface Plan {
  format_version: 1;
  project: string;
  target: string | null;
  host: string | null;
  changes: JobChange[];
  notes: string[];
  errors: PlanError[];
  summary: { create: number; update: number; delete: number; no_op: number };
  /** The jobs in the shape of Terraform's JSON plan, beside `changes`, in the same order. */
  resource_changes?: ResourceChange[];
  /** The `--job` keys the plan was limited to; apply of a saved plan re-plans the same scope. */
  only?: string[];
}

export interface PlanOptions {
  project: string;
  /** The target's deployment (core/deployment.ts): only jobs tagged with it are this plan's; written on every job. */
  deployment?: string;
  /** This deployment takes over the project's jobs that have no deployment tag yet (one per workspace). */
  claimsLegacy?: boolean;
  target?: string;
  host?: string;
  /** Delete managed jobs that no longer have a definition (opt-in). */
  prune: boolean;
  /** The identity apply runs as: owner of the job when the definition names none. */
  deployer: string;
  /** Limit the plan to these job keys (`--job`). */
  only?: readonly string[];
  /** jobform.yaml `adopt:`: job key → id of an untagged job the plan takes over instead of creating one. */
  adopt?: Readonly<Record<string, string>>;
  /** jobform.yaml `ignore:`: fields operators own, left out of the comparison (never out of a create). */
  ignore?: readonly IgnoreRule[];
  /** jobform.yaml `policies:` findings (project-rules/plan-gate.ts): jobs with errors are left out, warnings become notes. */
  rules?: { errors: readonly PlanError[]; warnings: readonly string[] };
}
