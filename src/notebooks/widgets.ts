/**
 * The notebook widget parser: which parameters a notebook declares, and what a careful reader should
 * know about them. Pure: text in, values out. It reports what it cannot know instead of guessing.
 */
import { shownValue } from "../core/mask.js";
import type { CellEvent, CellScan, Declaration } from "./cell-events.js";
import { scanDbutilsCell } from "./dbutils-calls.js";
import { readIpynb } from "./ipynb.js";
import { splitSource } from "./source-cells.js";
import type { Cell } from "./source-cells.js";
import { scanSqlCell } from "./sql-widgets.js";
import type { Finding, NotebookFormat, NotebookLanguage, Widget, WidgetReport } from "./widget-types.js";

export type * from "./widget-types.js";

const DIALECT = { PYTHON: "python", SCALA: "scala", R: "r" } as const;

interface Located {
  event: CellEvent;
  cell?: number;
}

interface Entry {
  widget: Widget;
  /** Where a later remove()/removeAll()/REMOVE WIDGET drops it; cleared when it is declared again. */
  removedAt?: { line: number; cell?: number };
}

export function parseWidgets(source: string, format: NotebookFormat, language: NotebookLanguage): WidgetReport {
  const findings: Finding[] = [];
  let cells: Cell[];
  let metadataWidgets: Widget[] | undefined;
  if (format === "JUPYTER") ({ cells, metadataWidgets } = readIpynb(source, language, findings));
  else cells = splitSource(source, language, findings);

  const events: Located[] = [];
  let includes = 0;
  for (const cell of cells) {
    const at = cell.cell === undefined ? {} : { cell: cell.cell };
    if (cell.kind === "run") {
      includes++;
      findings.push({ severity: "warning", code: "run-include", message: `%run ${cell.target}: widgets declared in that notebook are not seen here, so the parameters may be incomplete`, line: cell.firstLine, ...at });
    }
    if (cell.kind !== "code") continue;
    const mapLine = (line: number): number => cell.firstLine + line - 1;
    const scan: CellScan = cell.language === "SQL" ? scanSqlCell(cell.code, mapLine) : scanDbutilsCell(cell.code, DIALECT[cell.language], mapLine);
    for (const f of scan.findings) findings.push({ ...f, ...at });
    for (const event of scan.events) events.push({ event, ...at });
  }

  let widgets = resolve(events, findings, includes > 0);
  if (metadataWidgets) widgets = preferMetadata(widgets, metadataWidgets, findings);
  for (const w of widgets) checkChoices(w, findings);
  findings.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line);
  return { widgets, findings };
}

function toWidget(decl: Declaration, cell: number | undefined): Widget {
  const w: Widget = { name: decl.name, kind: decl.kind, default: decl.default, line: decl.line };
  if (decl.choices) w.choices = decl.choices;
  if (decl.label !== undefined) w.label = decl.label;
  if (cell !== undefined) w.cell = cell;
  return w;
}

const where = (line: number, cell: number | undefined): string => (cell === undefined ? `line ${line}` : `cell ${cell}, line ${line}`);

function sameSettings(a: Widget, b: Widget): boolean {
  return a.kind === b.kind && a.default === b.default && JSON.stringify(a.choices ?? null) === JSON.stringify(b.choices ?? null);
}

