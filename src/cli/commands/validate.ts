import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import { formatOption, globals, parseVars, examples } from "../globals.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("load, substitute, schema-check and lint every file; print all diagnostics")
    .addHelpText("after", examples("validate", "validate --all-targets --strict", "validate --format json > diagnostics.json"))
    .option("--strict", "treat warnings as errors")
    .option("--all-targets", "check every target of jobform.yaml (or name several: --target a,b)")
    .action(async (opts: { strict?: boolean; allTargets?: boolean }, cmd: Command) => {
      // Loaded here, not at the top, so `validate --help` loads only what it prints.
      const [{ checkProject }, { mergeTargetDiagnostics }, { sortDiagnostics }, { renderDiagnosticsJson, renderDiagnosticsText, summary }, { annotations, emitWorkflowCommands, maskCommands, shownDiagnostics }, { readProject }, { loadSchemas }, { selectedTargets }] =
        await Promise.all([
          import("../../core/project.js"),
          import("../../core/all-targets.js"),
          import("../../core/validate.js"),
          import("../../render/diagnostics.js"),
          import("../github.js"),
          import("../read-project.js"),
          import("../schemas.js"),
          import("../target-selection.js"),
        ]);
      const g = globals(cmd);
      const format = formatOption(cmd, ["text", "json"], "text");
      const files = readProject(g.dir);
      const targets = selectedTargets(cmd, opts.allTargets === true);
      const check = (target: string | undefined) => checkProject(files, { target, vars: parseVars(g.var), env: process.env }, loadSchemas());
      const checked = targets ? targets.map(check) : [check(g.target)];
      const ds = targets ? sortDiagnostics(mergeTargetDiagnostics(checked.map((c, i) => ({ target: targets[i] as string, diagnostics: c.all })))) : (checked[0]?.all ?? []);
      // Every target reads the same files: the first one's texts quote every diagnostic's line.
      const { shown, sources } = shownDiagnostics(ds, checked[0] as (typeof checked)[number], g.dir);
      emitWorkflowCommands(checked.map((c) => maskCommands(c.resolved)).join("") + annotations(shown));
      if (format === "json") process.stdout.write(renderDiagnosticsJson(ds));
      else {
        process.stdout.write(renderDiagnosticsText(shown, { color: g.color, sources }));
        process.stderr.write(summary(ds, files.length) + (targets ? `, ${targets.length} targets (${targets.join(", ")})` : "") + "\n");
      }
      const failed = ds.some((d) => d.severity === "error" || (opts.strict === true && d.severity === "warning"));
      if (failed) throw new ExitCode(1);
    });
}
