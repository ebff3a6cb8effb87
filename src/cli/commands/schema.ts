import { copyFileSync, mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { SCHEMA_DIR, SCHEMA_FILES } from "../../core/schema-ref.js";
import { examples, globals } from "../globals.js";
import { packageSchemasDir } from "../schema-home.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description(`write jobform's JSON Schemas (job, project, notebook, plan) for editors; default --out ${SCHEMA_DIR}/`)
    .option("--out <dir>", `folder to write them to: absolute, or relative to --dir (default: ${SCHEMA_DIR})`)
    .addHelpText("after", examples("schema", "schema --out .vscode/schemas"))
    .action((opts: { out?: string }, cmd: Command) => {
      const g = globals(cmd);
      const out = resolve(g.dir, opts.out ?? SCHEMA_DIR);
      mkdirSync(out, { recursive: true });
      const from = packageSchemasDir();
      for (const file of SCHEMA_FILES) {
        copyFileSync(join(from, file), join(out, file));
        const shown = relative(resolve(g.dir), join(out, file));
        process.stdout.write(`wrote ${shown.startsWith("..") ? join(out, file) : shown}\n`);
      }
    });
}
