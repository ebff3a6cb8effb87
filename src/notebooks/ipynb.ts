/**
 * JUPYTER exports (nbformat JSON). Databricks adds its own record of the widgets last rendered in
 * the notebook under `metadata["application/vnd.databricks.v1+notebook"].widgets`, keyed by name.
 */
import { classifyLines } from "./source-cells.js";
import type { Cell } from "./source-cells.js";
import { isWidgetKind } from "./cell-events.js";
import type { Finding, NotebookLanguage, Widget } from "./widget-types.js";
import { isPlainObject } from "../core/merge.js";

const NOTEBOOK_META = "application/vnd.databricks.v1+notebook";

export interface IpynbContent {
  cells: Cell[];
  /** undefined when the notebook carries no widget record (or an empty one, as a never-run notebook does). */
  metadataWidgets?: Widget[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function readIpynb(text: string, language: NotebookLanguage, findings: Finding[]): IpynbContent {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    findings.push({ severity: "warning", code: "invalid-notebook", message: `not a JUPYTER notebook: ${(e as Error).message}`, line: 0 });
    return { cells: [] };
  }
  if (!isPlainObject(doc) || !Array.isArray(doc.cells)) {
    findings.push({ severity: "warning", code: "invalid-notebook", message: "not a JUPYTER notebook: no cells array", line: 0 });
    return { cells: [] };
  }
  const cells: Cell[] = [];
  doc.cells.forEach((raw, index) => {
    const cellNo = index + 1;
    if (!isPlainObject(raw) || raw.cell_type !== "code") return;
    // nbformat allows the source as one string or as a list of lines that keep their "\n".
    const src = Array.isArray(raw.source) ? raw.source.map((s) => str(s) ?? "").join("") : (str(raw.source) ?? "");
    const lines = src.split(/\r?\n/).map((t, i) => ({ text: t, line: i + 1 }));
    cells.push({ ...classifyLines(lines, language), cell: cellNo });
  });
  const meta = isPlainObject(doc.metadata) ? doc.metadata[NOTEBOOK_META] : undefined;
  const widgetsMeta = isPlainObject(meta) ? meta.widgets : undefined;
  if (!isPlainObject(widgetsMeta) || Object.keys(widgetsMeta).length === 0) return { cells };
  const metadataWidgets: Widget[] = [];
  for (const [key, entry] of Object.entries(widgetsMeta)) {
    if (!isPlainObject(entry)) continue;
    const info = isPlainObject(entry.widgetInfo) ? entry.widgetInfo : {};
    const options = isPlainObject(info.options) ? info.options : {};
    const kind = (str(info.widgetType) ?? str(options.widgetType) ?? "").toLowerCase();
    if (!isWidgetKind(kind)) continue;
    const widget: Widget = { name: str(info.name) ?? key, kind, default: str(info.defaultValue) ?? null, line: 0 };
    if (kind !== "text" && Array.isArray(options.choices)) widget.choices = options.choices.map((c) => String(c));
    const label = str(info.label);
    if (label) widget.label = label;
    metadataWidgets.push(widget);
  }
  return metadataWidgets.length > 0 ? { cells, metadataWidgets } : { cells };
}
