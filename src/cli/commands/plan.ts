import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { maskPlan } from "../../core/mask.js";
import { renderPlanMarkdown } from "../../render/plan-markdown.js";
import { renderPlanText, summaryLine } from "../../render/plan-text.js";
import { renderDriftMarkdown, renderDriftText, hasDrift } from "../../render/drift.js";
import { ExitCode } from "../errors.js";
import { grouped, writeStepSummary } from "../github.js";
import { collect, formatOption, globals, examples } from "../globals.js";
import { preparePlan } from "../plan-context.js";

interface PlanFlags {
  out?: string;
  job: string[];
  prune?: boolean;
  detailedExitcode?: boolean;
}

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("read the workspace and print what apply would change (never writes to the workspace)")
    .addHelpText("after", examples("plan --target prod", "plan --out plan.json --detailed-exitcode", "plan --format markdown > plan.md"))
    .option("--out <file>", "save the plan as JSON for `jobform apply <file>`")
    .option("--job <key>", "only this job (repeatable)", collect, [])
    .option("--prune", "also plan deleting managed jobs that have no definition any more")
    .option("--detailed-exitcode", "exit 2 when there are changes")
    .action(async (flags: PlanFlags, cmd: Command) => {
      const format = formatOption(cmd, ["text", "json", "markdown"], "text");
      const { plan, client } = await preparePlan(cmd, { prune: flags.prune === true, only: flags.job });
      await client.close();
      const json = JSON.stringify(maskPlan(plan), null, 2) + "\n";
      if (flags.out) writeFileSync(flags.out, json);
      const markdown = renderPlanMarkdown(plan);
      process.stdout.write(format === "json" ? json : format === "markdown" ? markdown : grouped(summaryLine(plan), renderPlanText(plan, { color: globals(cmd).color })));
      writeStepSummary(markdown);
      if (plan.errors.length) throw new ExitCode(1);
      const s = plan.summary;
      if (flags.detailedExitcode && s.create + s.update + s.delete > 0) throw new ExitCode(2);
    });

  program
    .command("drift")
    .description("compare the workspace with git for a cron: exit 0 in sync, 2 on drift, 1 on error")
    .addHelpText("after", examples("drift --target prod", "drift --format markdown"))
    .action(async (_flags: unknown, cmd: Command) => {
      const format = formatOption(cmd, ["text", "json", "markdown"], "text");
      // Drift covers extra managed jobs too: they are reported, never deleted (drift does not write).
      const { plan, client } = await preparePlan(cmd, { prune: true });
      await client.close();
      const markdown = renderDriftMarkdown(plan);
      process.stdout.write(format === "json" ? JSON.stringify(maskPlan(plan), null, 2) + "\n" : format === "markdown" ? markdown : renderDriftText(plan));
      writeStepSummary(markdown);
      if (plan.errors.length) throw new ExitCode(1);
      if (hasDrift(plan)) throw new ExitCode(2);
    });
}
