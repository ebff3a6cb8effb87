// The plan as a pull-request comment: risk banner first, a summary table, then one collapsible section per
// changed job with its diff and task graph. GitHub rejects comments over 65,536 characters, so sections
// are dropped from the end, with a note, until the comment fits.
import { pointerSegments } from "../core/pointer.js";
import type { JobChange, Plan } from "../core/plan-types.js";
import { renderMermaid } from "./mermaid.js";
import type { TaskMark } from "./mermaid.js";
import { jobLines, summaryLine } from "./plan-text.js";

export const GITHUB_COMMENT_LIMIT = 65_536;
const ICON = { create: "🟢 create", update: "🟡 update", delete: "🔴 delete", "no-op": "no-op" } as const;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Which tasks a change touches, for highlighting in the graph. */
export function taskMarks(change: JobChange): Map<string, TaskMark> {
  const marks = new Map<string, TaskMark>();
  const all: TaskMark | undefined = change.action === "create" ? "added" : change.action === "delete" ? "removed" : undefined;
  if (all) for (const t of change.graph) marks.set(t.task_key, all);
  for (const c of change.fields) {
    const [top, key] = pointerSegments(c.path);
    if (top !== "tasks" || key === undefined || marks.has(key)) continue;
    const whole = pointerSegments(c.path).length === 2;
    marks.set(key, whole && c.op === "add" ? "added" : whole && c.op === "remove" ? "removed" : "changed");
  }
  return marks;
}

function section(change: JobChange): string {
  const what = change.fields.length + change.permissions.length;
  const summary = `${ICON[change.action]} <b>${change.key}</b>${change.job_id ? ` (job ${change.job_id})` : ""}${what ? ` — ${what} change${what === 1 ? "" : "s"}` : ""}`;
  const parts = [`<details><summary>${summary}</summary>`, "", "```diff", ...jobLines(change), "```"];
  if (change.graph.length) parts.push("", "```mermaid", renderMermaid(change.graph, taskMarks(change)), "```");
  parts.push("", "</details>");
  return parts.join("\n");
}

function banner(plan: Plan): string[] {
  const risks = plan.changes.flatMap((c) => c.risks.map((r) => `> - **${c.key}** (${r.kind}): ${r.message}`));
  const errors = plan.errors.map((e) => `> - ${e.message}`);
  const out: string[] = [];
  if (errors.length) out.push("> [!CAUTION]", "> The plan could not be completed:", ...errors, "");
  if (risks.length) out.push("> [!WARNING]", "> Review these changes carefully:", ...risks, "");
  return out;
}

export function renderPlanMarkdown(plan: Plan, limit = GITHUB_COMMENT_LIMIT): string {
  const changed = plan.changes.filter((c) => c.action !== "no-op");
  const head = [`### jobform plan: \`${plan.project}\`${plan.target ? ` → \`${plan.target}\`` : ""}`, "", ...banner(plan), `**${summaryLine(plan)}**`, ""];
  if (changed.length) {
    head.push("| job | action | strategy | changes | risks |", "| --- | --- | --- | --- | --- |");
    for (const c of changed) {
      const strategy = [c.strategy === "none" ? "" : c.strategy, c.permissions_put ? "permissions" : ""].filter(Boolean).join(" + ");
      head.push(`| ${cell(c.key)} | ${ICON[c.action]} | ${strategy} | ${c.fields.length + c.permissions.length} | ${c.risks.length ? `⚠️ ${c.risks.length}` : ""} |`);
    }
    head.push("");
  }
  const tail = plan.notes.length ? ["", "**Notes**", "", ...plan.notes.map((n) => `- ${n}`)] : [];
  const sections = changed.map(section);
  const build = (n: number) => {
    const dropped = sections.length - n;
    const note = dropped ? ["", `_Output trimmed to fit a GitHub comment: ${dropped} of ${sections.length} job sections are not shown. Run \`jobform plan\` for the full plan._`] : [];
    return [...head, ...sections.slice(0, n), ...note, ...tail].join("\n") + "\n";
  };
  for (let n = sections.length; n >= 0; n--) {
    const text = build(n);
    if (text.length <= limit || n === 0) return text.length <= limit ? text : text.slice(0, limit - 2) + "…\n";
  }
  return build(0);
}
