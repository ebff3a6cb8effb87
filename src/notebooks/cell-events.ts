/** What one cell says about widgets, before the notebook-wide checks (duplicates, undeclared reads). */
import type { Finding, WidgetKind } from "./widget-types.js";

export interface Declaration {
  name: string;
  kind: WidgetKind;
  default: string | null;
  choices?: string[];
  /** True when choices exist but are computed, so the default cannot be checked against them. */
  choicesDynamic?: boolean;
  label?: string;
  line: number;
}

export type CellEvent =
  | { type: "declare"; decl: Declaration }
  | { type: "remove"; name: string; line: number }
  | { type: "removeAll"; line: number }
  | { type: "read"; name: string; line: number };

export interface CellScan {
  events: CellEvent[];
  findings: Finding[];
}

/** Maps a 1-based line of the cell's code to the line the user sees in the notebook. */
export type LineMap = (line: number) => number;

export const WIDGET_KINDS: readonly WidgetKind[] = ["text", "dropdown", "combobox", "multiselect"];

export function isWidgetKind(word: string): word is WidgetKind {
  return (WIDGET_KINDS as readonly string[]).includes(word);
}

/** Shortens a source expression for a message, keeping it on one line. */
export function snippet(expr: string): string {
  const flat = expr.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
