/**
 * `runs list` and `jobs list`: the reads behind the two tables. jobs list spends one runs/list
 * (limit 1) per job it shows, with a few in flight at once, and only after the filters that need no
 * run history have dropped what they can.
 */
import type { Id } from "../databricks/index.js";
import { mapLimit } from "../lib/map-limit.js";
import type { RunsIo } from "./io.js";
import { matchesStatic, matchesStatus, summarizeJob } from "./jobs-table.js";
import type { JobFilters, JobSummary } from "./jobs-table.js";
import { summarizeRun } from "./runs-table.js";
import type { RunSummary } from "./runs-table.js";

/** Calls in flight for the last-run lookups: fast for hundreds of jobs, far under the runs/list rate limit. */
export const LAST_RUN_CONCURRENCY = 8;

export async function listRuns(io: Pick<RunsIo, "runs" | "wallNow">, opts: { jobId?: Id; limit: number; active: boolean }): Promise<RunSummary[]> {
  const request = { ...(opts.jobId === undefined ? {} : { job_id: opts.jobId }), ...(opts.active ? { active_only: true } : {}) };
  const runs = await io.runs.listSome(request, opts.limit);
  const now = io.wallNow();
  return runs.map((r) => summarizeRun(r, now));
}

export async function listJobs(io: Pick<RunsIo, "jobs" | "runs">, project: string | undefined, filters: JobFilters): Promise<JobSummary[]> {
  const kept = [];
  for await (const job of io.jobs.list({ expand_tasks: true })) if (matchesStatic(job, filters)) kept.push(job);
  const summaries = await mapLimit(kept, LAST_RUN_CONCURRENCY, async (job) => {
    const [last] = await io.runs.listSome({ job_id: job.job_id }, 1);
    return summarizeJob(job, project, last);
  });
  return summaries.filter((s) => matchesStatus(s, filters.status)).sort((a, b) => a.name.localeCompare(b.name) || compareIds(a.job_id, b.job_id));
}

function compareIds(a: Id, b: Id): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
