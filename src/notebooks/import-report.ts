/**
 * What `jobform notebooks import` prints: per notebook the file it wrote and what a careful reader
 * should know (non-literal names or defaults, conditional declarations, %run, undeclared reads,
 * defaults outside their choices), then one summary line. Pure: results in, lines out.
 */
import { noWidgetsAdvice } from "./definition.js";
import type { ImportResult, NotebookImport } from "./import.js";
import type { Finding, NotebookFormat } from "./widget-types.js";

export interface ReportOptions {
  /** Also show info findings (metadata notes, removed widgets, duplicates with the same settings). */
  verbose: boolean;
  asJobs: boolean;
}

function where(f: Finding): string {
  if (f.cell !== undefined) return `cell ${f.cell}, line ${f.line}: `;
  return f.line > 0 ? `line ${f.line}: ` : "";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function headline(n: NotebookImport, asJobs: boolean): string {
  if (n.status === "failed") return `${n.path}: failed`;
  if (n.status === "kept") return `${n.path} → ${n.file} (exists; not overwritten)`;
  const count = n.report ? n.report.widgets.length : 0;
  const what = asJobs ? "job scaffold" : n.status;
  return `${n.path} → ${n.file} (${what}, ${plural(count, "parameter")}${n.format === "JUPYTER" ? ", from the saved widget state" : ""})`;
}

export function renderImport(result: ImportResult, opts: ReportOptions): { lines: string[]; warnings: number; failed: number } {
  const lines: string[] = [];
  let warnings = 0;
  const noWidgets = new Set<NotebookFormat>();
  for (const n of result.notebooks) {
    lines.push(headline(n, opts.asJobs));
    if (n.error) lines.push(`  error: ${n.error}`);
    if (n.status === "updated") for (const c of n.changes) lines.push(`  ${c.message}`);
    for (const f of n.report?.findings ?? []) {
      if (f.severity === "warning") warnings++;
      else if (!opts.verbose) continue;
      lines.push(`  ${f.severity}: ${where(f)}${f.message}`);
    }
    if (n.report && n.report.widgets.length === 0 && n.format) {
      noWidgets.add(n.format);
      lines.push("  no widgets found (see the advice below)");
    }
  }
  for (const format of [...noWidgets].sort()) lines.push("", noWidgetsAdvice(format));

  const count = (s: NotebookImport["status"]) => result.notebooks.filter((n) => n.status === s).length;
  const failed = count("failed");
  const parts = opts.asJobs
    ? [`${count("new")} scaffolded`, `${count("kept")} kept`]
    : [`${count("new")} new`, `${count("updated")} updated`, `${count("unchanged")} unchanged`];
  parts.push(`${failed} failed`);
  const skipped = Object.entries(result.skipped)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${n} ${type}`);
  const skippedText = skipped.length > 0 ? `; skipped ${skipped.join(", ")}` : "";
  lines.push("", `${plural(result.notebooks.length, "notebook")}: ${parts.join(", ")}${skippedText}; ${plural(warnings, "warning")}`);
  return { lines, warnings, failed };
}
