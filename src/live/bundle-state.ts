// The deployment state an Asset Bundle keeps in the workspace under `${workspace.root_path}/state`
// (PEERS.md: DABs state lives in the workspace; `deployment.metadata_file_path` names its metadata.json).
// Read only: jobform never writes a bundle's state. A file that is missing or unreadable is skipped, and
// a bundle without readable state is matched by name instead (core/bundle-adopt.ts).
import { BUNDLE_STATE_FILES, bundleStateJobIds } from "../core/bundle-adopt.js";
import { ApiError } from "../databricks/index.js";
import type { DatabricksClient } from "../databricks/index.js";

export interface BundleState {
  /** The state file the ids came from, or undefined when none could be read. */
  file?: string;
  /** Resource key → job id. */
  ids: Map<string, string>;
}

/** The bundle state under one root path: the first state file that names jobs. */
export async function readBundleState(client: DatabricksClient, rootPath: string): Promise<BundleState> {
  for (const name of BUNDLE_STATE_FILES) {
    const file = `${rootPath.replace(/\/$/, "")}/state/${name}`;
    let text: string;
    try {
      text = (await client.workspace.exportBytes(file)).toString("utf8");
    } catch (e) {
      // Not there (another engine's file), or not readable with these credentials: try the next one.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) continue;
      throw e;
    }
    const ids = bundleStateJobIds(name, text);
    if (ids.size > 0) return { file, ids };
  }
  return { ids: new Map() };
}

/** The state of each bundle root, read once per root. */
export async function readBundleStates(client: DatabricksClient, roots: Iterable<string>): Promise<Map<string, BundleState>> {
  const out = new Map<string, BundleState>();
  for (const root of [...new Set(roots)].sort()) out.set(root, await readBundleState(client, root));
  return out;
}
