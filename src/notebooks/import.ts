/**
 * `jobform notebooks import`: walk the workspace, export each notebook, read its widgets, and write one
 * notebooks/<name>.yaml per notebook (or, with --as-jobs, a jobs/<key>.yaml scaffold). Re-import
 * updates the existing files in place through buildDefinition, so the user's edits survive.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { WorkspaceApi } from "../databricks/index.js";
import { editorSchemaRef } from "../cli/schema-home.js";
import { mapLimit } from "../lib/map-limit.js";
import { assignNames, buildDefinition, buildJobScaffold } from "./definition.js";
import type { DefinitionChange } from "./definition.js";
import { readExisting } from "./existing.js";
import { exportNotebook } from "./export-notebook.js";
import { walkWorkspace } from "./walk.js";
import { parseWidgets } from "./widgets.js";
import type { NotebookFormat, WidgetReport } from "./widget-types.js";

export type ImportStatus = "new" | "updated" | "unchanged" | "kept" | "failed";

export interface NotebookImport {
  path: string;
  /** Project-relative file, e.g. notebooks/load.yaml. */
  file: string;
  status: ImportStatus;
  format?: NotebookFormat;
  report?: WidgetReport;
  changes: DefinitionChange[];
  error?: string;
}

export interface ImportResult {
  notebooks: NotebookImport[];
  skipped: Record<string, number>;
}

export interface ImportOptions {
  workspace: Pick<WorkspaceApi, "list" | "exportBytes">;
  /** Workspace folder to walk. */
  root: string;
  /** Project root; a relative `out` is relative to it. */
  dir: string;
  /** Folder for the files, e.g. "notebooks" (or "jobs" with asJobs). */
  out: string;
  asJobs: boolean;
  /** Exports in flight at once; workspace export is rate-limited per workspace. */
  concurrency?: number;
}

import { DEFAULT_IMPORT_CONCURRENCY } from "./import-defaults.js";

export { DEFAULT_IMPORT_CONCURRENCY };

export async function importNotebooks(opts: ImportOptions): Promise<ImportResult> {
  const concurrency = opts.concurrency ?? DEFAULT_IMPORT_CONCURRENCY;
  const { notebooks, skipped } = await walkWorkspace(opts.workspace, opts.root, concurrency);
  // An absolute `out` is that folder; resolve, unlike join, does not put it under the project.
  const folder = resolve(opts.dir, opts.out);
  const existing = readExisting(folder);
  const fresh = notebooks.map((n) => n.path).filter((p) => !existing.byPath.has(p));
  const names = assignNames(fresh, new Set(existing.stems));
  const rel = (fileName: string) => `${opts.out.replace(/\/+$/, "")}/${fileName}`;
  const schemaRef = editorSchemaRef(folder, opts.dir, opts.asJobs ? "job" : "notebook");
  let madeFolder = false;
  const write = (fileName: string, text: string) => {
    if (!madeFolder) mkdirSync(folder, { recursive: true });
    madeFolder = true;
    writeFileSync(join(folder, fileName), text);
  };

  const results = await mapLimit(notebooks, concurrency, async (info): Promise<NotebookImport> => {
    const prior = existing.byPath.get(info.path);
    const fileName = prior?.fileName ?? `${names.get(info.path) as string}.yaml`;
    const result: NotebookImport = { path: info.path, file: rel(fileName), status: "new", changes: [] };
    try {
      if (opts.asJobs && prior) {
        // A job file is the user's from the moment it exists: a scaffold never overwrites one.
        result.status = "kept";
      } else {
        const exported = await exportNotebook(opts.workspace, info);
        const report = parseWidgets(exported.text, exported.format, exported.language);
        result.format = exported.format;
        result.report = report;
        if (opts.asJobs) write(fileName, buildJobScaffold(info.path, report, schemaRef));
        else {
          const built = buildDefinition(info.path, report, prior?.text, schemaRef);
          result.changes = built.changes;
          if (built.error) {
            result.status = "failed";
            result.error = `${result.file} was left as it is: ${built.error}`;
          } else if (prior && built.text === prior.text) result.status = "unchanged";
          else {
            write(fileName, built.text);
            result.status = prior ? "updated" : "new";
          }
        }
      }
    } catch (e) {
      result.status = "failed";
      result.error = (e as Error).message;
    }
    return result;
  });
  return { notebooks: results, skipped };
}
