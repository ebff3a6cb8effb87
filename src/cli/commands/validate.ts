import type { Command } from "commander";
import { mergeTargetDiagnostics } from "../../core/all-targets.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import { checkProject } from "../../core/project.js";
import type { CheckedProject } from "../../core/project.js";
import { sortDiagnostics } from "../../core/validate.js";
import { renderDiagnosticsJson, renderDiagnosticsText, summary } from "../../render/diagnostics.js";
import { selectedTargets } from "../target-selection.js";
import { ExitCode } from "../errors.js";
import { formatOption, globals, parseVars } from "../globals.js";
import { annotations, emitWorkflowCommands, maskCommands } from "../github.js";
import { readProject } from "../read-project.js";
import { loadSchemas } from "../schemas.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("load, substitute, schema-check and lint every file; print all diagnostics")
    .option("--strict", "treat warnings as errors")
    .option("--all-targets", "check every target of jobform.yaml (or name several: --target a,b)")
    .action((opts: { strict?: boolean; allTargets?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const format = formatOption(cmd, ["text", "json"], "text");
      const files = readProject(g.dir);
      const targets = selectedTargets(cmd, opts.allTargets === true);
      const check = (target: string | undefined) => checkProject(files, { target, vars: parseVars(g.var), env: process.env }, loadSchemas());
      let checked: CheckedProject[];
      let ds: Diagnostic[];
      if (targets) {
        checked = targets.map(check);
        ds = sortDiagnostics(mergeTargetDiagnostics(checked.map((c, i) => ({ target: targets[i] as string, diagnostics: c.all }))));
      } else {
        checked = [check(g.target)];
        ds = checked[0]?.all ?? [];
      }
      emitWorkflowCommands(checked.map((c) => maskCommands(c.resolved)).join("") + annotations(ds));
      if (format === "json") process.stdout.write(renderDiagnosticsJson(ds));
      else {
        const sources = new Map(checked.flatMap((c) => [c.projectDoc, ...c.jobDocs, ...c.notebookDocs]).flatMap((d) => (d ? [[d.file, d.text] as const] : [])));
        process.stdout.write(renderDiagnosticsText(ds, { color: g.color, sources }));
        process.stderr.write(summary(ds, files.length) + (targets ? `, ${targets.length} targets (${targets.join(", ")})` : "") + "\n");
      }
      const failed = ds.some((d) => d.severity === "error" || (opts.strict === true && d.severity === "warning"));
      if (failed) throw new ExitCode(1);
    });
}
