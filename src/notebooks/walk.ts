/**
 * Every notebook under a workspace folder. workspace/list is not recursive, and Git folders come
 * back as REPO objects that the SDKs' recursive helpers do not enter, so both DIRECTORY and REPO
 * are descended. Folders are listed a level at a time with a bounded number of calls in flight.
 */
import type { ObjectInfo, WorkspaceApi } from "../databricks/index.js";
import { mapLimit } from "../lib/map-limit.js";

export type WorkspaceLister = Pick<WorkspaceApi, "list">;

export interface WalkResult {
  /** Sorted by path, so names and output do not depend on listing order. */
  notebooks: ObjectInfo[];
  /** Objects that are not notebooks, counted by object_type (FILE, LIBRARY, DASHBOARD, …). */
  skipped: Record<string, number>;
}

const CONTAINERS = new Set(["DIRECTORY", "REPO"]);

export async function walkWorkspace(ws: WorkspaceLister, root: string, concurrency = 8): Promise<WalkResult> {
  const notebooks: ObjectInfo[] = [];
  const skipped: Record<string, number> = {};
  const seen = new Set<string>([root]);
  let level = [root];
  while (level.length > 0) {
    const listings = await mapLimit(level, concurrency, (path) => ws.list(path));
    const next: string[] = [];
    for (const objects of listings) {
      for (const o of objects) {
        const type = o.object_type ?? "UNKNOWN";
        if (type === "NOTEBOOK") {
          if (!seen.has(`nb:${o.path}`)) notebooks.push(o);
          seen.add(`nb:${o.path}`);
        } else if (CONTAINERS.has(type)) {
          // Listing a path can answer with the object itself; never list the same folder twice.
          if (!seen.has(o.path)) next.push(o.path);
          seen.add(o.path);
        } else skipped[type] = (skipped[type] ?? 0) + 1;
      }
    }
    level = next;
  }
  notebooks.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { notebooks, skipped };
}
