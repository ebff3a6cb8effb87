import { idToString } from "../../lib/json.js";
import { mintIdempotencyToken } from "../idempotency.js";
import { collect, getAllArrayPages, paginate } from "../paginate.js";
import type { Requester } from "../paginate.js";
import type { BaseJob, CreateJobRequest, Id, Job, JobSettings, ListJobsRequest, ListJobsResponse, RunNowRequest, UpdateJobRequest } from "../types.js";

const BASE = "/api/2.2/jobs";
const JOB_ARRAYS = ["tasks", "job_clusters", "parameters", "environments"] as const;

export class JobsApi {
  constructor(private readonly client: Requester) {}

  /** Not idempotent: a lost answer surfaces as AmbiguousWriteError; look the job up by its tags. */
  create(settings: CreateJobRequest): Promise<{ job_id: Id }> {
    return this.client.request("POST", `${BASE}/create`, { body: settings });
  }

  /** The whole job, every page of its tasks, clusters, parameters and environments. */
  get(jobId: Id, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return getAllArrayPages<Job>(
      (page_token) => this.client.request("GET", `${BASE}/get`, { query: { job_id: idToString(jobId), page_token }, signal: options.signal }),
      JOB_ARRAYS,
      (job) => job.settings,
    );
  }

  /** Every job, following next_page_token at the maximum page size. */
  list(request: ListJobsRequest = {}): AsyncGenerator<BaseJob> {
    return paginate<ListJobsResponse, BaseJob>(
      (page_token) => this.client.request("GET", `${BASE}/list`, { query: { limit: 100, ...request, page_token } }),
      (page) => page.jobs,
    );
  }

  listAll(request: ListJobsRequest = {}): Promise<BaseJob[]> {
    return collect(this.list(request));
  }

  reset(jobId: Id, newSettings: JobSettings): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/reset`, { body: { job_id: jobId, new_settings: newSettings } });
  }

  update(request: UpdateJobRequest): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/update`, { body: request });
  }

  delete(jobId: Id): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/delete`, { body: { job_id: jobId } });
  }

  /** Safe to retry: the token (given or minted here) makes the workspace start exactly one run. */
  runNow(request: RunNowRequest): Promise<{ run_id: Id; number_in_job?: Id }> {
    const body = { ...request, idempotency_token: request.idempotency_token ?? mintIdempotencyToken() };
    return this.client.request("POST", `${BASE}/run-now`, { body });
  }
}
