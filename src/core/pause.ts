import { isMap, isSeq, parseDocument } from "yaml";

export type PauseStatus = "PAUSED" | "UNPAUSED";

/** The settings a job starts from; each carries its own pause_status (API-NOTES §2.1). */
const STARTERS = ["schedule", "trigger", "continuous"] as const;

export interface PauseEdit {
  text: string;
  /** Pointers of the pause_status fields written, e.g. `/schedule/pause_status`. */
  changed: string[];
  /** Top-level fields whose pause_status is set: what a jobs/update must carry. */
  fields: string[];
}

/**
 * Sets pause_status on every way the job starts (schedule, trigger, continuous, each triggers[] entry) in the
 * job file's YAML text, keeping comments and layout. Returns undefined when the job has nothing to pause.
 */
export function setPauseStatus(text: string, status: PauseStatus): PauseEdit | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const changed: string[] = [];
  const fields: string[] = [];
  for (const key of STARTERS) {
    const node = doc.get(key, true);
    if (!isMap(node)) continue;
    if (node.get("pause_status") !== status) changed.push(`/${key}/pause_status`);
    node.set("pause_status", status);
    fields.push(key);
  }
  const triggers = doc.get("triggers", true);
  if (isSeq(triggers)) {
    triggers.items.forEach((item, i) => {
      if (!isMap(item)) return;
      if (item.get("pause_status") !== status) changed.push(`/triggers/${i}/pause_status`);
      item.set("pause_status", status);
    });
    if (triggers.items.length > 0) fields.push("triggers");
  }
  if (fields.length === 0) return undefined;
  return { text: doc.toString(), changed, fields };
}
