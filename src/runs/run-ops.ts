/**
 * `runs get | cancel | repair | output` on one run id: read the run, act, say what happened. The views
 * are the pure modules beside this one; the watching is follow.ts.
 */
import { idFromString, idToString } from "../lib/json.js";
import { isNotFound } from "../databricks/index.js";
import type { Id, Run } from "../databricks/index.js";
import { UserError } from "../cli/errors.js";
import { EXIT, exitCodeFor, runOutcome, stateOutcome, succeededWithFailures } from "../run-watch/state.js";
import { formatDuration } from "../lib/duration.js";
import { runPageUrl } from "../run-watch/url.js";
import { followRun, repairHint } from "./follow.js";
import type { FollowOptions } from "./follow.js";
import type { RunsIo } from "./io.js";
import { latestTaskRuns } from "../run-watch/latest-attempts.js";
import { taskOutput } from "./output-view.js";
import type { TaskOutput } from "./output-view.js";
import { buildRepair } from "./repair-request.js";
import type { RepairChoice } from "./repair-request.js";
import { summarizeRun } from "./runs-table.js";
import type { RunSummary } from "./runs-table.js";
import { describeStatus, rawStateWord, statusLabel } from "../run-watch/state-label.js";
import { progressLines } from "./task-progress.js";
import type { SeenStates } from "./task-progress.js";
import { renderTimeline, timelineRows } from "./timeline.js";
import type { IterationCounts } from "./timeline.js";
import { formatTimestamp } from "./timestamps.js";

/** RUN_ID as typed: digits only, kept exact beyond 2^53. */
export function parseRunId(text: string): Id {
  if (!/^\d{1,20}$/.test(text.trim())) throw new UserError(`RUN_ID ${text}: expected the run's numeric id`);
  return idFromString(text.trim());
}

/** runs/get, with the API's "Run … does not exist" (a 400, not a 404) turned into one plain line. */
export async function readRun(io: Pick<RunsIo, "runs">, runId: Id): Promise<Run> {
  try {
    return await io.runs.get(runId, { include_history: true });
  } catch (e) {
    if (isNotFound(e)) throw new UserError(`run ${idToString(runId)} does not exist (or you may not view it); runs are kept for 60 days`);
    throw e;
  }
}

/** One timeline row in `--format json`: snake_case like the API, the task run id exact. */
export interface TaskRunView {
  task_key: string;
  run_id?: Id;
  attempt: number;
  repair: number;
  state: string;
  status: string;
  phase: string;
  start_offset_ms?: number;
  duration_ms?: number;
  iterations?: IterationCounts;
}

export interface RunView extends RunSummary {
  tasks: TaskRunView[];
}

export function runView(run: Run, now: number): RunView {
  const tasks = timelineRows(run, now).map((r) => {
    const t: TaskRunView = { task_key: r.taskKey, attempt: r.attempt, repair: r.repair, state: r.state, status: r.status, phase: r.phase };
    if (r.runId !== undefined) t.run_id = idFromString(r.runId);
    if (r.startOffsetMs !== undefined) t.start_offset_ms = r.startOffsetMs;
    if (r.durationMs !== undefined) t.duration_ms = r.durationMs;
    if (r.iterations) t.iterations = r.iterations;
    return t;
  });
  return { ...summarizeRun(run, now), tasks };
}

export function renderRunHeader(run: Run, url: string, now: number): string[] {
  const s = summarizeRun(run, now);
  const o = runOutcome(run);
  const job = run.job_id === undefined ? "" : ` (job ${idToString(run.job_id)})`;
  const lines = [`Run ${idToString(run.run_id)}: ${s.job}${job}`, `status:   ${describeStatus(o)}`];
  const when = [`started:  ${formatTimestamp(s.start_time)}`];
  if (s.duration_ms !== undefined) when.push(`duration: ${formatDuration(s.duration_ms)}`);
  if (s.trigger) when.push(`trigger: ${s.trigger}`);
  lines.push(when.join("   "));
  const repairs = (run.repair_history ?? []).filter((r) => r.type === "REPAIR").length;
  if (repairs > 0) lines.push(`repairs:  ${repairs}`);
  lines.push(`url:      ${url}`);
  return lines;
}

