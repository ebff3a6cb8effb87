// jobs/runs/repair: rerun chosen or all failed tasks of a finished run with the job's current settings,
// attached to the same run; latest_repair_id gives optimistic concurrency (API-NOTES §4 runs/repair).
import type { EmuRequest, EmuResponse } from "../types.js";
import type { Json, Workspace } from "../state.js";
import type { RunRecord } from "./model.js";
import { ApiFailure, invalid } from "../errors.js";
import { isObject } from "../defaults.js";
import { asArray, renderJob } from "../job-settings.js";
import { bodyObject, idField } from "../request-fields.js";
import { idFromString } from "../../lib/json.js";
import { latestByKey } from "./model.js";
import { now } from "./clock.js";
import { findRun, requireManageRun } from "./access.js";
import { needsRerun } from "./endings.js";
import { planTasks } from "./planner.js";
import { planEnv, resolveParameters, withLegacyParams } from "./start.js";
import { isTerminal, runPhase, stateFields } from "./view.js";
import { rollup } from "./rollup.js";

/** repair_history for include_history=true: the original attempt, then each repair. */
export function repairHistory(run: RunRecord, t: number): Json[] {
  const live = runPhase(run, t);
  const frozen = (ending: RunRecord["original_ending"]) => stateFields(ending ? { life: ending.life, ending } : live);
  const items: Json[] = [
    {
      type: "ORIGINAL",
      start_time: run.created,
      end_time: run.original_end ?? (isTerminal(live.life) ? run.end : 0),
      ...frozen(run.repairs.length > 0 ? run.original_ending : undefined),
      task_run_ids: (run.original_task_run_ids ?? run.tasks.map((x) => x.run_id)).map(idFromString),
    },
  ];
  run.repairs.forEach((r, i) => {
    const last = i === run.repairs.length - 1;
    items.push({
      type: "REPAIR",
      id: idFromString(r.id),
      start_time: r.start,
      end_time: last ? (isTerminal(live.life) ? run.end : 0) : r.end,
      ...frozen(last ? undefined : r.ending),
      task_run_ids: r.task_run_ids.map(idFromString),
    });
  });
  return items;
}

function dependents(specs: Json[], keys: Set<string>): Set<string> {
  const out = new Set(keys);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of specs) {
      const key = String(s.task_key);
      if (!out.has(key) && asArray(s.depends_on).some((d) => out.has(String(d.task_key)))) {
        out.add(key);
        grew = true;
      }
    }
  }
  return out;
}

function chosenKeys(body: Json, run: RunRecord, specs: Json[]): Set<string> {
  const latest = latestByKey(run.tasks);
  let keys: Set<string>;
  if (Array.isArray(body.rerun_tasks) && body.rerun_tasks.length > 0) {
    keys = new Set(body.rerun_tasks.map(String));
    // wording ours.
    for (const k of keys) if (!specs.some((s) => s.task_key === k)) throw invalid(`Task ${k} is not a task of this run.`);
  } else if (body.rerun_all_failed_tasks === true) {
    keys = new Set([...latest.values()].filter((x) => needsRerun(x.ending.result)).map((x) => x.task_key));
  } else throw invalid("Either rerun_tasks or rerun_all_failed_tasks must be set."); // wording ours.
  return body.rerun_dependent_tasks === true ? dependents(specs, keys) : keys;
}

export function repairRun(req: EmuRequest, ws: Workspace): EmuResponse {
  const body = bodyObject(req);
  const runId = idField(body.run_id, "run_id");
  const run = findRun(ws, runId);
  requireManageRun(ws, run.job_id, req);
  const t = now(ws);
  // wording ours.
  if (!isTerminal(runPhase(run, t).life)) throw new ApiFailure(400, "INVALID_STATE", `Run ${runId} is still active; only finished runs can be repaired.`);
  const last = run.repairs[run.repairs.length - 1];
  if (last) {
    if (body.latest_repair_id === undefined) throw invalid("The latest repair ID needs to be provided"); // RUNNER-NOTES §1.8 (sdk-py#157)
    const given = idField(body.latest_repair_id, "latest_repair_id");
    // wording ours.
    if (given !== last.id) throw invalid(`The latest repair ID ${given} does not match the latest repair ${last.id} of run ${runId}.`);
  }
  // Repairs use the job's current task settings when the job still exists.
  const job = ws.jobs.get(run.job_id);
  const settings = job ? (renderJob(job, ws).settings as Json) : {};
  const known = latestByKey(run.tasks);
  const specs = job ? asArray(settings.tasks) : [...known.values()].map((x) => x.spec);
  const keys = chosenKeys(body, run, specs);
  if (body.job_parameters !== undefined && isObject(body.job_parameters))
    run.job_parameters = resolveParameters(settings, { ...Object.fromEntries((run.job_parameters ?? []).map((p) => [p.name, p.value])), ...body.job_parameters });
  const ending = rollup(run);
  if (run.repairs.length === 0) {
    run.original_ending = ending;
    run.original_end = run.end;
    run.original_task_run_ids = run.tasks.map((x) => x.run_id);
  } else if (last) {
    last.ending = ending;
    last.end = run.end;
  }
  const repairId = ws.allocateId();
  delete run.cancel;
  const prior = new Map([...known].filter(([k]) => !keys.has(k)));
  const planned = planTasks(planEnv(ws, run, repairId), withLegacyParams(specs.filter((s) => keys.has(String(s.task_key))), body), t, prior);
  run.end = Math.max(t, ...planned.map((x) => x.end));
  run.repairs.push({ id: repairId, start: t, end: run.end, task_run_ids: planned.map((x) => x.run_id) });
  return { status: 200, body: { repair_id: idFromString(repairId) } };
}
