// The plan as a terminal reads it, in Terraform's vocabulary: `+` create, `~` update, `-` delete, grouped
// per job and per task, `old → new`. Secret-looking values are masked here, never in the differ.
import { pointerSegments } from "../core/pointer.js";
import { mask } from "../core/mask.js";
import type { FieldChange, JobChange, Plan } from "../core/plan-types.js";

export interface TextOptions {
  color: boolean;
}

const SIGN = { add: "+", remove: "-", replace: "~" } as const;
const JOB_SIGN = { create: "+", update: "~", delete: "-", "no-op": " " } as const;
const COLOR: Record<string, string> = { "+": "32", "-": "31", "~": "33", "!": "35" };

function paint(on: boolean, sign: string, line: string): string {
  const code = COLOR[sign];
  return on && code ? `\x1b[${code}m${line}\x1b[0m` : line;
}

export function formatValue(v: unknown, path: readonly string[]): string {
  const text = JSON.stringify(mask(v, path));
  return text.length > 200 ? text.slice(0, 199) + "…" : text;
}

function valueText(c: FieldChange, segs: string[]): string {
  if (c.op === "add") return formatValue(c.after, segs);
  if (c.op === "remove") return formatValue(c.before, segs);
  return `${formatValue(c.before, segs)} → ${formatValue(c.after, segs)}`;
}

/** A whole-map change of `tasks` (a new job, or a job that gains its first tasks) listed task by task. */
function expand(c: FieldChange): FieldChange[] {
  const value = c.op === "add" ? c.after : c.op === "remove" ? c.before : undefined;
  if (c.path !== "/tasks" || value === null || typeof value !== "object") return [c];
  return Object.entries(value).map(([k, v]) => ({ op: c.op, path: `/tasks/${k}`, ...(c.op === "add" ? { after: v } : { before: v }) }));
}

/** The lines of one job's changes, uncoloured; signs lead so a `diff` code block colours them too. */
export function jobLines(change: JobChange): string[] {
  const head = `${JOB_SIGN[change.action]} ${change.action} ${change.key}${change.name ? ` "${change.name}"` : ""}${change.job_id ? ` (job ${change.job_id})` : ""}${strategyNote(change)}`;
  const lines = [head];
  if (change.action === "delete" || change.action === "no-op") return lines;
  let task: string | undefined;
  for (const c of change.fields.flatMap(expand)) {
    const segs = pointerSegments(c.path);
    if (segs[0] === "tasks" && segs.length === 2) {
      lines.push(`    ${SIGN[c.op]} task ${segs[1]}${c.op === "replace" ? `: ${valueText(c, segs)}` : ""}`);
      task = undefined;
    } else if (segs[0] === "tasks" && segs[1] !== undefined) {
      if (task !== segs[1]) lines.push(`    ~ task ${segs[1]}`);
      task = segs[1];
      lines.push(`        ${SIGN[c.op]} ${segs.slice(2).join(".")}: ${valueText(c, segs)}`);
    } else {
      task = undefined;
      lines.push(`    ${SIGN[c.op]} ${segs.join(".")}: ${valueText(c, segs)}`);
    }
  }
  for (const p of change.permissions) {
    const sign = p.before === undefined ? "+" : p.after === undefined ? "-" : "~";
    const levels = p.before && p.after ? `${p.before} → ${p.after}` : (p.after ?? p.before);
    lines.push(`    ${sign} permission ${p.kind} ${p.principal}: ${levels}`);
  }
  return lines;
}

function strategyNote(c: JobChange): string {
  if (c.action !== "update") return "";
  const parts: string[] = [];
  if (c.strategy === "reset") parts.push(`jobs/reset (${c.strategy_reason ?? "full replace"})`);
  if (c.strategy === "update") parts.push("jobs/update");
  if (c.permissions_put) parts.push("permissions PUT");
  const adopting = c.adopting ? ` · adopting job ${c.job_id ?? "?"}` : "";
  return `${adopting}${parts.length ? ` · ${parts.join(" + ")}` : ""}`;
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  if (s.create + s.update + s.delete === 0) return "No changes.";
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete.`;
}

export function renderPlanText(plan: Plan, opts: TextOptions): string {
  const where = [`project ${plan.project}`, plan.target ? `target ${plan.target}` : "", plan.host ?? ""].filter(Boolean).join(" · ");
  const out = [`jobform plan · ${where}`, ""];
  for (const e of plan.errors) out.push(paint(opts.color, "-", `Error: ${e.message}`));
  if (plan.errors.length) out.push("");
  for (const c of plan.changes.filter((c) => c.action !== "no-op")) {
    for (const line of jobLines(c)) out.push(paint(opts.color, line.trim().charAt(0), line));
    out.push("");
  }
  const risks = plan.changes.flatMap((c) => c.risks.map((r) => `  ! ${c.key}: ${r.message}`));
  if (risks.length) out.push(paint(opts.color, "!", "Review carefully:"), ...risks.map((r) => paint(opts.color, "!", r)), "");
  if (plan.notes.length) out.push("Notes:", ...plan.notes.map((n) => `  · ${n}`), "");
  out.push(summaryLine(plan));
  return out.join("\n") + "\n";
}
