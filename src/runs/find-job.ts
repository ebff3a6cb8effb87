/**
 * The deployed job behind a project key, found by the ownership tags (never by name: names are not
 * unique). A plain jobs/list read, without the permissions GET that plan's reader makes: running a job
 * needs only CAN_MANAGE_RUN, and a user with just that may not be allowed to read the job's ACL.
 */
import { idToString } from "../lib/json.js";
import type { BaseJob, Job } from "../databricks/index.js";
import { UserError } from "../cli/errors.js";
import type { RunsIo } from "./io.js";
import { ownerOf, targetSettings } from "../core/deployment.js";
import { ownershipOf } from "../core/ownership.js";
import type { Owner } from "../core/ownership.js";

export interface FoundJob {
  job: Job;
  key: string;
}

/** The deployment whose job a run command means: in development mode, the caller's own copy. */
export async function runOwner(io: Pick<RunsIo, "host" | "whoAmI">, resolved: { project: Record<string, unknown> | undefined; projectName: string | undefined; target: string | undefined }): Promise<Owner> {
  const development = targetSettings(resolved.project, resolved.target).mode === "development";
  const user = !development ? "" : io.whoAmI ? await io.whoAmI() : undefined;
  return ownerOf(resolved.project, resolved.projectName ?? "", resolved.target, io.host, user);
}

/** `localKeys`: the project's jobs/ keys, so a key that exists only in git gets "not deployed yet". */
export async function findManagedJob(io: Pick<RunsIo, "jobs">, owner: Owner, key: string, localKeys: readonly string[]): Promise<FoundJob> {
  const found: BaseJob[] = [];
  for await (const job of io.jobs.list({ expand_tasks: true })) {
    const o = ownershipOf((job.settings?.tags ?? {}) as Record<string, unknown>, owner);
    if (o.kind === "managed" && o.key === key) found.push(job);
  }
  if (found.length > 1) throw new UserError(`job ${key} is deployed more than once (job ids ${found.map((j) => idToString(j.job_id)).join(", ")}); remove the extra job, or run jobform plan to see the duplicates`);
  const job = found[0];
  if (!job) {
    if (localKeys.includes(key)) throw new UserError(`job ${key} is not deployed yet: run jobform apply`);
    throw new UserError(`no job "${key}" in jobs/ or in the workspace (project ${owner.project}; known: ${[...localKeys].sort().join(", ") || "none"})`);
  }
  // jobs/list cuts tasks and parameters at 100; the whole definition is needed to check --only and --param.
  return { job: job.has_more ? await io.jobs.get(job.job_id) : job, key };
}
