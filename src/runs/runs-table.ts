/**
 * `jobform runs list`: one row per run, newest first, as runs/list returns them. Pure; the JSON form
 * keeps ids as the API's int64 values (bigint beyond 2^53) so scripts get them exactly.
 */
import { idToString } from "../lib/json.js";
import type { Id, Run } from "../databricks/index.js";
import { formatDuration } from "../lib/duration.js";
import { runOutcome } from "../run-watch/state.js";
import type { Phase } from "../run-watch/state.js";
import { statusLabel } from "../run-watch/state-label.js";
import { renderTable } from "../render/text-table.js";
import { epochOf, formatTimestamp } from "./timestamps.js";

export interface RunSummary {
  run_id: Id;
  job_id?: Id;
  job: string;
  /** Life cycle (PENDING, RUNNING, TERMINATED, …) as the API has it. */
  state: string;
  result?: string;
  /** The Jobs UI's word for state and result together ("Failed", "Succeeded with failures"). */
  status: string;
  phase: Phase;
  start_time?: number;
  duration_ms?: number;
  trigger?: string;
  run_page_url?: string;
}

/** Duration so far for an active run (from `now`), the whole run for a finished one. */
export function runDurationMs(run: Run, now: number): number | undefined {
  const start = epochOf(run.start_time);
  if (start === undefined) return undefined;
  const end = epochOf(run.end_time) ?? (runOutcome(run).phase === "running" ? now : undefined);
  return end === undefined ? undefined : Math.max(0, end - start);
}

export function summarizeRun(run: Run, now: number, jobName?: string): RunSummary {
  const o = runOutcome(run);
  const s: RunSummary = { run_id: run.run_id, job: jobName ?? run.run_name ?? (run.job_id === undefined ? "" : idToString(run.job_id)), state: o.lifeCycle, status: statusLabel(o), phase: o.phase };
  if (run.job_id !== undefined) s.job_id = run.job_id;
  if (o.result) s.result = o.result;
  const start = epochOf(run.start_time);
  if (start !== undefined) s.start_time = start;
  const d = runDurationMs(run, now);
  if (d !== undefined) s.duration_ms = d;
  if (typeof run.trigger === "string") s.trigger = run.trigger;
  if (run.run_page_url) s.run_page_url = run.run_page_url;
  return s;
}

export function renderRunsTable(runs: readonly RunSummary[]): string[] {
  if (runs.length === 0) return ["no runs"];
  return renderTable(
    [{ header: "RUN ID" }, { header: "JOB" }, { header: "STATUS" }, { header: "START" }, { header: "DURATION", align: "right" }, { header: "TRIGGER" }],
    runs.map((r) => [
      idToString(r.run_id),
      r.job,
      r.status,
      formatTimestamp(r.start_time),
      r.duration_ms === undefined ? "-" : formatDuration(r.duration_ms),
      r.trigger ?? "-",
    ]),
  );
}
