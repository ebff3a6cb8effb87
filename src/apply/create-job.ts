// jobs/create has no idempotency token: when its answer is lost the job may or may not exist. Before
// creating again, look for it by jobform's tags, so a retry never leaves two jobs with the same tags.
import { managedKey } from "../core/ownership.js";
import type { Owner } from "../core/ownership.js";
import { AmbiguousWriteError } from "../databricks/errors.js";
import type { DatabricksClient } from "../databricks/index.js";
import type { JobSettings } from "../databricks/types.js";
import { idToString } from "../lib/json.js";

/** Ids of the jobs carrying this deployment's tags for `key`, lowest first (never a legacy job: a create writes the deployment tag). */
export async function findByTags(client: Pick<DatabricksClient, "jobs">, project: Owner | string, key: string): Promise<string[]> {
  const owner = typeof project === "string" ? project : { project: project.project, deployment: project.deployment };
  const out: string[] = [];
  for await (const job of client.jobs.list()) {
    if (managedKey(job.settings?.tags as Record<string, unknown> | undefined, owner) === key) out.push(idToString(job.job_id));
  }
  return out.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

/**
 * Creates the job and returns its id; after a lost answer, the job found by its tags is the one created.
 * Gives up (rethrowing the ambiguity) after `attempts` lost answers rather than loop against a sick service.
 */
export async function createJob(client: Pick<DatabricksClient, "jobs">, settings: Record<string, unknown>, who: { project: string; deployment?: string; key: string }, attempts = 3): Promise<{ jobId: string; recovered: boolean }> {
  for (let i = 1; ; i++) {
    try {
      const answer = await client.jobs.create(settings as JobSettings);
      return { jobId: idToString(answer.job_id), recovered: i > 1 };
    } catch (e) {
      if (!(e instanceof AmbiguousWriteError)) throw e;
      const found = await findByTags(client, who, who.key);
      if (found[0] !== undefined) return { jobId: found[0], recovered: true };
      if (i >= attempts) throw e;
    }
  }
}
