// `jobform demo`: the registration only; the action (demo-action.ts) loads the emulator and the core
// when it runs, so `demo --help` loads only what it prints.
import type { Command } from "commander";
import { examples } from "../globals.js";

/** Runs a jobform command in this process, as a user would type it, and returns its exit code. */
export type Runner = (args: string[]) => Promise<number>;

export function registerDemo(program: Command, run: Runner): void {
  program
    .command("demo")
    .description("start an embedded emulator, then validate → plan → apply → plan → drift the sample project")
    .option("--ui", "afterwards, leave the emulator and the web console (jobform ui) running over it")
    .addHelpText("after", examples("demo", "demo --target prod", "demo --ui"))
    .action(async (flags: { ui?: boolean }, cmd: Command) => (await import("./demo-action.js")).demo(cmd, run, flags));
}
