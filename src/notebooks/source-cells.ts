/**
 * Splits a notebook into cells and decides each cell's language. Databricks SOURCE exports keep a
 * notebook as one file: a header comment, `COMMAND ----------` separators, and cells in another
 * language prefixed line by line with `MAGIC` (bare `MAGIC` for empty lines).
 */
import type { Finding, NotebookLanguage } from "./widget-types.js";

export type Cell =
  | { kind: "code"; language: NotebookLanguage; code: string; firstLine: number; cell?: number }
  | { kind: "run"; target: string; firstLine: number; cell?: number }
  | { kind: "skip"; firstLine: number; cell?: number };

const COMMENT_PREFIX: Record<NotebookLanguage, string> = { PYTHON: "#", R: "#", SCALA: "//", SQL: "--" };
const HEADER = /^(#|--|\/\/) Databricks notebook source/;
const MAGIC_LANGUAGES: Record<string, NotebookLanguage> = { "%python": "PYTHON", "%py": "PYTHON", "%sql": "SQL", "%scala": "SCALA", "%r": "R" };

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

export function splitSource(source: string, language: NotebookLanguage, findings: Finding[]): Cell[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = HEADER.exec(lines[0] ?? "");
  if (!header) {
    findings.push({ severity: "info", code: "missing-header", message: `no "Databricks notebook source" header: the text was read as plain ${language} code`, line: 1 });
  }
  const prefix = header ? (header[1] as string) : COMMENT_PREFIX[language];
  const p = escapeRe(prefix);
  const separator = new RegExp(`^${p} COMMAND -+\\s*$`);
  const magic = new RegExp(`^${p} MAGIC(?: |$)`);
  const title = new RegExp(`^${p} DBTITLE \\d+,`);

  const cells: Cell[] = [];
  let current: { text: string; line: number }[] = [];
  const flush = (): void => {
    if (current.length > 0) cells.push(classify(current, language, { magic, title }));
    current = [];
  };
  lines.forEach((text, index) => {
    if (index === 0 && header) return;
    if (separator.test(text)) flush();
    else current.push({ text, line: index + 1 });
  });
  flush();
  return cells;
}

function classify(lines: { text: string; line: number }[], language: NotebookLanguage, res: { magic: RegExp; title: RegExp }): Cell {
  const body = lines.map((l) => ({ ...l, text: res.title.test(l.text) ? "" : l.text }));
  const firstCode = body.find((l) => l.text.trim() !== "");
  const isMagic = firstCode !== undefined && res.magic.test(firstCode.text);
  const stripped = isMagic ? body.map((l) => ({ ...l, text: l.text.replace(res.magic, "") })) : body;
  return classifyLines(stripped, language);
}

/** Dispatches on a leading `%lang` / `%md` / `%run` magic; shared by SOURCE and JUPYTER cells. */
export function classifyLines(lines: { text: string; line: number }[], language: NotebookLanguage): Cell {
  const firstLine = lines[0]?.line ?? 1;
  const at = lines.findIndex((l) => l.text.trim() !== "");
  const first = lines[at];
  const m = first ? /^\s*(%[\w-]+)(.*)$/.exec(first.text) : null;
  if (!first || !m) return { kind: "code", language, code: lines.map((l) => l.text).join("\n"), firstLine };
  const word = (m[1] as string).toLowerCase();
  if (word === "%run") return { kind: "run", target: (m[2] as string).trim(), firstLine: first.line };
  const magicLanguage = MAGIC_LANGUAGES[word];
  if (!magicLanguage) return { kind: "skip", firstLine };
  // The magic word is blanked, not deleted, so code on the same line keeps its columns.
  const code = lines.map((l, i) => (i === at ? l.text.replace(m[1] as string, " ".repeat((m[1] as string).length)) : l.text)).join("\n");
  return { kind: "code", language: magicLanguage, code, firstLine };
}
