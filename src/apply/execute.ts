// Carries out a plan: creates in dependency order (so `${jobs.<key>.id}` resolves to real ids), then
// updates, then deletes. Each job stands alone — one failing does not stop the others — except that a
// job whose reference could not be resolved (its target failed to create) is not sent at all.
import { rulesForJob, keepLiveValues } from "../core/ignore.js";
import type { IgnoreRule } from "../core/ignore.js";
import { jobRefsOf, dependencyOrder } from "../core/job-refs.js";
import type { JobChange, Plan } from "../core/plan-types.js";
import type { DesiredJob } from "../core/resolve.js";
import { ApiError, isNotFound } from "../databricks/errors.js";
import type { DatabricksClient } from "../databricks/index.js";
import { idFromString } from "../lib/json.js";
import { mapLimit } from "../lib/map-limit.js";
import { createJob } from "./create-job.js";
import { jobSettings, resetSettings, updateBody } from "./payloads.js";
import { aclRequest, lockoutReason, ownerOf } from "./permissions.js";
import type { Deployer } from "./permissions.js";

export type Outcome = "created" | "updated" | "reset" | "deleted" | "unchanged" | "failed";

export interface JobResult {
  key: string;
  outcome: Outcome;
  name?: string;
  job_id?: string;
  /** What was sent (`jobs/update`, `jobs/reset + permissions`), or why it failed. */
  detail?: string;
}

