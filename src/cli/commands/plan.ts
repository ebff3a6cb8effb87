// `jobform plan` and `drift`: the registration only; the actions (plan-action.ts) load the core, the
// renderers and the HTTP client when they run, so `plan --help` loads only what it prints.
import type { Command } from "commander";
import { collect, examples } from "../globals.js";

export interface PlanFlags {
  out?: string;
  job: string[];
  prune?: boolean;
  detailedExitcode?: boolean;
  allTargets?: boolean;
}

/** `plan.json` → `plan.<target>.json`: one saved plan per target, each one `jobform apply` takes. */
export function targetPlanFile(out: string, target: string): string {
  const dot = out.toLowerCase().endsWith(".json") ? out.length - 5 : out.length;
  return `${out.slice(0, dot)}.${target}${out.slice(dot)}`;
}

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("read the workspace and print what apply would change (never writes to the workspace)")
    .addHelpText("after", examples("plan --target prod", "plan --out plan.json --detailed-exitcode", "plan --all-targets --format markdown > plan.md"))
    .option("--out <file>", "save the plan as JSON for `jobform apply <file>`")
    .option("--job <key>", "only this job (repeatable)", collect, [])
    .option("--prune", "also plan deleting managed jobs that have no definition any more")
    .option("--detailed-exitcode", "exit 2 when there are changes")
    .option("--all-targets", "plan every target of jobform.yaml (or name several: --target a,b); one document, a section per target")
    .action(async (flags: PlanFlags, cmd: Command) => (await import("./plan-action.js")).plan(flags, cmd));

  program
    .command("drift")
    .description("compare the workspace with git for a cron: exit 0 in sync, 2 on drift, 1 on error")
    .addHelpText("after", examples("drift --target prod", "drift --format markdown"))
    .action(async (_flags: unknown, cmd: Command) => (await import("./plan-action.js")).drift(cmd));
}
