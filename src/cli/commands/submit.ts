// `jobform submit`: the registration only; the action (submit-action.ts) loads the core, the runner and
// the HTTP client when it runs, so `submit --help` loads only what it prints.
import type { Command } from "commander";
import type { Clock, DatabricksClient } from "../../databricks/index.js";
import { collect, examples } from "../globals.js";

export interface SubmitCommandDeps {
  openClient?: (cmd: Command) => Promise<DatabricksClient>;
  clock?: Clock;
  random?: () => number;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Replaces the SIGINT handler (tests abort it to play Ctrl-C). */
  signal?: AbortSignal;
  /** Draw a live status line (a TTY); defaults to whether stdout is one. */
  live?: boolean;
}

export interface SubmitFlags {
  platform?: string;
  param: string[];
  runName?: string;
  wait: boolean;
  timeout?: string;
  detach?: boolean;
  cancelOnTimeout: boolean;
}

export function registerSubmit(program: Command, deps: SubmitCommandDeps = {}): void {
  program
    .command("submit")
    .description("one-off notebook run via runs/submit: a notebooks/<NAME>.yaml definition or a workspace path")
    .addHelpText("after", examples("submit daily-report --param date=2026-01-31", "submit /Users/me@example.com/scratch --platform gpu --no-wait"))
    .argument("<name-or-path>", "NAME of notebooks/<NAME>.yaml, or a notebook's workspace path starting with /")
    .option("--platform <name>", "platform from jobform.yaml (default: the definition's, else `default`)")
    .option("--param <name=value>", "parameter value (repeatable); overrides the definition's default", collect, [])
    .option("--run-name <name>", "name of the run in Databricks (default: the notebook's name)")
    .option("--no-wait", "print the run id and link, then exit without watching")
    .option("--timeout <duration>", "stop watching after this long (30s, 10m, 1h) and cancel the run; exit 4")
    .option("--detach", "on Ctrl-C, stop watching but leave the run going")
    .option("--no-cancel-on-timeout", "when --timeout is reached, leave the run going")
    .action(async (arg: string, flags: SubmitFlags, cmd: Command) => (await import("./submit-action.js")).submit(arg, flags, cmd, deps));
}
