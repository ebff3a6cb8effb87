// jobs/runs/get, jobs/runs/get-output and jobs/runs/list.
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Json, Workspace } from "../state.js";
import { invalid } from "../errors.js";
import { callerRank, VIEW } from "../acl.js";
import { boolParam, decodePageToken, encodePageToken, idField } from "../request-fields.js";
import { allRuns, everyTaskRun } from "./model.js";
import { idFromString } from "../../lib/json.js";
import { now } from "./clock.js";
import { findRun, hostOf, requireRunView } from "./access.js";
import { isTerminal, renderRun, renderTaskAsRun, runPhase } from "./view.js";
import { repairHistory } from "./repair.js";

const PAGE = 100;
const PAGED = ["tasks", "job_parameters", "repair_history", "iterations"];

/** 2.2 pages a run's arrays at 100 with a root next_page_token; complete arrays are empty on later pages. */
function pageOf(run: Json, offset: number): Json {
  const out: Json = { ...run };
  let more = false;
  for (const k of PAGED) {
    const arr = out[k];
    if (!Array.isArray(arr)) continue;
    const slice = arr.slice(offset, offset + PAGE);
    if (slice.length > 0) out[k] = slice;
    else delete out[k];
    if (arr.length > offset + PAGE) more = true;
  }
  if (more) {
    out.has_more = true;
    out.next_page_token = encodePageToken(offset + PAGE);
  }
  return out;
}

export function getRunHandler(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = idField(req.query.get("run_id") ?? undefined, "run_id");
  const run = findRun(ws, id);
  requireRunView(ws, run, req);
  const t = now(ws);
  const task = run.run_id === id ? undefined : everyTaskRun(run).find((x) => x.run_id === id);
  if (task && task.created > t) throw invalid(`Run ${id} does not exist.`);
  const body = task ? renderTaskAsRun(run, task, t, hostOf(req)) : renderRun(run, t, hostOf(req));
  if (!task && boolParam(req.query, "include_history")) body.repair_history = repairHistory(run, t);
  if (req.apiVersion !== "2.2") return { status: 200, body };
  return { status: 200, body: pageOf(body, decodePageToken(req.query.get("page_token"))) };
}

const MULTI_TASK_OUTPUT = "Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.";

export function getOutput(req: EmuRequest, ws: Workspace): EmuResponse {
  const id = idField(req.query.get("run_id") ?? undefined, "run_id");
  const run = findRun(ws, id);
  requireRunView(ws, run, req);
  const t = now(ws);
  // Only task runs have output, whatever the number of tasks (API-NOTES §4 get-output).
  const task = everyTaskRun(run).find((x) => x.run_id === id && x.created <= t);
  if (!task) throw invalid(MULTI_TASK_OUTPUT);
  const metadata = renderTaskAsRun(run, task, t, hostOf(req));
  const body: Json = { metadata };
  const done = t >= task.end && t >= task.start && t >= run.start;
  if (!done) return { status: 200, body };
  if (task.output) Object.assign(body, structuredClone(task.output));
  // Stored as decimal text (the store is plain JSON); the wire carries ids as int64 numbers.
  if (task.child_run_id !== undefined) body.run_job_output = { run_id: idFromString(task.child_run_id) };
  if (task.ending.error !== undefined) body.error = task.ending.error;
  if (task.ending.errorTrace !== undefined) body.error_trace = task.ending.errorTrace;
  return { status: 200, body };
}

const RUN_TYPES = new Set(["JOB_RUN", "SUBMIT_RUN", "WORKFLOW_RUN"]);

function limitOf(q: URLSearchParams): number {
  const raw = q.get("limit");
  if (raw === null || raw === "") return 20;
  const n = Number(raw);
  // wording ours: 1..25 (0 means the maximum) is documented, the message is not recorded.
  if (!Number.isInteger(n) || n < 0 || n > 25) throw invalid(`The limit must be between 1 and 25, got ${raw}.`);
  return n === 0 ? 25 : n;
}

function timeParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw invalid(`Invalid value for ${name}: ${raw}`);
  return n;
}

export function listRuns(req: EmuRequest, ws: Workspace): EmuResponse {
  const q = req.query;
  const limit = limitOf(q);
  const activeOnly = boolParam(q, "active_only");
  const completedOnly = boolParam(q, "completed_only");
  // wording ours.
  if (activeOnly && completedOnly) throw invalid("active_only and completed_only cannot both be true.");
  const runType = q.get("run_type");
  if (runType !== null && runType !== "" && !RUN_TYPES.has(runType)) throw invalid(`Invalid run_type: ${runType}`);
  const jobId = q.get("job_id") ? idField(q.get("job_id"), "job_id") : undefined;
  const from = timeParam(q, "start_time_from");
  const to = timeParam(q, "start_time_to");
  const t = now(ws);
  const admin = ws.isAdmin(req.caller);
  const matches = allRuns(ws).filter((r) => {
    if (r.created > t) return false;
    if (jobId !== undefined && r.job_id !== jobId) return false;
    if (runType && r.run_type !== runType) return false;
    if (from !== undefined && r.created < from) return false;
    if (to !== undefined && r.created > to) return false;
    const done = isTerminal(runPhase(r, t).life);
    if ((activeOnly && done) || (completedOnly && !done)) return false;
    return admin || callerRank(ws, r.job_id, req.caller) >= VIEW;
  });
  // Most recent first; run ids break ties so pages are stable.
  matches.sort((a, b) => b.created - a.created || (BigInt(b.run_id) > BigInt(a.run_id) ? 1 : -1));
  const start = q.has("page_token") ? decodePageToken(q.get("page_token")) : Number(q.get("offset") ?? 0) || 0;
  const page = matches.slice(start, start + limit);
  const more = start + limit < matches.length;
  const body: Json = { has_more: more };
  const expand = boolParam(q, "expand_tasks");
  if (page.length > 0) body.runs = page.map((r) => renderRun(r, t, hostOf(req), expand));
  if (more) body.next_page_token = encodePageToken(start + limit);
  if (start > 0) body.prev_page_token = encodePageToken(Math.max(0, start - limit));
  return { status: 200, body };
}
