/**
 * A run's per-task timeline: one row per task run (retries and repair attempts included) with its
 * offset from the run's start, its duration and a text bar on a shared scale, so a person sees at a
 * glance what ran in parallel, what waited and what took long. Pure: `now` is given for tasks that
 * are still running.
 */
import { idToString } from "../lib/json.js";
import type { Run, RunTask } from "../databricks/index.js";
import { formatDuration } from "../lib/duration.js";
import { stateOutcome } from "../run-watch/state.js";
import type { Phase } from "../run-watch/state.js";
import { rawStateWord, statusLabel } from "../run-watch/state-label.js";
import { renderTable } from "../render/text-table.js";
import { epochOf } from "./timestamps.js";
import { isPlainObject } from "../core/merge.js";

export interface TimelineRow {
  taskKey: string;
  runId?: string;
  /** Retry number within one pass (0 = first try). */
  attempt: number;
  /** 0 for the original run, n for the n-th repair. */
  repair: number;
  /** The API's word (JSON). */
  state: string;
  /** The Jobs UI's word (text). */
  status: string;
  phase: Phase;
  /** Undefined while the task has not started (pending, blocked, or never run after an upstream failure). */
  startOffsetMs?: number;
  durationMs?: number;
  /** A for_each task's iterations so far, from its task_run_stats. */
  iterations?: IterationCounts;
}

export interface IterationCounts {
  total: number;
  completed: number;
  succeeded: number;
  failed: number;
}

export const BAR_WIDTH = 40;
/** Results of tasks that never executed: the API may still stamp a start time on them, but no bar is drawn. */
const NOT_RUN = new Set(["UPSTREAM_FAILED", "UPSTREAM_CANCELED", "EXCLUDED", "DISABLED"]);
/** Bar characters by outcome; a legend under the table explains them. */
export const BAR_MARKS: Record<Phase, string> = { success: "=", failed: "x", cancelled: "~", running: ">" };
export const BAR_LEGEND = "= succeeded  x failed  ~ cancelled/skipped  > running";

/** Task run id → which repair started it, from repair_history (runs/get with include_history). */
export function repairIndex(run: Run): Map<string, number> {
  const out = new Map<string, number>();
  let n = 0;
  for (const entry of run.repair_history ?? []) {
    if (entry.type !== "REPAIR") continue;
    n += 1;
    const ids = Array.isArray(entry.task_run_ids) ? (entry.task_run_ids as unknown[]) : [];
    for (const id of ids) if (typeof id === "number" || typeof id === "bigint" || typeof id === "string") out.set(idToString(id), n);
  }
  return out;
}

function count(stats: Record<string, unknown>, field: string): number {
  const v = stats[field];
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0;
}

/** runs/get puts a for_each task run's counts at for_each_task.stats.task_run_stats. */
export function iterationCounts(task: RunTask): IterationCounts | undefined {
  const fe = task.for_each_task;
  const stats = isPlainObject(fe) && isPlainObject(fe.stats) ? fe.stats.task_run_stats : undefined;
  if (!isPlainObject(stats)) return undefined;
  return { total: count(stats, "total_iterations"), completed: count(stats, "completed_iterations"), succeeded: count(stats, "succeeded_iterations"), failed: count(stats, "failed_iterations") };
}

/** "Running (2/3 iterations)", "Failed (3/3 iterations, 1 failed)". */
export function statusText(row: Pick<TimelineRow, "status" | "iterations">): string {
  const it = row.iterations;
  if (!it) return row.status;
  return `${row.status} (${it.completed}/${it.total} iterations${it.failed > 0 ? `, ${it.failed} failed` : ""})`;
}

function attemptOf(task: RunTask): number {
  const a = task.attempt_number;
  return typeof a === "number" ? a : typeof a === "bigint" ? Number(a) : 0;
}

export function timelineRows(run: Run, now: number): TimelineRow[] {
  const repairs = repairIndex(run);
  const runStart = epochOf(run.start_time);
  const rows = (run.tasks ?? []).map((task, order) => {
    const outcome = stateOutcome(task.state, task.status as Run["status"]);
    const row: TimelineRow = {
      taskKey: task.task_key,
      attempt: attemptOf(task),
      repair: task.run_id === undefined ? 0 : (repairs.get(idToString(task.run_id)) ?? 0),
      state: rawStateWord(outcome),
      status: statusLabel(outcome),
      phase: outcome.phase,
    };
    if (task.run_id !== undefined) row.runId = idToString(task.run_id);
    const iterations = iterationCounts(task);
    if (iterations) row.iterations = iterations;
    const start = epochOf(task.start_time);
    if (start !== undefined && !NOT_RUN.has(outcome.result ?? "")) {
      row.startOffsetMs = runStart === undefined ? 0 : Math.max(0, start - runStart);
      const end = epochOf(task.end_time) ?? (outcome.phase === "running" ? now : start);
      row.durationMs = Math.max(0, end - start);
    }
    return { row, order };
  });
  // Start order shows the DAG's waves; tasks that never started go last in the API's order.
  rows.sort((a, b) => (a.row.startOffsetMs ?? Infinity) - (b.row.startOffsetMs ?? Infinity) || a.row.repair - b.row.repair || a.order - b.order);
  return rows.map((r) => r.row);
}

/** `width` characters: spaces up to the task's start, then at least one mark so even a blink shows. */
export function bar(row: TimelineRow, spanMs: number, width = BAR_WIDTH): string {
  if (row.startOffsetMs === undefined || spanMs <= 0) return " ".repeat(width);
  const from = Math.min(width - 1, Math.floor((row.startOffsetMs / spanMs) * width));
  const length = Math.max(1, Math.min(width - from, Math.round(((row.durationMs ?? 0) / spanMs) * width)));
  return " ".repeat(from) + BAR_MARKS[row.phase].repeat(length) + " ".repeat(width - from - length);
}

function attemptText(row: TimelineRow): string {
  const parts = [String(row.attempt)];
  if (row.repair > 0) parts.push(`repair ${row.repair}`);
  return parts.join(" ");
}

/** The table lines, then the scale and the legend; an empty list says so instead of drawing nothing. */
export function renderTimeline(rows: readonly TimelineRow[], width = BAR_WIDTH): string[] {
  if (rows.length === 0) return ["(no task has been scheduled yet)"];
  const span = Math.max(0, ...rows.map((r) => (r.startOffsetMs ?? 0) + (r.durationMs ?? 0)));
  const table = renderTable(
    [{ header: "TASK" }, { header: "ATTEMPT" }, { header: "STATUS" }, { header: "START", align: "right" }, { header: "DURATION", align: "right" }, { header: "TIMELINE" }],
    rows.map((r) => [
      r.taskKey,
      attemptText(r),
      statusText(r),
      r.startOffsetMs === undefined ? "-" : `+${formatDuration(r.startOffsetMs)}`,
      r.durationMs === undefined ? "-" : formatDuration(r.durationMs),
      `|${bar(r, span, width)}|`,
    ]),
  );
  return [...table, `scale: ${width} columns = ${formatDuration(span)}; ${BAR_LEGEND}`];
}