/** Replays declarations and removals in notebook order, the way the runtime would meet them. */
function resolve(events: Located[], findings: Finding[], hasIncludes: boolean): Widget[] {
  const entries = new Map<string, Entry>();
  const reads = new Map<string, { line: number; cell?: number }>();
  for (const { event, cell } of events) {
    const at = cell === undefined ? {} : { cell };
    if (event.type === "declare") {
      const next = toWidget(event.decl, cell);
      const prior = entries.get(next.name);
      if (!prior) entries.set(next.name, { widget: next });
      else if (prior.removedAt) {
        // Re-creating a removed widget is how notebooks change a widget's choices: the new one counts.
        entries.set(next.name, { widget: next });
      } else {
        const same = sameSettings(prior.widget, next);
        findings.push({
          severity: same ? "info" : "warning",
          code: "duplicate-widget",
          message: same
            ? `widget "${next.name}" is declared again with the same settings (first at ${where(prior.widget.line, prior.widget.cell)})`
            : `widget "${next.name}" is declared again with different settings (first at ${where(prior.widget.line, prior.widget.cell)}); the first declaration wins at runtime and is the one imported`,
          name: next.name,
          line: next.line,
          ...at,
        });
        continue;
      }
    } else if (event.type === "remove") {
      const entry = entries.get(event.name);
      if (entry && !entry.removedAt) entry.removedAt = { line: event.line, ...at };
    } else if (event.type === "removeAll") {
      for (const e of entries.values()) e.removedAt ??= { line: event.line, ...at };
    } else if (!reads.has(event.name)) {
      reads.set(event.name, { line: event.line, ...at });
    }
  }
  for (const { widget, removedAt } of entries.values()) {
    if (removedAt) {
      findings.push({ severity: "info", code: "widget-removed", message: `widget "${widget.name}" is removed after it is declared; it is still imported as a parameter`, name: widget.name, ...removedAt });
    }
  }
  for (const [name, at] of reads) {
    if (entries.has(name)) continue;
    const origin = hasIncludes ? " (it may come from a %run notebook)" : "";
    findings.push({ severity: "warning", code: "undeclared-read", message: `parameter "${name}" is read but never declared as a widget${origin}; add it to the definition by hand if the job must pass it`, name, ...at });
  }
  return [...entries.values()].map((e) => e.widget);
}

function preferMetadata(fromCode: Widget[], fromMeta: Widget[], findings: Finding[]): Widget[] {
  const meta = new Map(fromMeta.map((w) => [w.name, w]));
  const out: Widget[] = [];
  for (const code of fromCode) {
    const m = meta.get(code.name);
    const at = code.cell === undefined ? {} : { cell: code.cell };
    if (!m) {
      findings.push({ severity: "info", code: "widget-not-in-metadata", message: `widget "${code.name}" is declared in the code but not in the notebook's saved widget state (the notebook may not have run since); taken from the code`, name: code.name, line: code.line, ...at });
      out.push(code);
      continue;
    }
    meta.delete(code.name);
    if (!sameSettings(code, m)) {
      findings.push({ severity: "info", code: "metadata-differs", message: `widget "${code.name}": the saved widget state (${describe(m)}) differs from the code (${describe(code)}); the saved state was used`, name: code.name, line: code.line, ...at });
    }
    const merged: Widget = { ...m, line: code.line };
    if (code.cell !== undefined) merged.cell = code.cell;
    out.push(merged);
  }
  for (const m of meta.values()) {
    findings.push({ severity: "info", code: "metadata-only-widget", message: `widget "${m.name}" is known only from the notebook's saved widget state (declared by a %run notebook, a computed name, or code since deleted)`, name: m.name, line: 0 });
    out.push(m);
  }
  return out;
}

function describe(w: Widget): string {
  const def = w.default === null ? "no literal default" : `default "${w.default}"`;
  return w.choices ? `${w.kind}, ${def}, choices ${w.choices.join("|")}` : `${w.kind}, ${def}`;
}

function checkChoices(w: Widget, findings: Finding[]): void {
  if (!w.choices || w.kind === "combobox" || w.default === null) return;
  const at = w.cell === undefined ? {} : { cell: w.cell };
  const choices = new Set(w.choices);
  // A multiselect default is one choice or a comma-joined set of choices.
  const ok = choices.has(w.default) || (w.kind === "multiselect" && w.default.split(",").every((part) => choices.has(part.trim())));
  if (!ok) {
    findings.push({ severity: "warning", code: "default-not-in-choices", message: `${w.kind} widget "${w.name}" has default "${shownValue(w.name, w.default)}", which is not one of its choices (${w.choices.join(", ")}); Databricks rejects this when the widget is created`, name: w.name, line: w.line, ...at });
  }
}
