// The plan as a terminal reads it, in Terraform's vocabulary: `+` create, `~` update, `-` delete, grouped
// per job and per task, `old → new`, nested values as indented YAML. Secret-looking values are masked
// here, never in the differ.
import { changeTree } from "../core/change-tree.js";
import type { ChangeNode, Label } from "../core/change-tree.js";
import { mask } from "../core/mask.js";
import { isPlainObject } from "../core/merge.js";
import type { JobChange, Plan } from "../core/plan-types.js";
import { keyText, pairText, scalarText, TERMINAL_FOLD, yamlLines } from "./yaml-lines.js";
import type { Fold } from "./yaml-lines.js";

export interface TextOptions {
  color: boolean;
}

const JOB_SIGN = { create: "+", update: "~", delete: "-", "no-op": " " } as const;
const COLOR: Record<string, string> = { "+": "32", "-": "31", "~": "33", "!": "35" };

function paint(on: boolean, sign: string, line: string): string {
  const code = COLOR[sign];
  return on && code ? `\x1b[${code}m${line}\x1b[0m` : line;
}

/** A line of a job's changes: its sign (for colour) and its text, the sign leading after the indentation. */
interface Line {
  sign: string;
  line: string;
}

function labelText(label: Label): string {
  if (label.kind === "field") return keyText(label.name);
  if (label.kind === "task") return `task ${label.key}`;
  return label.field === undefined ? "-" : `- ${label.field}: ${scalarText(label.key)}`;
}

/** A whole value under its label: `name: 1`, `name:` and a block, `- item`, `task <key>` and its fields. */
function valueText(node: ChangeNode, fold: Fold | undefined): string[] {
  const v = mask(node.value, node.path);
  const label = node.label;
  if (label.kind === "task") {
    const { task_key: _, ...fields } = isPlainObject(v) ? v : {};
    return [labelText(label), ...yamlLines(fields, fold).filter((l) => l !== "{}").map((l) => `  ${l}`)];
  }
  const lines = yamlLines(v, fold);
  const block = lines.length > 1 || (v !== null && typeof v === "object" && Object.keys(v).length > 0);
  if (label.kind === "item") return [`- ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)];
  return block ? [`${labelText(label)}:`, ...lines.map((l) => `  ${l}`)] : [`${labelText(label)}: ${lines[0]}`];
}

function nodeLines(node: ChangeNode, depth: number, fold: Fold | undefined): Line[] {
  const pad = "    ".repeat(depth);
  const line = (text: string): Line => ({ sign: node.sign, line: `${pad}${node.sign} ${text}` });
  if (node.replace) {
    const [b, a] = [mask(node.replace.before, node.path), mask(node.replace.after, node.path)];
    const [before, after] = typeof b === "string" && typeof a === "string" ? pairText(b, a, fold) : [scalarText(b, fold), scalarText(a, fold)];
    return [line(`${node.label.kind === "item" ? "-" : `${labelText(node.label)}:`} ${before} → ${after}`)];
  }
  if (!node.children) return valueText(node, fold).map(line);
  const inner = node.children.flatMap((c) => nodeLines(c, depth + 1, fold));
  const only = node.children.length === 1 ? node.children[0] : undefined;
  // An item known by its content (a library) has no key to head it: its one change heads it instead.
  if (node.label.kind === "item" && node.label.field === undefined && only?.sign === "~" && inner[0]) {
    return [line(`- ${inner[0].line.trimStart().slice(2)}`), ...inner.slice(1).map((l) => ({ ...l, line: l.line.slice(4) }))];
  }
  return [line(node.label.kind === "field" ? `${labelText(node.label)}:` : labelText(node.label)), ...inner];
}

export interface JobLinesOptions {
  /** Fold long values (terminals); Markdown and JSON show every value whole. */
  fold?: Fold;
}

function jobLineParts(change: JobChange, opts: JobLinesOptions): Line[] {
  const head = `${JOB_SIGN[change.action]} ${change.action} ${change.key}${change.name ? ` "${change.name}"` : ""}${change.job_id ? ` (job ${change.job_id})` : ""}${strategyNote(change)}`;
  const lines: Line[] = [{ sign: JOB_SIGN[change.action], line: head }];
  if (change.action === "delete" || change.action === "no-op") return lines;
  for (const node of changeTree(change.fields)) lines.push(...nodeLines(node, 1, opts.fold));
  for (const p of change.permissions) {
    const sign = p.before === undefined ? "+" : p.after === undefined ? "-" : "~";
    const levels = p.before && p.after ? `${p.before} → ${p.after}` : (p.after ?? p.before);
    lines.push({ sign, line: `    ${sign} permission ${p.kind} ${p.principal}: ${levels}` });
  }
  return lines;
}

/** The lines of one job's changes, uncoloured; signs lead so a `diff` code block colours them too. */
export function jobLines(change: JobChange, opts: JobLinesOptions = {}): string[] {
  return jobLineParts(change, opts).map((l) => l.line);
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
    for (const l of jobLineParts(c, { fold: TERMINAL_FOLD })) out.push(paint(opts.color, l.sign, l.line));
    out.push("");
  }
  const risks = plan.changes.flatMap((c) => c.risks.map((r) => `  ! ${c.key}: ${r.message}`));
  if (risks.length) out.push(paint(opts.color, "!", "Review carefully:"), ...risks.map((r) => paint(opts.color, "!", r)), "");
  if (plan.notes.length) out.push("Notes:", ...plan.notes.map((n) => `  · ${n}`), "");
  out.push(summaryLine(plan));
  return out.join("\n") + "\n";
}
