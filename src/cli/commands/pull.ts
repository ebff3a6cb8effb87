// `jobform pull`: the registration only; the action (pull-action.ts) loads the core, the YAML editor and
// the HTTP client when it runs.
import type { Command } from "commander";
import { collect, examples } from "../globals.js";

export interface PullFlags {
  job: string[];
  dryRun?: boolean;
  force?: boolean;
  deleteMissing?: boolean;
}

export function registerPull(program: Command): void {
  program
    .command("pull")
    .description("write the workspace's settings of managed jobs back into the YAML, in place (comments kept), where each value came from")
    .option("--job <key>", "only this job, or a glob such as sales-* (repeatable)", collect, [])
    .option("--dry-run", "print the edits as a unified diff and write nothing")
    .option("--force", "edit files that have uncommitted changes")
    .option("--delete-missing", "delete the file of a job that no longer exists in the workspace")
    .addHelpText("after", examples("pull --target prod --dry-run", "pull --job sales-load", "pull --format json"))
    .action(async (flags: PullFlags, cmd: Command) => (await import("./pull-action.js")).pull(flags, cmd));
}
