import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseWidgets } from "../../src/notebooks/widgets.js";
import type { Finding, NotebookFormat, NotebookLanguage, WidgetReport } from "../../src/notebooks/widgets.js";

export const corpusDir = fileURLToPath(new URL("./corpus/", import.meta.url));

export function readCorpus(file: string): string {
  return readFileSync(corpusDir + file, "utf8");
}

const LANGUAGE: Record<string, NotebookLanguage> = { py: "PYTHON", scala: "SCALA", sql: "SQL", r: "R", ipynb: "PYTHON" };

export function parseCorpus(file: string): WidgetReport {
  const ext = file.split(".").pop() ?? "";
  const format: NotebookFormat = ext === "ipynb" ? "JUPYTER" : "SOURCE";
  return parseWidgets(readCorpus(file), format, LANGUAGE[ext] ?? "PYTHON");
}

/** Findings as `severity code line[:cell] name`: compact enough to list every one in a test. */
export function brief(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code} ${f.line}${f.cell === undefined ? "" : `:${f.cell}`}${f.name === undefined ? "" : ` ${f.name}`}`);
}
