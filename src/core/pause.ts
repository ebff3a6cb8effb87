import { isMap, isSeq, parseDocument } from "yaml";
import type { Node } from "yaml";
import { addEntries, applySplices, pairOf, setScalar } from "./yaml-edit.js";
import type { Splice } from "./yaml-edit.js";

export type PauseStatus = "PAUSED" | "UNPAUSED";

/** The settings a job starts from; each carries its own pause_status (API-NOTES §2.1). */
export const STARTERS = ["schedule", "trigger", "continuous"] as const;

export interface PauseEdit {
  text: string;
  /** Pointers of the pause_status fields written, e.g. `/schedule/pause_status`. */
  changed: string[];
  /** Top-level fields whose pause_status is set: what a jobs/update must carry. */
  fields: string[];
}

/**
 * Sets pause_status on every way the job starts (schedule, trigger, continuous, each triggers[] entry) in the
 * job file's YAML text: only the pause_status values (or the added keys) differ, every other byte stays.
 * Returns undefined when the job has nothing to pause.
 */
export function setPauseStatus(text: string, status: PauseStatus): PauseEdit | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const changed: string[] = [];
  const fields: string[] = [];
  const splices: Splice[] = [];
  const set = (node: unknown, pointer: string) => {
    if (!isMap(node)) return false;
    const current = pairOf(node, "pause_status");
    if (current?.value && (current.value as Node & { value?: unknown }).value === status) return true;
    splices.push(...(current?.value ? setScalar(text, current.value, status) : [addEntries(text, node, [["pause_status", status]])]));
    changed.push(pointer);
    return true;
  };
  for (const key of STARTERS) if (set(doc.get(key, true), `/${key}/pause_status`)) fields.push(key);
  const triggers = doc.get("triggers", true);
  if (isSeq(triggers)) {
    triggers.items.forEach((item, i) => set(item, `/triggers/${i}/pause_status`));
    if (triggers.items.length > 0) fields.push("triggers");
  }
  if (fields.length === 0) return undefined;
  return { text: applySplices(text, splices), changed, fields };
}
