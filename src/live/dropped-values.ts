// Values the workspace dropped: it accepts an enum value it does not know with 200 and forgets it (issue
// #12, difference 2), so without memory every plan would propose the same change again. Apply's
// convergence check records such values in a workspace file next to the apply locks; plan reads it and
// leaves the field out (with a note saying why) for as long as git still asks for the same value.
import type { IgnoreRule } from "../core/ignore.js";
import type { DesiredJob } from "../core/resolve.js";
import type { DatabricksClient } from "../databricks/index.js";

export const DROPPED_DIR = "/Shared/.jobform/dropped";
/** Only enum-shaped values are recorded: the file is readable by every workspace user. */
export const ENUM_LIKE = /^[A-Z][A-Z0-9_]*$/;
const TOP_LEVEL = /^\/([^/]+)$/;

/** job key → top-level field pointer → the value git sent that the workspace did not keep. */
export type DroppedValues = Record<string, Record<string, string>>;

export interface Dropped {
  key: string;
  path: string;
  value: string;
}

function droppedPath(project: string, target: string | undefined): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${DROPPED_DIR}/${safe(project)}${target ? `-${safe(target)}` : ""}.json`;
}

/** The recorded values; none when the file is missing or unreadable (the plan then shows the diff). */
export async function readDropped(client: DatabricksClient, project: string, target: string | undefined): Promise<DroppedValues> {
  try {
    const parsed: unknown = JSON.parse((await client.workspace.exportBytes(droppedPath(project, target), "AUTO")).toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as DroppedValues) : {};
  } catch {
    return {};
  }
}

/** Merges newly dropped values into the record. Best effort: a failed write only costs a repeated diff. */
export async function recordDropped(client: DatabricksClient, project: string, target: string | undefined, found: readonly Dropped[]): Promise<void> {
  const entries = found.filter((d) => TOP_LEVEL.test(d.path) && ENUM_LIKE.test(d.value));
  if (entries.length === 0) return;
  try {
    const record = await readDropped(client, project, target);
    for (const d of entries) (record[d.key] ??= {})[d.path] = d.value;
    await client.workspace.mkdirs(DROPPED_DIR);
    const content = Buffer.from(JSON.stringify(record, null, 2)).toString("base64");
    await client.workspace.import({ path: droppedPath(project, target), content, format: "AUTO", overwrite: true });
  } catch {
    // Nothing to undo: the next apply reports the field again and retries the record.
  }
}

/** Ignore rules for recorded values git still sets unchanged; a changed value in git is planned again. */
export function droppedRules(record: DroppedValues, jobs: readonly DesiredJob[]): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const job of jobs) {
    for (const [path, value] of Object.entries(record[job.key] ?? {})) {
      const field = TOP_LEVEL.exec(path)?.[1];
      if (field === undefined || job.document[field] !== value) continue;
      rules.push({ path, jobs: [job.key], reason: `the workspace dropped ${value} at the last apply (a value it does not know); not sent again until git changes it` });
    }
  }
  return rules;
}
