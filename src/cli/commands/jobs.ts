import type { Command } from "commander";
import { STATUS_WORDS, renderJobsTable } from "../../runs/jobs-table.js";
import { printJson, withRunsIo } from "../../runs/command-io.js";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { listJobs } from "../../runs/list-ops.js";
import { projectNameIn } from "../../runs/project-name.js";
import { collect, formatOption, globals } from "../globals.js";

interface JobsListFlags {
  tag: string[];
  owner?: string;
  status?: string;
  search?: string;
}

export function registerJobs(program: Command, deps: RunsCommandDeps = {}): void {
  const jobs = program.command("jobs").description("jobs in the workspace");
  jobs
    .command("list")
    .description("every job: tasks, last run and its status, trigger, creator, tags, and whether this project manages it")
    .option("--tag <k=v>", "only jobs with this tag (k=v, or k for any value; repeatable, all must match)", collect, [])
    .option("--owner <user>", "only jobs created by (or running as) this user")
    .option("--status <status>", `only jobs whose last run is ${STATUS_WORDS.join(", ")}, or has this state (FAILED, TIMEDOUT, …)`)
    .option("--search <text>", "only jobs whose name, id or project key contains this text")
    .action(async (flags: JobsListFlags, cmd: Command) => {
      const format = formatOption(cmd, ["text", "json"], "text");
      const project = projectNameIn(globals(cmd).dir);
      await withRunsIo(cmd, deps, async (io) => {
        const found = await listJobs(io, project, { tags: flags.tag, owner: flags.owner, status: flags.status, search: flags.search });
        if (format === "json") printJson(io, found);
        else for (const line of renderJobsTable(found)) io.out(line);
      });
    });
}
