// The whole read side in one place: desired and live in, a plan rendered in the chosen format out. The
// CLI reads files and the workspace; this composes the pure stages (ARCHITECTURE.md "The pipeline").
import { maskPlan } from "./mask.js";
import { planJobs } from "./plan.js";
import type { LiveJob, Plan, PlanOptions } from "./plan-types.js";
import type { DesiredJob } from "./resolve.js";
import { renderPlanMarkdown } from "../render/plan-markdown.js";
import { renderPlanText } from "../render/plan-text.js";

export type PlanFormat = "text" | "json" | "markdown";

export function reconcile(desired: readonly DesiredJob[], live: readonly LiveJob[], opts: PlanOptions, format: PlanFormat, color = false): { plan: Plan; output: string } {
  const plan = planJobs(desired, live, opts);
  const output = format === "json" ? JSON.stringify(maskPlan(plan), null, 2) + "\n" : format === "markdown" ? renderPlanMarkdown(plan) : renderPlanText(plan, { color });
  return { plan, output };
}
