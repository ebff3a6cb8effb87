// How task results roll up into the run's result (API-NOTES §4 runs/get; sdk-go RunResultState docs):
// a failed task makes the run INTERNAL_ERROR/FAILED with "Task <key> failed with message: …", unless
// every leaf task still succeeded, which is SUCCESS_WITH_FAILURES.
import type { Ending, RunRecord, TaskRun } from "./model.js";
import { latestByKey } from "./model.js";
import { asArray } from "../job-settings.js";
import { SUCCESS, canceled, classify } from "./endings.js";

function leaves(latest: Map<string, TaskRun>): TaskRun[] {
  const upstream = new Set<string>();
  for (const t of latest.values()) for (const d of asArray(t.spec.depends_on)) upstream.add(String(d.task_key));
  return [...latest.values()].filter((t) => !upstream.has(t.task_key));
}

const withPeriod = (s: string) => (s.endsWith(".") ? s : `${s}.`);

export function rollup(run: RunRecord): Ending {
  if (run.skipped) return run.skipped;
  if (run.cancel?.reason === "user") return canceled(true);
  if (run.cancel?.reason === "timeout") {
    // wording ours.
    return { life: "TERMINATED", result: "TIMEDOUT", message: `Run timed out after ${String(run.settings.timeout_seconds)} seconds.`, code: "CANCELED", type: "CLIENT_ERROR", byUser: true };
  }
  const latest = latestByKey(run.tasks);
  const bad = [...latest.values()].filter((t) => t.ending.result !== "UPSTREAM_FAILED" && t.ending.result !== "UPSTREAM_CANCELED" && classify(t.ending.result) !== "success" && classify(t.ending.result) !== "skipped");
  if (bad.length === 0) return SUCCESS;
  const leafResults = leaves(latest).map((t) => classify(t.ending.result));
  if (leafResults.includes("success") && leafResults.every((c) => c === "success" || c === "skipped"))
    return { life: "TERMINATED", result: "SUCCESS_WITH_FAILURES", message: "", code: "SUCCESS_WITH_FAILURES", type: "SUCCESS" };
  const first = bad[0] as TaskRun;
  // Recorded ending when tasks were skipped because of it (issue #12, difference 8).
  const skippedBelow = [...latest.values()].some((t) => t.ending.result === "UPSTREAM_FAILED");
  const message = `Task ${first.task_key} failed with message: ${withPeriod(first.ending.message)}${skippedBelow ? " This caused all downstream tasks to get skipped." : ""}`;
  if (first.ending.result === "CANCELED") return { ...canceled(false), message };
  if (first.ending.result === "TIMEDOUT") return { life: "TERMINATED", result: "TIMEDOUT", message, code: first.ending.code, type: first.ending.type, byUser: true };
  return { life: "INTERNAL_ERROR", result: "FAILED", message, code: first.ending.code, type: first.ending.type };
}
