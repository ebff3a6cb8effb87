/** Values the widget parser hands to the importer. Plain data: no I/O anywhere in src/notebooks' parser. */

export type NotebookFormat = "SOURCE" | "JUPYTER";
export type NotebookLanguage = "PYTHON" | "SCALA" | "SQL" | "R";
export type WidgetKind = "text" | "dropdown" | "combobox" | "multiselect";

export interface Widget {
  /** Exactly as declared: spaces, dots and leading digits are kept because base_parameters keys must match. */
  name: string;
  kind: WidgetKind;
  /** null when the notebook computes the default (f-string, variable, call): we never guess one. */
  default: string | null;
  /** Only when every choice is a literal. */
  choices?: string[];
  label?: string;
  /** 1-based line of the declaration; 0 when the widget is known only from JUPYTER metadata. */
  line: number;
  /** JUPYTER only: 1-based index of the cell (markdown cells count, as in the notebook UI). */
  cell?: number;
}

export type FindingSeverity = "warning" | "info";

export interface Finding {
  severity: FindingSeverity;
  code: FindingCode;
  message: string;
  /** The widget or parameter the finding is about, when it names one. */
  name?: string;
  /** 1-based; 0 when the finding is about the notebook as a whole. */
  line: number;
  cell?: number;
}

export type FindingCode =
  | "dynamic-name"
  | "dynamic-default"
  | "dynamic-choices"
  | "non-string-default"
  | "missing-name"
  | "missing-default"
  | "missing-choices"
  | "default-not-in-choices"
  | "conditional-declaration"
  | "duplicate-widget"
  | "widget-removed"
  | "commented-out-declaration"
  | "run-include"
  | "undeclared-read"
  | "missing-header"
  | "invalid-notebook"
  | "metadata-only-widget"
  | "widget-not-in-metadata"
  | "metadata-differs";

export interface WidgetReport {
  widgets: Widget[];
  findings: Finding[];
}
