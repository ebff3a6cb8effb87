// `jobform jobs list`: what it does, loaded when it runs (registered in jobs.ts).
import type { Command } from "commander";
import { renderJobsTable } from "../../runs/jobs-table.js";
import { printJson, withRunsIo } from "../../runs/command-io.js";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { listJobs } from "../../runs/list-ops.js";
import { projectNameIn } from "../../runs/project-name.js";
import { formatOption, globals } from "../globals.js";
import type { JobsListFlags } from "./jobs.js";

export async function listJobsCommand(flags: JobsListFlags, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const format = formatOption(cmd, ["text", "json"], "text");
  const project = projectNameIn(globals(cmd).dir);
  await withRunsIo(cmd, deps, async (io) => {
    const found = await listJobs(io, project, { tags: flags.tag, owner: flags.owner, status: flags.status, search: flags.search });
    if (format === "json") printJson(io, found);
    else for (const line of renderJobsTable(found, { wide: flags.wide === true })) io.out(line);
  });
}
