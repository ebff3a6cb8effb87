// The per-job result table apply ends with, for the terminal and for the GitHub step summary.
import { renderTable } from "../render/text-table.js";
import { hintFor } from "./error-hints.js";
import type { JobResult } from "./execute.js";

export interface NonConvergent {
  key: string;
  job_id?: string;
  /** Field pointers and `permissions/<principal>` entries still different after the write. */
  paths: string[];
}

export interface ApplyReport {
  results: JobResult[];
  nonConvergent: NonConvergent[];
  /** Set when the re-read after writing failed, so convergence is unknown. */
  verifyError?: string;
}

const ORDER = ["created", "updated", "reset", "deleted", "unchanged", "failed"] as const;

export function summaryLine(r: ApplyReport): string {
  const counts = ORDER.map((o) => [o, r.results.filter((x) => x.outcome === o).length] as const).filter(([, n]) => n > 0);
  const parts = counts.map(([o, n]) => `${n} ${o}`);
  if (r.nonConvergent.length) parts.push(`${r.nonConvergent.length} not converged`);
  return `Apply: ${parts.length ? parts.join(", ") : "nothing to do"}.`;
}

export function failedCount(r: ApplyReport): number {
  return r.results.filter((x) => x.outcome === "failed").length + r.nonConvergent.length + (r.verifyError ? 1 : 0);
}

function rows(r: ApplyReport): string[][] {
  return r.results.map((x) => [x.key, x.job_id ?? "", x.outcome, x.detail ?? ""]);
}

function reportNotes(r: ApplyReport): string[] {
  const out = r.results.flatMap((x) => {
    const hint = x.outcome === "failed" && x.detail ? hintFor(x.detail, x.key) : undefined;
    return hint ? [`! ${x.key}: ${hint}`] : [];
  });
  out.push(...r.nonConvergent.map((n) => `! ${n.key}${n.job_id ? ` (job ${n.job_id})` : ""} did not converge: still different at ${n.paths.join(", ")}`));
  if (r.verifyError) out.push(`! could not re-read the workspace to check the result: ${r.verifyError}`);
  return out;
}

export function renderReportText(r: ApplyReport): string {
  const table = renderTable([{ header: "job" }, { header: "id" }, { header: "result" }, { header: "detail" }], rows(r));
  return [...table, ...reportNotes(r), "", summaryLine(r)].join("\n") + "\n";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderReportMarkdown(r: ApplyReport, title: string): string {
  const table = ["| job | id | result | detail |", "| --- | --- | --- | --- |", ...rows(r).map((row) => `| ${row.map(cell).join(" | ")} |`)];
  const extra = reportNotes(r).map((l) => `- ${cell(l.slice(2))}`);
  return [`### ${title}`, "", ...table, "", ...(extra.length ? [...extra, ""] : []), `**${summaryLine(r)}**`, ""].join("\n");
}
