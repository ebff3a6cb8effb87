import { idToString } from "../../lib/json.js";
import { mintIdempotencyToken } from "../idempotency.js";
import { collect, getAllArrayPages, paginate } from "../paginate.js";
import type { Requester } from "../paginate.js";
import type { GetRunRequest, Id, ListRunsRequest, ListRunsResponse, RepairRunRequest, Run, RunOutput, SubmitRunRequest } from "../types.js";

const BASE = "/api/2.2/jobs/runs";
const RUN_ARRAYS = ["tasks", "job_clusters", "job_parameters", "repair_history", "iterations"] as const;

export class RunsApi {
  constructor(private readonly client: Requester) {}

  /** Safe to retry: the token (given or minted here) makes the workspace start exactly one run. */
  submit(request: SubmitRunRequest): Promise<{ run_id: Id }> {
    const body = { ...request, idempotency_token: request.idempotency_token ?? mintIdempotencyToken() };
    return this.client.request("POST", `${BASE}/submit`, { body });
  }

  /** The whole run with every page of its tasks, clusters, parameters, repairs and iterations. */
  get(runId: Id, request: GetRunRequest = {}, options: { signal?: AbortSignal } = {}): Promise<Run> {
    return getAllArrayPages<Run>(
      (page_token) => this.client.request("GET", `${BASE}/get`, { query: { run_id: idToString(runId), ...request, page_token }, signal: options.signal }),
      RUN_ARRAYS,
    );
  }

  /** Output of one task run (a multi-task parent run is refused by the API). */
  getOutput(runId: Id): Promise<RunOutput> {
    return this.client.request("GET", `${BASE}/get-output`, { query: { run_id: idToString(runId) } });
  }

  list(request: ListRunsRequest = {}): AsyncGenerator<Run> {
    const query = { limit: 25, ...request, job_id: request.job_id === undefined ? undefined : idToString(request.job_id) };
    return paginate<ListRunsResponse, Run>(
      (page_token) => this.client.request("GET", `${BASE}/list`, { query: { ...query, page_token } }),
      (page) => page.runs,
    );
  }

  /** At most `max` runs, newest first, without reading further pages than needed. */
  async listSome(request: ListRunsRequest, max: number): Promise<Run[]> {
    const out: Run[] = [];
    if (max <= 0) return out;
    for await (const run of this.list({ ...request, limit: Math.min(25, request.limit ?? 25, max) })) {
      out.push(run);
      if (out.length >= max) break;
    }
    return out;
  }

  listAll(request: ListRunsRequest = {}): Promise<Run[]> {
    return collect(this.list(request));
  }

  cancel(runId: Id): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/cancel`, { body: { run_id: runId } });
  }

  cancelAll(request: { job_id?: Id; all_queued_runs?: boolean }): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/cancel-all`, { body: request });
  }

  /** Not idempotent; `latest_repair_id` makes a repeated repair fail rather than run twice. */
  repair(request: RepairRunRequest): Promise<{ repair_id: Id }> {
    return this.client.request("POST", `${BASE}/repair`, { body: request });
  }

  delete(runId: Id): Promise<Record<string, never>> {
    return this.client.request("POST", `${BASE}/delete`, { body: { run_id: runId } });
  }
}
