// `jobform jobs list`: the registration only; the action (jobs-action.ts) loads the HTTP client and the
// table when it runs, so `jobs list --help` loads only what it prints.
import type { Command } from "commander";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { NARROW_WIDTH, STATUS_WORDS } from "../../runs/jobs-words.js";
import { collect, oneOf, examples } from "../globals.js";

// The API's life cycle and result states (RunLifeCycleState, RunResultState), which --status also takes.
const RUN_STATES = ["QUEUED", "PENDING", "RUNNING", "TERMINATING", "TERMINATED", "SKIPPED", "INTERNAL_ERROR", "BLOCKED", "WAITING_FOR_RETRY", "SUCCESS", "SUCCESS_WITH_FAILURES", "FAILED", "TIMEDOUT", "CANCELED", "MAXIMUM_CONCURRENT_RUNS_REACHED", "EXCLUDED", "UPSTREAM_FAILED", "UPSTREAM_CANCELED", "DISABLED"];

export interface JobsListFlags {
  tag: string[];
  owner?: string;
  status?: string;
  search?: string;
  wide?: boolean;
}

export function registerJobs(program: Command, deps: RunsCommandDeps = {}): void {
  const jobs = program.command("jobs").description("jobs in the workspace");
  jobs
    .command("list")
    .description("every job: tasks, last run and its status, trigger, creator, tags, and whether this project manages it")
    .addHelpText("after", examples("jobs list", "jobs list --status failed --tag team=data", "jobs list --wide --format json"))
    .option("--tag <k=v>", "only jobs with this tag (k=v, or k for any value; repeatable, all must match)", collect, [])
    .option("--owner <user>", "only jobs created by (or running as) this user")
    .option("--status <status>", `only jobs whose last run is ${STATUS_WORDS.join(", ")}, or has this state (FAILED, TIMEDOUT, …)`, oneOf([...STATUS_WORDS, ...RUN_STATES]))
    .option("--search <text>", "only jobs whose name, id or project key contains this text")
    .option("--wide", `every column (creator and tags too), uncut; by default the table fits ${NARROW_WIDTH} columns`)
    .action(async (flags: JobsListFlags, cmd: Command) => (await import("./jobs-action.js")).listJobsCommand(flags, cmd, deps));
}
