// Notebook source formats: the SOURCE text Databricks writes (a header comment line, cells split by
// "COMMAND ----------" comments, magics prefixed with "MAGIC") and Jupyter's ipynb JSON, converted both ways.
import type { Language } from "./state.js";

const COMMENT: Record<Language, string> = { PYTHON: "#", SQL: "--", SCALA: "//", R: "#" };
const EXTENSIONS: Record<string, Language> = { ".py": "PYTHON", ".sql": "SQL", ".scala": "SCALA", ".r": "R" };
const FILE_TYPE: Record<Language, string> = { PYTHON: "py", SQL: "sql", SCALA: "scala", R: "r" };

export const header = (lang: Language) => `${COMMENT[lang]} Databricks notebook source`;
const separator = (lang: Language) => `\n\n${COMMENT[lang]} COMMAND ----------\n\n`;
const magic = (lang: Language) => `${COMMENT[lang]} MAGIC `;

export function sourceFileType(lang: Language): string {
  return FILE_TYPE[lang];
}

/** The extension of a path (lowercase, with the dot) and the language it implies, if any. */
export function languageOfPath(path: string): { ext: string; language: Language | undefined } {
  const m = /\.[^./]+$/.exec(path);
  const ext = m ? m[0].toLowerCase() : "";
  return { ext, language: EXTENSIONS[ext] };
}

/** A source file is a notebook when its first line is the Databricks header for its language. */
export function isNotebookSource(text: string, lang: Language): boolean {
  const first = text.split("\n", 1)[0] ?? "";
  return first.trimEnd() === header(lang);
}

/** SOURCE text always starts with the header; plain code imported as SOURCE becomes one cell. */
export function withHeader(text: string, lang: Language): string {
  return isNotebookSource(text, lang) ? text : `${header(lang)}\n${text}`;
}

interface Cell {
  markdown: boolean;
  lines: string[];
}

function sourceCells(text: string, lang: Language): Cell[] {
  const body = isNotebookSource(text, lang) ? text.slice(text.indexOf("\n") + 1) : text;
  const prefix = magic(lang);
  const bare = prefix.trimEnd();
  return body.split(separator(lang)).map((chunk) => {
    const lines = chunk.replace(/^\n+|\n+$/g, "").split("\n");
    const magicCell = lines.length > 0 && lines.every((l) => l.startsWith(prefix) || l === bare);
    const plain = magicCell ? lines.map((l) => (l === bare ? "" : l.slice(prefix.length))) : lines;
    if (plain[0]?.trim() === "%md") return { markdown: true, lines: plain.slice(1) };
    return { markdown: false, lines: plain };
  });
}

const toJupyterSource = (lines: string[]) => lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));

export function sourceToJupyter(text: string, lang: Language, name: string): string {
  const cells = sourceCells(text, lang).map((c) =>
    c.markdown
      ? { cell_type: "markdown", metadata: {}, source: toJupyterSource(c.lines) }
      : { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: toJupyterSource(c.lines) },
  );
  const nb = {
    cells,
    metadata: {
      "application/vnd.databricks.v1+notebook": { language: lang.toLowerCase(), notebookName: name },
      language_info: { name: lang.toLowerCase() },
    },
    nbformat: 4,
    nbformat_minor: 0,
  };
  return JSON.stringify(nb, null, 1);
}

interface IpynbCell {
  cell_type?: string;
  source?: string | string[];
}

/** Parses ipynb JSON; throws SyntaxError or TypeError when it is not a notebook. */
export function jupyterToSource(json: string, fallback: Language): { text: string; language: Language } {
  const nb = JSON.parse(json) as { cells?: IpynbCell[]; metadata?: Record<string, { language?: string; name?: string }> };
  if (!Array.isArray(nb.cells)) throw new TypeError("not a Jupyter notebook: no cells");
  const meta = nb.metadata ?? {};
  const named = (meta["application/vnd.databricks.v1+notebook"]?.language ?? meta.language_info?.name ?? meta.kernelspec?.language ?? "").toUpperCase();
  const lang: Language = named in COMMENT ? (named as Language) : fallback;
  const prefix = magic(lang);
  const cells = nb.cells.map((c) => {
    const src = Array.isArray(c.source) ? c.source.join("") : (c.source ?? "");
    const lines = src.replace(/\n$/, "").split("\n");
    if (c.cell_type === "markdown") return ["%md", ...lines].map((l) => `${prefix}${l}`.trimEnd()).join("\n");
    if (lines[0]?.startsWith("%")) return lines.map((l) => `${prefix}${l}`.trimEnd()).join("\n");
    return lines.join("\n");
  });
  return { text: `${header(lang)}\n${cells.join(separator(lang))}\n`, language: lang };
}
