// jobs/run-now and jobs/runs/submit: validation, idempotency tokens (same token ⇒ same run), and the
// start of the run.
import { withPolicies } from "../cluster-policy-enforce.js";
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Json, Workspace } from "../state.js";
import { invalid, jobNotFound } from "../errors.js";
import { isObject } from "../defaults.js";
import { asArray, pruneEmpty } from "../job-settings.js";
import { parseGrants } from "../acl.js";
import { validateSettings } from "../validate.js";
import { bodyObject, idField } from "../request-fields.js";
import { idFromString } from "../../lib/json.js";
import { getRun, putToken, tokenKey, tokenRun, type RunRecord } from "./model.js";
import { now } from "./clock.js";
import { requireManageRun } from "./access.js";
import { startJobRun, startSubmitRun } from "./start.js";
import { legacyTask } from "../legacy-task.js";

const MAX_TOKEN = 64;

function token(body: Json): string | undefined {
  const t = body.idempotency_token;
  if (t === undefined || t === null || t === "") return undefined;
  if (typeof t !== "string") throw invalid("idempotency_token must be a string");
  // wording ours: the 64-character limit is documented (sdk-go RunNow/SubmitRun), the message is not recorded.
  if (t.length > MAX_TOKEN) throw invalid(`The idempotency_token must be at most ${MAX_TOKEN} characters long, got ${t.length}.`);
  return t;
}

/** A resent token returns the run it started; a token whose run was deleted stays reserved (cli PR #5882). */
function existing(ws: Workspace, key: string | undefined): RunRecord | undefined {
  if (key === undefined) return undefined;
  const id = tokenRun(ws, key);
  if (id === undefined) return undefined;
  const run = getRun(ws, id);
  // wording ours.
  if (!run) throw invalid(`The run started with this idempotency_token (${id}) was deleted; use a new idempotency_token.`);
  return run;
}

function onlyKeys(body: Json, settings: Json): string[] | undefined {
  if (body.only === undefined) return undefined;
  if (!Array.isArray(body.only)) throw invalid("only must be a list of task keys");
  const keys = new Set(asArray(settings.tasks).map((t) => String(t.task_key)));
  const out = body.only.map(String);
  // wording ours.
  for (const k of out) if (!keys.has(k)) throw invalid(`Task key ${k} in 'only' is not a task of this job.`);
  return out;
}

export function runNow(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const jobId = idField(body.job_id, "job_id");
  requireManageRun(ws, jobId, req);
  const rec = ws.jobs.get(jobId);
  if (!rec) throw jobNotFound(jobId);
  const tok = token(body);
  const key = tok === undefined ? undefined : tokenKey(`job:${jobId}`, tok);
  let run = existing(ws, key);
  if (!run) {
    if (body.job_parameters !== undefined && !isObject(body.job_parameters)) throw invalid("job_parameters must be a map of strings");
    const opts: Parameters<typeof startJobRun>[2] = { at: now(ws), trigger: "ONE_TIME", creator: req.caller?.name ?? "anonymous", params: body };
    const only = onlyKeys(body, rec.settings);
    if (only) opts.only = only;
    if (isObject(body.queue) && typeof body.queue.enabled === "boolean") opts.queue = body.queue.enabled;
    run = startJobRun(ws, rec, opts);
    if (key !== undefined) putToken(ws, key, run.run_id);
  }
  const id = idFromString(run.run_id);
  return { status: 200, body: { run_id: id, number_in_job: id } };
}

export function submitRun(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const tok = token(body);
  const key = tok === undefined ? undefined : tokenKey("submit", tok);
  let run = existing(ws, key);
  if (!run) {
    const single = legacyTask(body);
    const tasks = single ? [single] : asArray(body.tasks);
    // wording ours.
    if (tasks.length === 0) throw invalid("A run must have at least one task: set tasks.");
    // Submitted tasks obey the same rules as a saved job's (dependency graph, git_source, clusters).
    validateSettings((pruneEmpty(structuredClone({ tasks, git_source: body.git_source })) as Json | undefined) ?? {});
    const grants = parseGrants(ws, body.access_control_list);
    run = startSubmitRun(ws, withPolicies(ws, single ? { ...body, tasks } : body), now(ws), req.caller?.name ?? "anonymous", grants, single !== undefined);
    if (key !== undefined) putToken(ws, key, run.run_id);
  }
  return { status: 200, body: { run_id: idFromString(run.run_id) } };
}
