// Several targets' plans as one pull-request comment: a summary table on top, then a section per target.
// GitHub rejects comments over 65,536 characters: long sections are collapsed, each target gets a fair share
// of the room (its own renderer trims job sections to fit), and the comment points at the full plans.
import type { Plan } from "../core/plan-types.js";
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from "./plan-markdown.js";

export interface TargetPlanView {
  target: string;
  plan?: Plan;
  error?: string;
}

/** A section longer than this is collapsed behind its summary line. */
const COLLAPSE_OVER = 3_000;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function row(r: TargetPlanView): string {
  if (!r.plan) return `| ${cell(r.target)} | | | | | | ❌ ${cell(r.error ?? "failed")} |`;
  const p = r.plan;
  const risks = p.changes.reduce((n, c) => n + c.risks.length, 0);
  const status = p.errors.length ? `❌ ${p.errors.length} error${p.errors.length === 1 ? "" : "s"}` : p.summary.create + p.summary.update + p.summary.delete ? "changes" : "no changes";
  return `| ${cell(r.target)} | ${cell(p.host ?? "")} | ${p.summary.create} | ${p.summary.update} | ${p.summary.delete} | ${risks ? `⚠️ ${risks}` : ""} | ${status} |`;
}

function section(r: TargetPlanView, budget: number): string {
  if (!r.plan) return `#### target \`${r.target}\`\n\n❌ ${r.error ?? "failed"}\n`;
  const body = renderPlanMarkdown(r.plan, budget);
  if (body.length <= COLLAPSE_OVER) return body;
  const s = r.plan.summary;
  return `<details><summary>target <b>${r.target}</b>: ${s.create} to create, ${s.update} to update, ${s.delete} to delete</summary>\n\n${body}\n</details>\n`;
}

export function renderPlansMarkdown(project: string, results: readonly TargetPlanView[], opts: { limit?: number; artifact?: string } = {}): string {
  const limit = opts.limit ?? GITHUB_COMMENT_LIMIT;
  const head = [`### jobform plan: \`${project}\` — ${results.length} target${results.length === 1 ? "" : "s"}`, "", "| target | host | create | update | delete | risks | status |", "| --- | --- | --- | --- | --- | --- | --- |", ...results.map(row), "", ""].join("\n");
  const pointer = `\n_Sections were shortened to fit a GitHub comment; the full plans are in ${opts.artifact ?? "the plan artifact"} (\`jobform plan --all-targets --format json\`)._\n`;
  const full = head + results.map((r) => section(r, limit)).join("\n");
  if (full.length <= limit) return full;
  // Each target gets an equal share of what is left after the table and the pointer (the wrappers of a
  // collapsed section cost a few hundred characters more).
  const share = Math.max(500, Math.floor((limit - head.length - pointer.length) / Math.max(1, results.length)) - 300);
  const fitted = head + results.map((r) => section(r, share)).join("\n") + pointer;
  return fitted.length <= limit ? fitted : fitted.slice(0, limit - pointer.length - 2) + "…\n" + pointer;
}
