// `jobform plan` and `drift`: what they do, loaded when they run (registered in plan.ts).
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { withRemedies } from "../../core/drift-remedies.js";
import { maskPlan } from "../../core/mask.js";
import { renderPlanMarkdown } from "../../render/plan-markdown.js";
import { renderPlanText, summaryLine } from "../../render/plan-text.js";
import { renderDriftMarkdown, renderDriftText, hasDrift } from "../../render/drift.js";
import { ExitCode } from "../errors.js";
import { grouped, writeStepSummary } from "../github.js";
import { formatOption, globals } from "../globals.js";
import { planTargets, targetsExitCode } from "../all-targets.js";
import { selectedTargets } from "../target-selection.js";
import { preparePlan } from "../plan-context.js";
import { renderPlansMarkdown } from "../../render/plans-markdown.js";
import { targetPlanFile } from "./plan.js";
import type { PlanFlags } from "./plan.js";

async function planSeveral(cmd: Command, targets: string[], flags: PlanFlags, format: string): Promise<void> {
  const results = await planTargets(cmd, targets, { prune: flags.prune === true, only: flags.job });
  const plans = results.flatMap((r) => (r.plan ? [maskPlan(r.plan)] : []));
  if (flags.out) for (const p of plans) writeFileSync(targetPlanFile(flags.out, p.target ?? "default"), JSON.stringify(p, null, 2) + "\n");
  const project = plans[0]?.project ?? "";
  const markdown = renderPlansMarkdown(project, results, { artifact: flags.out ? `\`${targetPlanFile(flags.out, "<target>")}\`` : undefined });
  if (format === "json") process.stdout.write(JSON.stringify({ format_version: 1, targets: results.map((r) => (r.plan ? { target: r.target, plan: maskPlan(r.plan) } : { target: r.target, error: r.error })) }, null, 2) + "\n");
  else if (format === "markdown") process.stdout.write(markdown);
  else {
    const color = globals(cmd).color;
    for (const r of results) process.stdout.write(`\n=== target ${r.target} ===\n${r.plan ? grouped(summaryLine(r.plan), renderPlanText(r.plan, { color })) : `error: ${r.error ?? "failed"}\n`}`);
  }
  writeStepSummary(markdown);
  const code = targetsExitCode(results, flags.detailedExitcode === true);
  if (code !== 0) throw new ExitCode(code);
}

export async function plan(flags: PlanFlags, cmd: Command): Promise<void> {
  const format = formatOption(cmd, ["text", "json", "markdown"], "text");
  const targets = selectedTargets(cmd, flags.allTargets === true);
  if (targets) return planSeveral(cmd, targets, flags, format);
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
}

export async function drift(cmd: Command): Promise<void> {
  const format = formatOption(cmd, ["text", "json", "markdown"], "text");
  // Drift covers extra managed jobs too: they are reported, never deleted (drift does not write).
  // policies: gate what apply may write; drift reports what is there, so no job is held back from it.
  const { plan, client } = await preparePlan(cmd, { prune: true, projectRules: false });
  await client.close();
  const markdown = renderDriftMarkdown(plan);
  process.stdout.write(format === "json" ? JSON.stringify(withRemedies(maskPlan(plan)), null, 2) + "\n" : format === "markdown" ? markdown : renderDriftText(plan));
  writeStepSummary(markdown);
  if (plan.errors.length) throw new ExitCode(1);
  if (hasDrift(plan)) throw new ExitCode(2);
}
