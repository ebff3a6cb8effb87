/**
 * Plain aligned columns for the list and timeline views. No box drawing: the tables are read in CI
 * logs and piped through grep, where one row per line and two-space gaps survive best.
 */
export type Align = "left" | "right";

export interface Column {
  header: string;
  align?: Align;
}

/** Visible width: every code point counts one (the views only use ASCII and a few single-width marks). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number, align: Align): string {
  const gap = " ".repeat(Math.max(0, to - width(text)));
  return align === "right" ? gap + text : text + gap;
}

/** Header plus rows; the last column is not padded so lines carry no trailing spaces. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? "";
        return i === columns.length - 1 && c.align !== "right" ? cell : pad(cell, widths[i] ?? 0, c.align ?? "left");
      })
      .join("  ")
      .replace(/\s+$/, "");
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}
