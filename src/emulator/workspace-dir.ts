// --workspace-dir: mirror a local folder into the tree at start, so runs and exports see the user's
// notebooks. Files are classified like a workspace/import with format AUTO (header line ⇒ notebook).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Workspace } from "./state.js";
import { mkdirs, putObject } from "./workspace-tree.js";
import { planImport } from "./handlers/workspace.js";

export function mirrorDirectory(ws: Workspace, dir: string, into = "/"): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const local = join(dir, entry.name);
    const remote = into === "/" ? `/${entry.name}` : `${into}/${entry.name}`;
    if (entry.isDirectory()) {
      mkdirs(ws, remote);
      count += mirrorDirectory(ws, local, remote);
    } else if (entry.isFile()) {
      putObject(ws, planImport(remote, "AUTO", undefined, readFileSync(local)), true);
      count += 1;
    }
  }
  return count;
}
