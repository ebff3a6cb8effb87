/**
 * What a watch prints as a run moves: one line whenever the run or one of its task runs changes state.
 * Keyed by task run id, so a retry or a repair of the same task key shows as its own line instead of
 * hiding behind the first attempt's state. Pure: the caller keeps the map between polls.
 */
import { idToString } from "../lib/json.js";
import type { Run } from "../databricks/index.js";
import { runOutcome, stateOutcome } from "../run-watch/state.js";
import { repairIndex } from "./timeline.js";
import { statusLabel } from "../run-watch/state-label.js";

export type SeenStates = Map<string, string>;

const RUN_KEY = "run";

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The lines for what changed since `seen` (which is updated), run first, tasks in the API's order. */
export function progressLines(run: Run, seen: SeenStates): string[] {
  const lines: string[] = [];
  const runState = statusLabel(runOutcome(run));
  if (seen.get(RUN_KEY) !== runState) {
    seen.set(RUN_KEY, runState);
    lines.push(`run ${runState}`);
  }
  const repairs = repairIndex(run);
  for (const task of run.tasks ?? []) {
    const outcome = stateOutcome(task.state, task.status as Run["status"]);
    const label = statusLabel(outcome);
    const id = task.run_id === undefined ? `key:${task.task_key}` : idToString(task.run_id);
    if (seen.get(id) === label) continue;
    seen.set(id, label);
    const attempt = typeof task.attempt_number === "number" && task.attempt_number > 0 ? ` (retry ${task.attempt_number})` : "";
    const repair = task.run_id !== undefined && repairs.has(idToString(task.run_id)) ? ` (repair ${repairs.get(idToString(task.run_id))})` : "";
    const why = outcome.phase === "failed" && outcome.message ? `: ${oneLine(outcome.message)}` : "";
    lines.push(`task ${task.task_key}${attempt}${repair} ${label}${why}`);
  }
  return lines;
}
