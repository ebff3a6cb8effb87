// `jobform import`, the pure part: a job as the workspace reports it becomes the job file a user would
// have written to get it — server defaults stripped (normalize.ts), ownership tags and output-only fields
// left out, the access list reduced to the direct grants — and a stable, collision-free key for it.
import { Document } from "yaml";
import type { GitSource } from "./generated/job.js";
import { symbolicJobRefs } from "./job-refs.js";
import { isPlainObject } from "./merge.js";
import { stripServerDefaults } from "./normalize.js";
import { levelRank, normalizeLiveAcl, principalKey, principalOf } from "./normalize-acl.js";
import { JOB_SETTINGS_FIELDS } from "./normalize-rules.js";
import { OWNERSHIP_TAGS } from "./ownership.js";
import type { LiveJob } from "./plan-types.js";
import { defaultSchemaRef, schemaComment } from "./schema-ref.js";

type Obj = Record<string, unknown>;

/**
 * Where each top-level field goes in the written file: what the job is, then when it runs and with
 * which parameters, then its other settings, then the long lists, with permissions last. A field not
 * listed here (a future JobSettings field) goes just before the lists.
 */
const FIELD_ORDER: readonly string[] = [
  "name", "description", "tags",
  "schedule", "trigger", "continuous", "triggers",
  "parameters",
  "git_source", "run_as", "email_notifications", "webhook_notifications", "notification_settings", "health",
  "timeout_seconds", "max_concurrent_runs", "queue", "performance_target", "budget_policy_id", "usage_policy_id",
  "edit_mode", "deployment", "parent_path",
  "tasks", "job_clusters", "environments",
  "permissions",
];
const LISTS_START = FIELD_ORDER.indexOf("tasks");

/** Inside a task, what identifies it and how it hangs in the DAG reads first. */
const TASK_FIRST: readonly string[] = ["task_key", "description", "depends_on", "run_if"];

/** The fields of a task in reading order: identity and DAG position first, the rest as the server gave them. */
function orderTask(task: unknown): unknown {
  if (!isPlainObject(task)) return task;
  const out: Obj = {};
  for (const k of TASK_FIRST) if (task[k] !== undefined) out[k] = task[k];
  for (const [k, v] of Object.entries(task)) if (!(k in out)) out[k] = k === "for_each_task" && isPlainObject(v) ? { ...v, task: orderTask(v.task) } : v;
  return out;
}

function orderFields(doc: Obj): Obj {
  const rank = (k: string) => {
    const i = FIELD_ORDER.indexOf(k);
    return i === -1 ? LISTS_START - 0.5 : i;
  };
  const keys = Object.keys(doc).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, doc[k]]));
}

const ACL_FIELDS = ["user_name", "group_name", "service_principal_name"] as const;

/**
 * The job's direct grants as a `permissions` list. normalize-acl decides what counts (direct only, never
 * `admins`, the highest level per principal); the entry is then written with the field and spelling the
 * service gave, since canonical names are lowercased and the user should see their own principals.
 */
export function importedPermissions(acl: unknown): Obj[] {
  const levels = normalizeLiveAcl(acl);
  const list = isPlainObject(acl) ? acl.access_control_list : acl;
  const spelled = new Map<string, Obj>();
  for (const e of Array.isArray(list) ? list : []) {
    const p = principalOf(e);
    if (!p || !isPlainObject(e) || spelled.has(principalKey(p))) continue;
    const field = ACL_FIELDS.find((f) => typeof e[f] === "string" && e[f] !== "");
    if (field) spelled.set(principalKey(p), { [field]: e[field] });
  }
  return Object.entries(levels)
    .sort(([ka, a], [kb, b]) => levelRank(b) - levelRank(a) || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .flatMap(([key, level]) => {
      const who = spelled.get(key);
      return who ? [{ ...who, permission_level: level }] : [];
    });
}

/**
 * Every `${…}` in the job's strings written as `$${…}`: the workspace holds them as text (another tool's
 * idiom, a shell variable), and a job file would substitute or reject them (substitute.ts).
 */
export function escapeReferences(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\{[^${}]*\}/g, "$$$&");
  if (Array.isArray(value)) return value.map(escapeReferences);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeReferences(v)]));
  return value;
}

/** The schema's spelling of each provider; the service takes any casing and may answer in another one. */
const GIT_PROVIDERS: readonly GitSource["git_provider"][] = ["gitHub", "bitbucketCloud", "azureDevOpsServices", "gitHubEnterprise", "bitbucketServer", "gitLab", "gitLabEnterpriseEdition", "awsCodeCommit"];

