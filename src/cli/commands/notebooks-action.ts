// `jobform notebooks import`: what it does, loaded when it runs (registered in notebooks.ts).
import type { Command } from "commander";
import { isNotFound } from "../../databricks/index.js";
import { importNotebooks } from "../../notebooks/import.js";
import { renderImport } from "../../notebooks/import-report.js";
import { ExitCode, UserError } from "../errors.js";
import { globals } from "../globals.js";
import { openClient } from "../workspace.js";
import type { ImportFlags, NotebooksCommandDeps } from "./notebooks.js";

export async function importNotebooksCommand(flags: ImportFlags, cmd: Command, deps: NotebooksCommandDeps): Promise<void> {
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
}
