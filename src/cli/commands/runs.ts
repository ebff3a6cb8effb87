// `jobform runs …`: the registration only; the actions (runs-action.ts) load the HTTP client, the run
// watcher and the tables when they run, so `runs --help` loads only what it prints.
import type { Command } from "commander";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { collect, examples, FAIL_ON_TASK_FAILURE_HELP } from "../globals.js";

export const MAX_LIMIT = 1000;

export interface WatchFlags {
  timeout?: string;
  detach?: boolean;
  cancelOnTimeout: boolean;
  failOnTaskFailure?: boolean;
}

function watchFlags(c: Command): Command {
  return c
    .option("--timeout <duration>", "stop watching after this long (30s, 10m, 1h) and cancel the run; exit 4")
    .option("--detach", "on Ctrl-C, stop watching but leave the run going")
    .option("--no-cancel-on-timeout", "when --timeout is reached, leave the run going")
    .option("--fail-on-task-failure", FAIL_ON_TASK_FAILURE_HELP);
}

const action = () => import("./runs-action.js");

export function registerRuns(program: Command, deps: RunsCommandDeps = {}): void {
  const runs = program.command("runs").description("job run history, per-task timeline, cancel, repair and output");

  runs
    .command("list")
    .description("recent runs, newest first: of one job (KEY) or of the whole workspace")
    .addHelpText("after", examples("runs list", "runs list sales-load --limit 5", "runs list --active --format json"))
    .argument("[key]", "job key (the file stem under jobs/)")
    .option("--limit <n>", "how many runs", "20")
    .option("--active", "only runs that are queued, pending or running")
    .action(async (key: string | undefined, flags: { limit: string; active?: boolean }, cmd: Command) => (await action()).list(key, flags, cmd, deps));

  watchFlags(
    runs
      .command("get")
      .description("one run with its per-task timeline (repair attempts included)")
      .addHelpText("after", examples("runs get 123456", "runs get 123456 --watch --timeout 30m"))
      .argument("<run-id>", "the run's id")
      .option("--watch", "follow a run that is still going to its end, like jobform run"),
  ).action(async (runId: string, flags: WatchFlags & { watch?: boolean }, cmd: Command) => (await action()).get(runId, flags, cmd, deps));

  runs
    .command("cancel")
    .description("cancel a run (a run that already finished is left alone)")
    .addHelpText("after", examples("runs cancel 123456"))
    .argument("<run-id>", "the run's id")
    .action(async (runId: string, _flags: unknown, cmd: Command) => (await action()).cancel(runId, cmd, deps));

  watchFlags(
    runs
      .command("repair")
      .description("rerun failed or chosen tasks of a finished run, then watch the repair")
      .addHelpText("after", examples("runs repair 123456 --all-failed", "runs repair 123456 --task ingest --no-wait"))
      .argument("<run-id>", "the run's id")
      .option("--task <key>", "rerun this task and the tasks that depend on it (repeatable)", collect, [])
      .option("--all-failed", "rerun every failed task")
      .option("--no-wait", "print the repair id and link, then exit without watching"),
  ).action(async (runId: string, flags: WatchFlags & { task: string[]; allFailed?: boolean; wait: boolean }, cmd: Command) => (await action()).repair(runId, flags, cmd, deps));

  runs
    .command("output")
    .description("each task run's result, error, error trace and logs")
    .addHelpText("after", examples("runs output 123456", "runs output 123456 --format json"))
    .argument("<run-id>", "the run's id (or one task run's id)")
    .action(async (runId: string, _flags: unknown, cmd: Command) => (await action()).output(runId, cmd, deps));
}
