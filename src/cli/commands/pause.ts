// `jobform pause` and `unpause`: the registration only; the action (pause-action.ts) loads the YAML
// editor and the HTTP client when it runs.
import type { Command } from "commander";
import { examples } from "../globals.js";

export function registerPause(program: Command): void {
  for (const [name, status] of [["pause", "PAUSED"], ["unpause", "UNPAUSED"]] as const) {
    program
      .command(name)
      .description(`set pause_status to ${status} in the job's YAML (comments kept); --apply also sends it with jobs/update`)
      .argument("<key>", "job key (the file stem under jobs/)")
      .option("--apply", "also update the job in the workspace now")
      .addHelpText("after", examples(`${name} sales-load`, `${name} sales-load --apply --target prod`))
      .action(async (key: string, opts: { apply?: boolean }, cmd: Command) => (await import("./pause-action.js")).pause(key, status, opts, cmd));
  }
}
