import type { Command } from "commander";
import { isNotFound } from "../../databricks/index.js";
import type { DatabricksClient } from "../../databricks/index.js";
import { DEFAULT_IMPORT_CONCURRENCY, importNotebooks } from "../../notebooks/import.js";
import { renderImport } from "../../notebooks/import-report.js";
import { ExitCode, UserError } from "../errors.js";
import { globals, examples } from "../globals.js";
import { openClient } from "../workspace.js";

export interface NotebooksCommandDeps {
  openClient?: (cmd: Command) => Promise<DatabricksClient>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

interface ImportFlags {
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
    .action(async (flags: ImportFlags, cmd: Command) => {
      const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
      const g = globals(cmd);
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserError(`--concurrency ${flags.concurrency}: expected a whole number from 1 to 64`);
      if (!flags.path.startsWith("/")) throw new UserError(`--path ${flags.path}: a workspace path starts with "/"`);
      const asJobs = flags.asJobs === true;
      const folder = (flags.out ?? (asJobs ? "jobs" : "notebooks")).replace(/\/+$/, "") || ".";
      const client = await (deps.openClient ?? openClient)(cmd);
      try {
        const result = await importNotebooks({ workspace: client.workspace, root: flags.path, dir: g.dir, out: folder, asJobs, concurrency }).catch((e: unknown) => {
          if (isNotFound(e)) throw new UserError(`--path ${flags.path} does not exist in the workspace (or you cannot read it)`);
          throw e;
        });
        const report = renderImport(result, { verbose: g.verbose, asJobs });
        out(report.lines.map((l) => `${l}\n`).join(""));
        if (report.failed > 0) throw new ExitCode(1);
      } finally {
        await client.close();
      }
    });
}
