// What the Jobs API stores from a write and what it answers on a read. Writes drop write-only fields
// and empty values and apply the write-time rules (2.2 queue, reset keeps run_as); reads add the
// defaults of defaults.ts and reorder keyed lists, the way jobs/get differs from what was sent.
import type { ApiVersion } from "./types.js";
import type { Json, JobRecord, Workspace } from "./state.js";
import {
  CLUSTER_DEFAULTS,
  JOB_DEFAULTS,
  POOL_DROPPED_FIELDS,
  TASK_DEFAULTS,
  WRITE_ONLY_CLUSTER_FIELDS,
  WRITE_ONLY_JOB_PATHS,
  applyRules,
  fillCloudAttributes,
  isObject,
  type DefaultContext,
} from "./defaults.js";
import { jobOwner } from "./acl.js";
import { dropUnknownEnums } from "./enums.js";
import { idFromString } from "../lib/json.js";

export type WriteOp = "create" | "reset" | "update";

/** SDKs with omitempty never send empty lists or maps and the server does not keep them (API-NOTES §5.5). */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = value.map(pruneEmpty).filter((v) => v !== undefined);
    return out.length === 0 ? undefined : out;
  }
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const p = pruneEmpty(v);
      if (p !== undefined && p !== null) out[k] = p;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function deletePath(obj: Json, path: string): void {
  const parts = path.split(".");
  let cur: unknown = obj;
  for (const p of parts.slice(0, -1)) cur = isObject(cur) ? cur[p] : undefined;
  if (isObject(cur)) delete cur[parts[parts.length - 1] as string];
}

/** Every new_cluster of a job: job clusters, tasks, and the inner task of a for_each. */
export function eachCluster(settings: Json, fn: (cluster: Json) => void): void {
  for (const jc of asArray(settings.job_clusters)) if (isObject(jc.new_cluster)) fn(jc.new_cluster);
  eachTask(settings, (t) => {
    if (isObject(t.new_cluster)) fn(t.new_cluster);
  });
}

/** Every task including for_each inner tasks. */
export function eachTask(settings: Json, fn: (task: Json) => void): void {
  for (const t of asArray(settings.tasks)) {
    fn(t);
    const fe = t.for_each_task;
    if (isObject(fe) && isObject(fe.task)) fn(fe.task);
  }
}

export function asArray(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** The stored form of settings sent on create/reset, or of the merged result of update. */
export function storedSettings(input: Json, op: WriteOp, version: ApiVersion, previous?: Json): Json {
  const s = structuredClone(input);
  for (const p of WRITE_ONLY_JOB_PATHS) deletePath(s, p);
  eachCluster(s, (c) => {
    for (const f of WRITE_ONLY_CLUSTER_FIELDS) delete c[f];
  });
  const out = (pruneEmpty(s) as Json | undefined) ?? {};
  dropUnknownEnums(out);
  // Jobs 2.2 turns queueing on when create or reset omit it; update leaves queue alone (API-NOTES §1).
  if (version === "2.2" && op !== "update" && out.queue === undefined) out.queue = { enabled: true };
  // A reset without run_as keeps the previous run-as identity (cli-cloud run_as test, cli#4873).
  if (op === "reset" && out.run_as === undefined && previous?.run_as !== undefined) out.run_as = structuredClone(previous.run_as);
  return out;
}

const byKey = (key: string) => (a: Json, b: Json) => String(a[key] ?? "").localeCompare(String(b[key] ?? ""));

const WEBHOOK_EVENTS = ["on_start", "on_success", "on_failure", "on_duration_warning_threshold_exceeded", "on_streaming_backlog_exceeded"];

/** Webhook destination lists come back in an order of the server's choosing (cli#6060): sorted by id here. */
function sortWebhooks(holder: Json): void {
  const wh = holder.webhook_notifications;
  if (!isObject(wh)) return;
  for (const ev of WEBHOOK_EVENTS) if (Array.isArray(wh[ev])) wh[ev] = asArray(wh[ev]).sort(byKey("id"));
}

function renderCluster(c: Json, ctx: DefaultContext): void {
  if (typeof c.instance_pool_id === "string") for (const f of POOL_DROPPED_FIELDS) delete c[f];
  applyRules(c, CLUSTER_DEFAULTS, ctx);
  fillCloudAttributes(c);
}

/** Settings as jobs/get answers them: defaults filled, keyed lists reordered. */
export function renderSettings(stored: Json): Json {
  const s = structuredClone(stored);
  const ctx: DefaultContext = { hasGitSource: isObject(s.git_source) };
  applyRules(s, JOB_DEFAULTS, ctx);
  sortWebhooks(s);
  eachTask(s, (t) => {
    applyRules(t, TASK_DEFAULTS, ctx);
    sortWebhooks(t);
    // depends_on order is not preserved by the server (tf#2942).
    if (Array.isArray(t.depends_on)) t.depends_on = asArray(t.depends_on).sort(byKey("task_key"));
  });
  eachCluster(s, (c) => renderCluster(c, ctx));
  // Tasks come back in a different order than sent, reported as sorted by task_key (tf#2823, #3126, #4159,
  // #4011); one recorded AWS response keeps the stored order (issue #12, difference 4). Which a workspace
  // does is unverified: the sort is kept because it is the order that differs from submission, so clients
  // that depend on order fail here rather than in production.
  if (Array.isArray(s.tasks)) s.tasks = asArray(s.tasks).sort(byKey("task_key"));
  return s;
}

const rendered = new WeakMap<JobRecord, { version: number; settings: Json }>();

function cachedSettings(rec: JobRecord): Json {
  const hit = rendered.get(rec);
  if (hit && hit.version === rec.version) return hit.settings;
  const settings = renderSettings(rec.settings);
  rendered.set(rec, { version: rec.version, settings });
  return settings;
}

/** The identity runs execute as: an explicit run_as, else the owner, else the creator (API-NOTES §5.2). */
export function runAsUserName(rec: JobRecord, ws: Workspace): string {
  const ra = rec.settings.run_as;
  if (isObject(ra)) {
    const name = ra.user_name ?? ra.service_principal_name ?? ra.group_name;
    if (typeof name === "string") return name;
  }
  return jobOwner(ws, rec.id)?.name ?? rec.creator_user_name;
}

/**
 * The full Job object of jobs/get. The returned settings object is shared with the cache: callers
 * that change arrays must copy (pagination slices, which copies).
 */
export function renderJob(rec: JobRecord, ws: Workspace): Json {
  return {
    job_id: idFromString(rec.id),
    creator_user_name: rec.creator_user_name,
    run_as_user_name: runAsUserName(rec, ws),
    // Real responses carry fields the SDK models lack (tf exporter fixtures); clients must ignore them.
    run_as_owner: rec.settings.run_as === undefined,
    created_time: rec.created_time,
    settings: cachedSettings(rec),
  };
}
