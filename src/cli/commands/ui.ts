// `jobform ui`: the registration only; the action (ui-action.ts) loads the server, the plan and the HTTP
// client when it runs.
import type { Command } from "commander";
import { examples } from "../globals.js";

export interface UiFlags {
  port: string;
  host: string;
  open?: boolean;
}

export function registerUi(program: Command): void {
  program
    .command("ui")
    .description("a local web console: jobs with sync status, the task DAG beside git, runs, run now, pause")
    .option("--port <n>", "port to listen on (0 = any free port)", "0")
    .option("--host <addr>", "address to listen on (loopback unless you mean otherwise)", "127.0.0.1")
    .option("--open", "open the console in the default browser")
    .addHelpText("after", examples("ui --open", "ui --port 8800 --target prod"))
    .action(async (flags: UiFlags, cmd: Command) => (await import("./ui-action.js")).ui(flags, cmd));
}