export interface ExecuteInput {
  client: Pick<DatabricksClient, "jobs" | "permissions">;
  project: string;
  /** The target's deployment, written into every job's ownership tags. */
  deployment?: string;
  plan: Plan;
  desired: readonly DesiredJob[];
  /** Ids of every managed job read, including those outside the plan's `--job` scope. */
  liveIds: ReadonlyMap<string, string>;
  deployer: Deployer;
  allowLockout: boolean;
  /** jobform.yaml `ignore:`: on updates these paths keep the workspace's value (from `liveSettings`). */
  ignore?: readonly IgnoreRule[];
  /** The jobs/get settings of each managed job by key, as read for the plan (API shape). */
  liveSettings?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** A reason to stop writing (the lock was lost); checked before each write. */
  stopReason?: () => string | undefined;
  concurrency?: number;
  /** Progress lines for the terminal. */
  log?: (line: string) => void;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${e.errorCode ? `${e.errorCode}: ` : ""}${e.message} (${e.method} ${e.path})`;
  return e instanceof Error ? e.message : String(e);
}

class JobFailure extends Error {}

export async function executePlan(input: ExecuteInput): Promise<JobResult[]> {
  const { client, plan } = input;
  const ids = new Map(input.liveIds);
  const failed = new Set<string>();
  const docs = new Map(input.desired.map((d) => [d.key, d.document]));
  const results = new Map<string, JobResult>();
  const log = input.log ?? (() => undefined);

  const settingsOf = (key: string) => {
    const document = docs.get(key) ?? {};
    const missing = jobRefsOf(document).filter((k) => !ids.has(k));
    if (missing.length) throw new JobFailure(`not sent: it runs ${missing.map((k) => `job ${k}${failed.has(k) ? " (failed to be created)" : " (no id yet)"}`).join(", ")}`);
    return jobSettings(document, { project: input.project, deployment: input.deployment, key, ids });
  };
  // jobs/update replaces a top-level field wholesale and jobs/reset the whole job: a body that carries an
  // operator-owned path carries the workspace's value there, or the write would revert the operator.
  const keepOwned = (key: string, settings: Record<string, unknown>) => {
    const rules = rulesForJob(input.ignore ?? [], key);
    const live = input.liveSettings?.get(key);
    return rules.length && live ? keepLiveValues(settings, live, rules) : settings;
  };
  const acl = (key: string) => {
    const request = aclRequest(docs.get(key)?.permissions, input.deployer.name);
    const reason = input.allowLockout ? undefined : lockoutReason(request, input.deployer);
    if (reason) throw new JobFailure(`not sent: ${reason}`);
    return request;
  };
  // A write after the lock was lost could undo the apply that took it over.
  const fence = () => {
    const stop = input.stopReason?.();
    if (stop) throw new JobFailure(`stopped before writing: ${stop}`);
  };
  const run = async (change: JobChange, work: () => Promise<Omit<JobResult, "key">>) => {
    const base = { key: change.key, name: change.name, job_id: change.job_id };
    const stop = input.stopReason?.();
    try {
      if (stop) throw new JobFailure(`not attempted: ${stop}`);
      const r = await work();
      results.set(change.key, { ...base, ...r });
    } catch (e) {
      failed.add(change.key);
      const jobId = (e as { jobId?: string }).jobId ?? change.job_id;
      results.set(change.key, { ...base, job_id: jobId, outcome: "failed", detail: errorText(e) });
    }
    const r = results.get(change.key) as JobResult;
    log(`${r.outcome.padEnd(9)} ${change.key}${r.job_id ? ` (job ${r.job_id})` : ""}${r.detail && r.outcome === "failed" ? `: ${r.detail}` : ""}`);
  };

  const byKey = new Map(plan.changes.map((c) => [c.key, c]));
  const creates = plan.changes.filter((c) => c.action === "create");
  const order = dependencyOrder(
    creates.map((c) => c.key),
    (k) => jobRefsOf(docs.get(k) ?? {}),
  );
  const createOne = (key: string) =>
    run(byKey.get(key) as JobChange, async () => {
      const settings = settingsOf(key);
      const request = acl(key);
      const made = await createJob(client, settings, { project: input.project, deployment: input.deployment, key });
      ids.set(key, made.jobId);
      try {
        fence();
        await client.permissions.setJob(idFromString(made.jobId), request);
      } catch (e) {
        throw Object.assign(new JobFailure(`job ${made.jobId} was created, but its permissions were not set: ${errorText(e)}`), { jobId: made.jobId });
      }
      return { outcome: "created", job_id: made.jobId, detail: made.recovered ? "jobs/create (answer lost; found by its tags) + permissions" : "jobs/create + permissions" };
    });
  // Creates go level by level: a job is sent once every job it runs has an id, and the jobs of one level
  // (most of them, usually) are created side by side — on a real workspace each create costs a round trip.
  const pending = new Set(order);
  while (pending.size > 0) {
    const level = order.filter((k) => pending.has(k) && jobRefsOf(docs.get(k) ?? {}).every((r) => !pending.has(r)));
    const batch = level.length > 0 ? level : [...pending];
    await mapLimit(batch, input.concurrency ?? 8, createOne);
    for (const k of batch) pending.delete(k);
  }

  const updates = plan.changes.filter((c) => c.action === "update");
  await mapLimit(updates, input.concurrency ?? 8, (change) =>
    run(change, async () => {
      const jobId = idFromString(change.job_id as string);
      const settings = keepOwned(change.key, settingsOf(change.key));
      const request = change.permissions_put ? acl(change.key) : undefined;
      const sent: string[] = [];
      fence();
      if (change.strategy === "reset") {
        const owner = ownerOf(docs.get(change.key)?.permissions, input.deployer.name);
        await client.jobs.reset(jobId, resetSettings(settings, owner));
        sent.push("jobs/reset");
      } else if (change.strategy === "update" && change.update) {
        await client.jobs.update({ job_id: jobId, ...updateBody(settings, change.update) });
        sent.push("jobs/update");
      }
      if (request) {
        fence();
        await client.permissions.setJob(jobId, request);
        sent.push("permissions");
      }
      return { outcome: change.strategy === "reset" ? "reset" : "updated", detail: sent.join(" + ") };
    }),
  );

  for (const change of plan.changes.filter((c) => c.action === "delete")) {
    await run(change, async () => {
      try {
        await client.jobs.delete(idFromString(change.job_id as string));
      } catch (e) {
        // Deletes are retried after a lost answer; the retry then finds the job already gone.
        if (!isNotFound(e)) throw e;
      }
      return { outcome: "deleted", detail: "jobs/delete" };
    });
  }
  for (const change of plan.changes.filter((c) => c.action === "no-op")) results.set(change.key, { key: change.key, name: change.name, job_id: change.job_id, outcome: "unchanged" });
  return plan.changes.map((c) => results.get(c.key) as JobResult);
}
