import type { Command } from "commander";
import { checkProject } from "../../core/project.js";
import { renderDiagnosticsJson, renderDiagnosticsText, summary } from "../../render/diagnostics.js";
import { ExitCode } from "../errors.js";
import { formatOption, globals, parseVars, examples } from "../globals.js";
import { annotations, emitWorkflowCommands, maskCommands, shownDiagnostics } from "../github.js";
import { readProject } from "../read-project.js";
import { loadSchemas } from "../schemas.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("load, substitute, schema-check and lint every file; print all diagnostics")
    .addHelpText("after", examples("validate", "validate --target prod --strict", "validate --format json > diagnostics.json"))
    .option("--strict", "treat warnings as errors")
    .action((opts: { strict?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const format = formatOption(cmd, ["text", "json"], "text");
      const files = readProject(g.dir);
      const checked = checkProject(files, { target: g.target, vars: parseVars(g.var), env: process.env }, loadSchemas());
      const ds = checked.all;
      const { shown, sources } = shownDiagnostics(ds, checked, g.dir);
      emitWorkflowCommands(maskCommands(checked.resolved) + annotations(shown));
      if (format === "json") process.stdout.write(renderDiagnosticsJson(ds));
      else {
        process.stdout.write(renderDiagnosticsText(shown, { color: g.color, sources }));
        process.stderr.write(summary(ds, files.length) + "\n");
      }
      const failed = ds.some((d) => d.severity === "error" || (opts.strict === true && d.severity === "warning"));
      if (failed) throw new ExitCode(1);
    });
}
