import type { Diagnostic } from "../core/diagnostic.js";

export interface RenderOptions {
  color: boolean;
  /** Source text by file, for the code frame. */
  sources?: ReadonlyMap<string, string>;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** The offending line and the one before it, with a caret under the column — enough to see the mistake. */
export function codeFrame(text: string, line: number, column: number): string {
  if (line < 1) return "";
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - 1);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = from; n <= Math.min(line, lines.length); n++) {
    const src = (lines[n - 1] ?? "").replace(/\t/g, " ");
    const shown = src.length > 160 ? src.slice(0, 160) + "…" : src;
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${shown}`);
  }
  if (column >= 1 && column <= 161) out.push(`  ${" ".repeat(width)} | ${" ".repeat(column - 1)}^`);
  return out.join("\n");
}

export function renderDiagnosticsText(ds: readonly Diagnostic[], opts: RenderOptions): string {
  const blocks = ds.map((d) => {
    const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
    const sev = d.severity === "error" ? paint(opts.color, "31;1", "error") : paint(opts.color, "33;1", "warning");
    const head = `${paint(opts.color, "1", where)}: ${sev} ${d.code}: ${d.message}`;
    const text = opts.sources?.get(d.file);
    const frame = text !== undefined ? codeFrame(text, d.line, d.column) : "";
    return frame ? `${head}\n${paint(opts.color, "2", frame)}` : head;
  });
  return blocks.join("\n\n") + (blocks.length ? "\n" : "");
}

export function summary(ds: readonly Diagnostic[], files: number): string {
  const errors = ds.filter((d) => d.severity === "error").length;
  const warnings = ds.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (ds.length === 0) return `${plural(files, "file")} checked: no problems`;
  return `${plural(files, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

export function renderDiagnosticsJson(ds: readonly Diagnostic[]): string {
  return JSON.stringify(ds.map(({ severity, code, message, file, line, column, path }) => ({ severity, code, message, file, line, column, path })), null, 2) + "\n";
}
