// `jobform import`: the registration only; the action (import-action.ts) loads the core and the HTTP
// client when it runs, so `import --help` loads only what it prints.
import type { Command } from "commander";
import { collect, examples } from "../globals.js";
import type { ImportFlags } from "./import-action.js";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("write jobs/<key>.yaml from existing workspace jobs (server defaults stripped); --adopt makes the next apply take them over")
    .addHelpText("after", examples("import --job-id 123 --adopt", "import --name '^sales' --adopt", "import --all"))
    .option("--job-id <id>", "this job (repeatable)", collect, [])
    .option("--all", "every job this project does not manage yet")
    .option("--name <regex>", "jobs whose name matches this regular expression")
    .option("--adopt", "record the jobs in jobform.yaml adopt: so the next apply tags them instead of creating copies")
    .option("--force", "overwrite job files that already exist")
    .action(async (flags: ImportFlags, cmd: Command) => (await import("./import-action.js")).importJobs(flags, cmd));
}
