// `jobform run`: the registration only; the action (run-action.ts) loads the HTTP client and the run
// watcher when it runs, so `run --help` loads only what it prints.
import type { Command } from "commander";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { collect, examples, FAIL_ON_TASK_FAILURE_HELP } from "../globals.js";

export interface RunFlags {
  param: string[];
  only: string[];
  wait: boolean;
  timeout?: string;
  detach?: boolean;
  cancelOnTimeout: boolean;
  failOnTaskFailure?: boolean;
}

export function registerRun(program: Command, deps: RunsCommandDeps = {}): void {
  program
    .command("run")
    .description("run a deployed job now (run-now) and watch it to the end")
    .addHelpText("after", examples("run sales-load", "run sales-load --param date=2026-01-31 --only ingest", "run sales-load --no-wait"))
    .argument("<key>", "job key (the file stem under jobs/)")
    .option("--param <name=value>", "job parameter override (repeatable); must be one of the job's parameters", collect, [])
    .option("--only <task>", "run only this task (repeatable)", collect, [])
    .option("--no-wait", "print the run id and link, then exit without watching")
    .option("--timeout <duration>", "stop watching after this long (30s, 10m, 1h) and cancel the run; exit 4")
    .option("--detach", "on Ctrl-C, stop watching but leave the run going")
    .option("--no-cancel-on-timeout", "when --timeout is reached, leave the run going")
    .option("--fail-on-task-failure", FAIL_ON_TASK_FAILURE_HELP)
    .action(async (key: string, flags: RunFlags, cmd: Command) => (await import("./run-action.js")).runCommand(key, flags, cmd, deps));
}
