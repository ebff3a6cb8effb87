// `--all-targets` and `--target a,b` for validate and plan: which targets, and the plans of all of them,
// read side by side across workspaces and one after another within each (one workspace, one rate limit).
import type { Command } from "commander";
import { combineExitCodes } from "../core/all-targets.js";
import type { Plan } from "../core/plan-types.js";
import { errorText } from "../apply/execute.js";
import { ExitCode } from "./errors.js";
import { globals } from "./globals.js";
import { preparePlan } from "./plan-context.js";
import { targetWorkspace } from "./workspace.js";

/** One target's outcome: its plan, or why there is none (a validation error, an unreachable workspace). */
export interface TargetPlan {
  target: string;
  plan?: Plan;
  error?: string;
}

/**
 * Plans every target. Targets are grouped by workspace (`--host`, else the target's host): the groups are
 * read concurrently, the targets of one group in turn, so no workspace sees more than one reader.
 */
export async function planTargets(cmd: Command, targets: readonly string[], opts: { prune: boolean; only?: string[] }): Promise<TargetPlan[]> {
  const g = globals(cmd);
  const groups = new Map<string, string[]>();
  for (const t of targets) {
    const host = g.host ?? targetWorkspace(g.dir, t).host ?? "";
    groups.set(host, [...(groups.get(host) ?? []), t]);
  }
  const results = new Map<string, TargetPlan>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const target of group) {
        try {
          const { plan, client } = await preparePlan(cmd, { ...opts, target });
          await client.close();
          results.set(target, { target, plan });
        } catch (e) {
          // checkedProject has printed the located diagnostics already; the section says it failed.
          const error = e instanceof ExitCode ? "the project has errors for this target (see validate --all-targets)" : errorText(e);
          results.set(target, { target, error });
        }
      }
    }),
  );
  return targets.map((t) => results.get(t) as TargetPlan);
}

/** The exit code of a several-target plan: 1 for any error, else 2 for changes under --detailed-exitcode. */
export function targetsExitCode(results: readonly TargetPlan[], detailed: boolean): number {
  return combineExitCodes(
    results.map((r) => {
      if (!r.plan || r.plan.errors.length) return 1;
      const s = r.plan.summary;
      return detailed && s.create + s.update + s.delete > 0 ? 2 : 0;
    }),
  );
}
