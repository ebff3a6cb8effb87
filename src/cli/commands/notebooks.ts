// `jobform notebooks import`: the registration only; the action (notebooks-action.ts) loads the HTTP
// client and the importer when it runs.
import type { Command } from "commander";
import type { DatabricksClient } from "../../databricks/index.js";
import { DEFAULT_IMPORT_CONCURRENCY } from "../../notebooks/import-defaults.js";
import { examples } from "../globals.js";

export interface NotebooksCommandDeps {
  openClient?: (cmd: Command) => Promise<DatabricksClient>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export interface ImportFlags {
  path: string;
  out?: string;
  asJobs?: boolean;
  concurrency: string;
}

export function registerNotebooks(program: Command, deps: NotebooksCommandDeps = {}): void {
  const notebooks = program.command("notebooks").description("notebook definitions for `jobform submit`");
  notebooks
    .command("import")
    .description("walk the workspace: one notebooks/<name>.yaml per notebook, parameters from its widgets")
    .addHelpText("after", examples("notebooks import --path /Repos/team/etl", "notebooks import --path /Shared --as-jobs --out jobs/imported"))
    .option("--path <workspace path>", "workspace folder to walk (folders and Git folders are entered)", "/")
    .option("--out <folder>", "where to write: an absolute folder, or one relative to --dir (default: notebooks/, or jobs/ with --as-jobs)")
    .option("--as-jobs", "write a jobs/<key>.yaml scaffold per notebook instead of a definition")
    .option("--concurrency <n>", "exports in flight at once", String(DEFAULT_IMPORT_CONCURRENCY))
    .action(async (flags: ImportFlags, cmd: Command) => (await import("./notebooks-action.js")).importNotebooksCommand(flags, cmd, deps));
}
