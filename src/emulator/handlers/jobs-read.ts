// jobs/get and jobs/list: the read side of the Jobs API, including 2.2's pagination of a single job's
// arrays at 100 elements (API-NOTES §1, §4).
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Json, Workspace } from "../state.js";
import { invalid, jobNotFound } from "../errors.js";
import { renderJob } from "../job-settings.js";
import { requireView, callerRank, VIEW } from "../acl.js";
import { boolParam, decodePageToken, encodePageToken, idField } from "../request-fields.js";

export const PAGE = 100;
const PAGED_ARRAYS = ["tasks", "job_clusters", "parameters", "environments"];
/** Without expand_tasks, list items carry only summary settings. */
const EXPANDED_ONLY = ["tasks", "job_clusters"];

/** One page of a job: each array sliced at the offset; arrays already complete come back empty (omitted). */
export function pageOfJob(job: Json, offset: number): Json {
  const settings = { ...(job.settings as Json) };
  let more = false;
  for (const key of PAGED_ARRAYS) {
    const arr = settings[key];
    if (!Array.isArray(arr)) continue;
    const slice = arr.slice(offset, offset + PAGE);
    if (slice.length === 0) delete settings[key];
    else settings[key] = slice;
    if (arr.length > offset + PAGE) more = true;
  }
  const out: Json = { ...job, settings };
  if (more) {
    out.has_more = true;
    out.next_page_token = encodePageToken(offset + PAGE);
  }
  return out;
}

export function getJob(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = idField(req.query.get("job_id") ?? undefined, "job_id");
  requireView(ws, id, req.caller);
  const rec = ws.jobs.get(id);
  if (!rec) throw jobNotFound(id);
  const job = renderJob(rec, ws);
  // 2.1 and older return every element at once; only 2.2 pages a single job's arrays.
  if (req.apiVersion !== "2.2") return { status: 200, body: job };
  return { status: 200, body: pageOfJob(job, decodePageToken(req.query.get("page_token"))) };
}

function listLimit(q: URLSearchParams): number {
  const raw = q.get("limit");
  if (raw === null || raw === "") return 20;
  const n = Number(raw);
  // wording ours: the range 1..100 is documented, the message is not recorded.
  if (!Number.isInteger(n) || n < 0 || n > 100) throw invalid(`The limit must be between 1 and 100, got ${raw}.`);
  return n === 0 ? 20 : n;
}

function listItem(job: Json, expand: boolean): Json {
  const settings = { ...(job.settings as Json) };
  const item: Json = { job_id: job.job_id, creator_user_name: job.creator_user_name, created_time: job.created_time, settings };
  if (!expand) {
    for (const k of EXPANDED_ONLY) delete settings[k];
    return item;
  }
  let more = false;
  for (const k of PAGED_ARRAYS) {
    const arr = settings[k];
    if (Array.isArray(arr) && arr.length > PAGE) {
      settings[k] = arr.slice(0, PAGE);
      more = true;
    }
  }
  // Expanded items are cut at 100 elements and flagged; the SDKs then call jobs/get (sdk-go mixin).
  if (more) item.has_more = true;
  return item;
}

export function listJobs(req: EmuRequest, ws: Workspace): EmuResponse {
  const q = req.query;
  const limit = listLimit(q);
  const start = q.has("page_token") ? decodePageToken(q.get("page_token")) : Number(q.get("offset") ?? 0) || 0;
  const name = q.get("name")?.toLowerCase();
  const expand = boolParam(q, "expand_tasks");
  const admin = ws.isAdmin(req.caller);
  const matches = [];
  // Map order is creation order, i.e. ascending job_id: stable pages without sorting per request.
  for (const rec of ws.jobs.values()) {
    if (name !== undefined && String(rec.settings.name ?? "").toLowerCase() !== name) continue;
    if (!admin && callerRank(ws, rec.id, req.caller) < VIEW) continue;
    matches.push(rec);
  }
  const page = matches.slice(start, start + limit);
  const body: Json = { has_more: start + limit < matches.length };
  // An empty `jobs` list is omitted, like every empty list in responses.
  if (page.length > 0) body.jobs = page.map((rec) => listItem(renderJob(rec, ws), expand));
  if (start + limit < matches.length) body.next_page_token = encodePageToken(start + limit);
  if (start > 0) body.prev_page_token = encodePageToken(Math.max(0, start - limit));
  return { status: 200, body };
}
