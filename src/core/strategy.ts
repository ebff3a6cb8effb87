// Which settings call apply makes for an update (API-NOTES §4): jobs/update when the change can be said
// exactly — changed top-level fields replaced wholesale, tasks and job clusters merged by key, removals
// through fields_to_remove — otherwise jobs/reset with the whole definition.
import { pointerSegments } from "./pointer.js";
import type { FieldChange, JobChange, UpdateRequest } from "./plan-types.js";

/** jobs/update merges these lists by key; every other top-level field is replaced wholesale. */
const MERGED_BY_KEY = ["tasks", "job_clusters"] as const;

export function chooseStrategy(fields: readonly FieldChange[], desired: Readonly<Record<string, unknown>>): Pick<JobChange, "strategy" | "strategy_reason" | "update"> {
  if (fields.length === 0) return { strategy: "none" };
  const update: UpdateRequest = { fields: [], tasks: [], job_clusters: [], fields_to_remove: [] };
  const add = (list: string[], v: string) => list.includes(v) || list.push(v);
  for (const change of fields) {
    const [top, item] = pointerSegments(change.path) as [string, string | undefined];
    const merged = MERGED_BY_KEY.find((m) => m === top);
    const present = desired[top] !== undefined;
    if (merged && item !== undefined) {
      const items = desired[top] as Record<string, unknown> | undefined;
      if (items?.[item] !== undefined) add(update[merged], item);
      else add(update.fields_to_remove, `${top}/${item}`);
    } else if (present) {
      add(update.fields, top);
    } else if (change.after !== undefined) {
      // Absent from the definition yet the server gives it a value (e.g. queue re-enabled, timeout 0):
      // fields_to_remove is not documented to restore defaults, reset is (§4 jobs/reset).
      return { strategy: "reset", strategy_reason: `${top} goes back to its server default` };
    } else {
      add(update.fields_to_remove, top);
    }
  }
  for (const list of Object.values(update)) list.sort();
  return { strategy: "update", update };
}
