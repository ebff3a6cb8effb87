/**
 * The jobs/runs/repair body. The service demands the id of the latest repair on every repair after the
 * first (optimistic concurrency: two people repairing the same run cannot both win), and that id is
 * only in runs/get's repair_history, so the caller reads the run with include_history first. Pure.
 */
import { idToString } from "../lib/json.js";
import type { Id, RepairRunRequest, Run } from "../databricks/index.js";
import { failedTasks } from "../run-watch/failure.js";
import { withLatestAttempts } from "../run-watch/latest-attempts.js";

export interface RepairChoice {
  /** Task keys to rerun; their dependents are rerun too, as the UI's "repair" does. */
  tasks: readonly string[];
  allFailed: boolean;
}

export type RepairResult = { request: RepairRunRequest; error?: undefined } | { error: string; request?: undefined };

/** The id of the newest REPAIR entry, when the run was repaired before. */
export function latestRepairId(run: Run): Id | undefined {
  let latest: Id | undefined;
  for (const entry of run.repair_history ?? []) if (entry.type === "REPAIR" && entry.id !== undefined) latest = entry.id;
  return latest;
}

export function buildRepair(run: Run, choice: RepairChoice): RepairResult {
  const runId = idToString(run.run_id);
  if (choice.tasks.length > 0 && choice.allFailed) return { error: "use either --task or --all-failed, not both" };
  if (choice.tasks.length === 0 && !choice.allFailed) return { error: "say what to rerun: --all-failed, or --task KEY (repeatable)" };
  const request: RepairRunRequest = { run_id: run.run_id };
  if (choice.allFailed) {
    if (failedTasks(withLatestAttempts(run)).length === 0) return { error: `run ${runId} has no failed task to repair` };
    request.rerun_all_failed_tasks = true;
  } else {
    const keys = [...new Set((run.tasks ?? []).map((t) => t.task_key))];
    const unknown = choice.tasks.filter((k) => !keys.includes(k));
    if (unknown.length > 0) return { error: `--task ${unknown.join(", ")}: not a task of run ${runId} (its tasks: ${keys.join(", ") || "none"})` };
    request.rerun_tasks = [...new Set(choice.tasks)];
    request.rerun_dependent_tasks = true;
  }
  const latest = latestRepairId(run);
  if (latest !== undefined) request.latest_repair_id = latest;
  return { request };
}