function eachNewCluster(doc: Obj, fn: (cluster: Obj) => void): void {
  const inTask = (t: unknown) => {
    if (!isPlainObject(t)) return;
    if (isPlainObject(t.new_cluster)) fn(t.new_cluster);
    if (isPlainObject(t.for_each_task)) inTask(t.for_each_task.task);
  };
  for (const jc of Array.isArray(doc.job_clusters) ? doc.job_clusters : []) if (isPlainObject(jc) && isPlainObject(jc.new_cluster)) fn(jc.new_cluster);
  for (const t of Array.isArray(doc.tasks) ? doc.tasks : []) inTask(t);
}

/**
 * What stripping defaults takes out but a job file must say: a cluster sized by `num_workers: 0` alone (a
 * single-node profile in spark_conf) needs the 0 back, since the schema asks every cluster for a size; and
 * a git provider spelled the schema's way. Changes `doc` in place.
 */
function restoreRequired(doc: Obj): void {
  eachNewCluster(doc, (c) => {
    if (["num_workers", "autoscale", "policy_id", "is_single_node"].every((f) => c[f] === undefined)) c.num_workers = 0;
  });
  const gs = doc.git_source;
  if (isPlainObject(gs) && typeof gs.git_provider === "string") {
    const spelled = GIT_PROVIDERS.find((p) => p.toLowerCase() === (gs.git_provider as string).toLowerCase());
    if (spelled) gs.git_provider = spelled;
  }
}

/**
 * The definition document for a live job: JobSettings fields only (job_id, created_time, run_as_owner …
 * are the service's, not the user's), defaults stripped, `${` escaped, run_job ids of jobs in `refs`
 * (id → key) as `${jobs.<key>.id}`, jobform's ownership tags out (apply writes them), and the access list
 * when it could be read.
 */
export function importedDefinition(job: LiveJob, refs: ReadonlyMap<string, string> = new Map()): Obj {
  const picked: Obj = {};
  for (const k of JOB_SETTINGS_FIELDS) if (job.settings[k] !== undefined) picked[k] = job.settings[k];
  const doc = symbolicJobRefs(escapeReferences(stripServerDefaults(picked)) as Obj, refs).document;
  restoreRequired(doc);
  if (isPlainObject(doc.tags)) {
    const tags = Object.fromEntries(Object.entries(doc.tags).filter(([k]) => !(OWNERSHIP_TAGS as readonly string[]).includes(k)));
    if (Object.keys(tags).length) doc.tags = tags;
    else delete doc.tags;
  }
  delete doc.format; // the rules drop it already; said again because the job schema does not accept it
  if (Array.isArray(doc.tasks)) doc.tasks = doc.tasks.map(orderTask);
  if (!job.aclUnreadable) {
    const permissions = importedPermissions(job.permissions);
    if (permissions.length) doc.permissions = permissions;
  }
  return orderFields(doc);
}

/**
 * The job file's text: the editor schema line (`schemaRef`, from the file to job.schema.json), where it came
 * from, the definition. No timestamps: importing twice gives the same bytes.
 */
export function importedYaml(job: LiveJob, schemaRef = defaultSchemaRef("job"), refs: ReadonlyMap<string, string> = new Map()): string {
  const doc = new Document(importedDefinition(job, refs));
  const body = doc.toString({ lineWidth: 0, indentSeq: true });
  return `#${schemaComment(schemaRef)}\n# imported from job ${job.jobId}\n${body}`;
}

const MAX_KEY = 100;

/** A job key from a name: lowercase letters, digits and single dashes; `job-<id>` when nothing is left. */
export function keyFromName(name: unknown, jobId: string): string {
  const text = typeof name === "string" ? name.toLowerCase() : "";
  const key = text.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, MAX_KEY).replace(/-+$/, "");
  return key || `job-${jobId}`;
}

/** Job ids are int64 decimal strings: shorter is smaller. */
export const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * A key per job, unique among themselves and not in `taken`: the oldest job (lowest id) gets the plain
 * key, the next `-2`, `-3` … — so importing the same set again gives the same keys.
 */
export function assignKeys(jobs: readonly { jobId: string; name: unknown }[], taken: ReadonlySet<string>): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const job of [...jobs].sort((a, b) => compareIds(a.jobId, b.jobId))) {
    const base = keyFromName(job.name, job.jobId);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base.slice(0, MAX_KEY - String(n).length - 1).replace(/-+$/, "")}-${n}`;
    used.add(key);
    out.set(job.jobId, key);
  }
  return out;
}

/** The job id a file's header says it was imported from, if it has one. */
export function importedFrom(text: string): string | undefined {
  return /^# imported from job (\d+)$/m.exec(text)?.[1];
}
