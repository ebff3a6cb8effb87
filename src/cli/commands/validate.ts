import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import { formatOption, globals, parseVars, examples } from "../globals.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("load, substitute, schema-check and lint every file; print all diagnostics")
    .addHelpText("after", examples("validate", "validate --target prod --strict", "validate --format json > diagnostics.json"))
    .option("--strict", "treat warnings as errors")
    .action(async (opts: { strict?: boolean }, cmd: Command) => {
      // Loaded here, not at the top, so `validate --help` loads only what it prints.
      const [{ checkProject }, { renderDiagnosticsJson, renderDiagnosticsText, summary }, { annotations, emitWorkflowCommands, maskCommands, shownDiagnostics }, { readProject }, { loadSchemas }] = await Promise.all([
        import("../../core/project.js"),
        import("../../render/diagnostics.js"),
        import("../github.js"),
        import("../read-project.js"),
        import("../schemas.js"),
      ]);
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
