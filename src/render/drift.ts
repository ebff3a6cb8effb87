// Drift is the plan read the other way round: not "what apply would do" but "how the workspace moved away
// from git". Same comparison, so the same field lines; the words and the exit code differ.
import { remediesFor } from "../core/drift-remedies.js";
import type { Remedy } from "../core/drift-remedies.js";
import type { JobChange, Plan } from "../core/plan-types.js";
import { jobLines } from "./plan-text.js";

const KIND = { create: "missing", update: "changed", delete: "extra", "no-op": "in sync" } as const;

function headline(c: JobChange): string {
  if (c.action === "create") return `+ ${c.key}: no job in the workspace (its definition is jobs/${c.key}.yaml)`;
  if (c.action === "delete") return `- ${c.key} (job ${c.job_id}): managed by this project, but no definition in git`;
  return `~ ${c.key} (job ${c.job_id}): changed in the workspace`;
}

/** Field lines of a changed job; values read `workspace → git`, as in the plan that would revert them. */
function details(c: JobChange): string[] {
  return c.action === "update" ? jobLines(c).slice(1) : [];
}

/** Paths an `ignore` remedy shows; the JSON has them all. */
const SHOWN_PATHS = 5;

/** What a remedy carries out: its command, or for `ignore` the paths a rule would name (the first few). */
function remedyAction(r: Remedy, code: (s: string) => string): string {
  if (r.command !== undefined) return code(r.command);
  const paths = r.paths ?? [];
  const more = paths.length > SHOWN_PATHS ? ` and ${paths.length - SHOWN_PATHS} more` : "";
  return paths.slice(0, SHOWN_PATHS).map(code).join(", ") + more;
}

/** `  revert: jobform apply …  # what it does`, commands and comments of one job aligned. */
function remedyLines(c: JobChange, target: string | null | undefined): string[] {
  const rows = remediesFor(c, target).map((r) => [`${r.kind}:`.padEnd(8) + remedyAction(r, (s) => s), r.says] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, says]) => `  ${left.padEnd(width)}  # ${says}`);
}

function remedyItems(c: JobChange, target: string | null | undefined): string[] {
  return remediesFor(c, target).map((r) => `- **${r.kind}** ${remedyAction(r, (s) => `\`${s}\``)}: ${r.says}`);
}

export interface DriftSummary {
  missing: number;
  changed: number;
  extra: number;
}

export function driftSummary(plan: Plan): DriftSummary {
  const count = (a: JobChange["action"]) => plan.changes.filter((c) => c.action === a).length;
  return { missing: count("create"), changed: count("update"), extra: count("delete") };
}

export function hasDrift(plan: Plan): boolean {
  const s = driftSummary(plan);
  return s.missing + s.changed + s.extra > 0;
}

function summaryText(plan: Plan): string {
  const s = driftSummary(plan);
  if (!hasDrift(plan)) return "No drift: the workspace matches git.";
  return `Drift: ${s.changed} changed, ${s.missing} missing, ${s.extra} extra (${KIND.update} values read workspace → git).`;
}

export function renderDriftText(plan: Plan): string {
  const where = [`project ${plan.project}`, plan.target ? `target ${plan.target}` : "", plan.host ?? ""].filter(Boolean).join(" · ");
  const out = [`jobform drift · ${where}`, ""];
  for (const e of plan.errors) out.push(`Error: ${e.message}`, "");
  for (const c of plan.changes.filter((c) => c.action !== "no-op")) out.push(headline(c), ...details(c), ...remedyLines(c, plan.target), "");
  if (plan.notes.length) out.push("Notes:", ...plan.notes.map((n) => `  · ${n}`), "");
  out.push(summaryText(plan));
  return out.join("\n") + "\n";
}

/** Ready to be the body of a GitHub issue that the drift cron opens and updates. */
export function renderDriftMarkdown(plan: Plan): string {
  const out = [`### jobform drift: \`${plan.project}\`${plan.target ? ` → \`${plan.target}\`` : ""}`, "", `**${summaryText(plan)}**`, ""];
  for (const e of plan.errors) out.push(`> [!CAUTION]`, `> ${e.message}`, "");
  const changed = plan.changes.filter((c) => c.action !== "no-op");
  if (changed.length) {
    out.push("| job | drift | job id |", "| --- | --- | --- |");
    for (const c of changed) out.push(`| ${c.key} | ${KIND[c.action]} | ${c.job_id ?? ""} |`);
    out.push("");
    for (const c of changed) out.push("```diff", headline(c), ...details(c), "```", "", ...remedyItems(c, plan.target), "");
  }
  if (plan.notes.length) out.push("**Notes**", "", ...plan.notes.map((n) => `- ${n}`), "");
  out.push(
    "Run `jobform apply` to bring the workspace back to git (revert), `jobform pull` to bring git to the workspace (adopt), " +
      "or name fields operators own under `ignore:` in jobform.yaml.",
  );
  return out.join("\n") + "\n";
}
