import { idToString } from "../lib/json.js";
import { mapLimit } from "../lib/map-limit.js";
import { managedKey, PROJECT_TAG } from "../core/ownership.js";
import type { Owner } from "../core/ownership.js";
import { ApiError } from "../databricks/index.js";
import type { BaseJob, DatabricksClient } from "../databricks/index.js";

/** A managed job as the workspace has it: settings from jobs/get (or list), the ACL from permissions GET. */
export interface LiveJobRead {
  jobId: string;
  key: string;
  settings: Record<string, unknown>;
  permissions: unknown[];
  aclUnreadable?: boolean;
  creatorUserName?: string;
  runAsUserName?: string;
  /** Untagged yet, but named in jobform.yaml `adopt:` under `key`: the next apply tags it. */
  adopting?: true;
}

/** A job without this project's tags: never read further, never changed; the plan may mention a look-alike. */
export interface UnmanagedJob {
  jobId: string;
  settings: Record<string, unknown>;
  permissions: unknown[];
}

export interface LiveState {
  managed: LiveJobRead[];
  unmanaged: UnmanagedJob[];
  /** Every job as jobs/list returned it (the console's jobs table reads it instead of listing again). */
  listed: BaseJob[];
}

/**
 * Reads the jobs this project manages with as few calls as the API allows: jobs/list with expand_tasks
 * (100 jobs per call, tasks included), a jobs/get only for the rare job whose arrays were cut at 100, and one
 * permissions GET per managed job. `keys` limits the permissions reads to the jobs a plan will look at.
 */
/**
 * One job in full: its settings (a jobs/get only when the list entry was cut at 100 tasks or clusters) and
 * its access list; a 403 on the access list is reported as `aclUnreadable` instead of failing the read.
 */
export async function readJob(client: DatabricksClient, job: BaseJob): Promise<Omit<LiveJobRead, "key">> {
  const full = job.has_more ? await client.jobs.get(job.job_id) : job;
  const acl = await client.permissions.getJob(job.job_id).catch((e: unknown) => {
    // A plan with read-only credentials (CAN_VIEW) sees settings but not access lists: say so, go on.
    if (e instanceof ApiError && e.status === 403) return undefined;
    throw e;
  });
  const read: Omit<LiveJobRead, "key"> = {
    jobId: idToString(job.job_id),
    settings: (full.settings ?? {}) as Record<string, unknown>,
    permissions: acl?.access_control_list ?? [],
    ...(acl ? {} : { aclUnreadable: true }),
  };
  if (typeof full.creator_user_name === "string") read.creatorUserName = full.creator_user_name;
  if (typeof full.run_as_user_name === "string") read.runAsUserName = full.run_as_user_name;
  return read;
}

export async function readLive(client: DatabricksClient, owner: Owner | string, opts: { keys?: ReadonlySet<string>; concurrency?: number; adopt?: Readonly<Record<string, string>> } = {}): Promise<LiveState> {
  const listed: BaseJob[] = [];
  for await (const job of client.jobs.list({ expand_tasks: true })) listed.push(job);
  const managed: BaseJob[] = [];
  const unmanaged: UnmanagedJob[] = [];
  for (const job of listed) {
    const key = managedKey(job.settings?.tags as Record<string, unknown> | undefined, owner);
    if (key !== undefined) {
      if (!opts.keys || opts.keys.has(key)) managed.push(job);
    } else unmanaged.push({ jobId: idToString(job.job_id), settings: { name: job.settings?.name, tags: job.settings?.tags }, permissions: [] });
  }
  const jobs = await mapLimit(managed, opts.concurrency ?? 8, async (job) => {
    const read = await readJob(client, job);
    return { ...read, key: managedKey(read.settings.tags as Record<string, unknown>, owner) as string };
  });
  // Untagged jobs that jobform.yaml `adopt:` gives to a key without a managed job are read in full and
  // counted as managed under that key: the plan updates them (adding the tags) and apply needs their ids.
  const keysManaged = new Set(jobs.map((j) => j.key));
  const adoptKey = new Map(Object.entries(opts.adopt ?? {}).filter(([key]) => !keysManaged.has(key) && (!opts.keys || opts.keys.has(key))).map(([key, id]) => [id, key]));
  const toAdopt = listed.filter((j) => adoptKey.has(idToString(j.job_id)) && ((j.settings?.tags ?? {}) as Record<string, unknown>)[PROJECT_TAG] === undefined);
  const adopted = await mapLimit(toAdopt, opts.concurrency ?? 8, async (job) => ({ ...(await readJob(client, job)), key: adoptKey.get(idToString(job.job_id)) as string, adopting: true as const }));
  const adoptedIds = new Set(adopted.map((j) => j.jobId));
  return { managed: [...jobs, ...adopted], unmanaged: unmanaged.filter((u) => !adoptedIds.has(u.jobId)), listed };
}