/** `runs get`: header and timeline; with `watch`, a run still going is followed to its end like `run`. */
export async function showRun(runId: Id, io: RunsIo, opts: { watch: boolean } & Omit<FollowOptions, "url" | "first" | "seen">): Promise<number> {
  const run = await readRun(io, runId);
  const url = runPageUrl(io.host, runId, run.run_page_url);
  const now = io.wallNow();
  for (const line of renderRunHeader(run, url, now)) io.out(line);
  const o = runOutcome(run);
  if (opts.watch && o.phase === "running") {
    const seen: SeenStates = new Map();
    progressLines(run, seen);
    for (const line of renderTimeline(timelineRows(run, now))) io.out(line);
    return followRun(runId, io, { ...opts, url, first: run, seen });
  }
  for (const line of renderTimeline(timelineRows(run, now))) io.out(line);
  const partial = succeededWithFailures(o);
  if (o.phase === "failed" || partial) {
    io.err(`hint: the errors and traces: jobform runs output ${idToString(runId)}`);
    io.err(repairHint(runId));
  }
  if (!opts.watch || o.phase === "running") return EXIT.success;
  return partial && opts.failOnTaskFailure ? EXIT.failed : exitCodeFor(o.phase);
}

/** `runs cancel`: idempotent; a finished run is left alone and the user is told how it had ended. */
export async function cancelRun(runId: Id, io: RunsIo): Promise<number> {
  const run = await readRun(io, runId);
  const o = runOutcome(run);
  const id = idToString(runId);
  if (o.phase !== "running") {
    io.out(`Run ${id} had already finished (${describeStatus(o)}); nothing to cancel`);
    return EXIT.success;
  }
  await io.runs.cancel(runId);
  // Cancellation is asynchronous: the run shows TERMINATING, then ends as CANCELED.
  io.out(`Cancel requested for run ${id} (it was ${statusLabel(o)}); it ends as Canceled shortly`);
  return EXIT.success;
}

/** `runs repair`: reruns the chosen or all failed tasks; followed to the end unless told not to wait. */
export async function repairRun(runId: Id, choice: RepairChoice, io: RunsIo, opts: { wait: boolean } & Omit<FollowOptions, "url" | "first" | "seen">): Promise<number> {
  const run = await readRun(io, runId);
  const id = idToString(runId);
  const o = runOutcome(run);
  if (o.phase === "running") throw new UserError(`run ${id} is still ${o.lifeCycle}; only a finished run can be repaired (wait for it, or jobform runs cancel ${id})`);
  const built = buildRepair(run, choice);
  if (built.error !== undefined) throw new UserError(built.error);
  const { repair_id: repairId } = await io.runs.repair(built.request);
  const url = runPageUrl(io.host, runId, run.run_page_url);
  const what = built.request.rerun_all_failed_tasks ? "all failed tasks" : `${(built.request.rerun_tasks ?? []).join(", ")} and the tasks that depend on them`;
  io.out(`Repair ${idToString(repairId)} of run ${id} started (${what}): ${url}`);
  if (!opts.wait) return EXIT.success;
  // The run as it was is the baseline: only the repair's own task runs and the run's new state are news.
  const seen: SeenStates = new Map();
  progressLines(run, seen);
  return followRun(runId, io, { ...opts, url, seen });
}

/** `runs output`: every task's output (newest attempt per task), or the one task run asked for. */
export async function runOutputs(runId: Id, io: RunsIo): Promise<TaskOutput[]> {
  const run = await readRun(io, runId);
  // A task run id answers runs/get as that task alone (with its task_key and no tasks[]).
  const targets = run.tasks && run.tasks.length > 0 ? latestTaskRuns(run) : typeof run.task_key === "string" ? [{ ...run, task_key: run.task_key, run_id: run.run_id }] : [];
  const out: TaskOutput[] = [];
  for (const task of targets) {
    if (task.run_id === undefined) continue;
    const outcome = stateOutcome(task.state, task.status as Run["status"]);
    const base = { task_key: task.task_key, run_id: task.run_id, attempt: typeof task.attempt_number === "number" ? task.attempt_number : 0, state: rawStateWord(outcome), status: statusLabel(outcome) };
    try {
      out.push(taskOutput(base, await io.runs.getOutput(task.run_id)));
    } catch (e) {
      out.push({ ...base, output_error: (e as Error).message });
    }
  }
  return out;
}

