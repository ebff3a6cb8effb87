// `jobform import`: the registration only; the action (import-action.ts) loads the core and the HTTP
// client when it runs, so `import --help` loads only what it prints.
import type { Command } from "commander";
import { collect, examples } from "../globals.js";
import type { ImportFlags } from "./import-action.js";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("write jobs/<key>.yaml from existing workspace jobs (server defaults stripped); --adopt makes the next apply take them over; --from-bundle converts an Asset Bundle instead")
    .addHelpText("after", examples("import --job-id 123 --adopt", "import --all", "import --from-bundle databricks.yml --out ../jobform-project"))
    .option("--job-id <id>", "this job (repeatable)", collect, [])
    .option("--all", "every job this project does not manage yet")
    .option("--name <regex>", "jobs whose name matches this regular expression")
    .option("--adopt", "record the jobs in jobform.yaml adopt: so the next apply tags them instead of creating copies")
    .option("--force", "overwrite job files that already exist")
    .option("--from-bundle <path>", "convert an Asset Bundle (its databricks.yml, or the folder holding it) into a jobform project; --target a,b picks targets")
    .option("--out <dir>", "with --from-bundle: the folder to write the project into (default: --dir)")
    .action(async (flags: ImportFlags & { fromBundle?: string; out?: string }, cmd: Command) => {
      if (flags.fromBundle !== undefined) return (await import("./import-bundle-action.js")).importBundle({ ...flags, fromBundle: flags.fromBundle }, cmd);
      return (await import("./import-action.js")).importJobs(flags, cmd);
    });
}
