/**
 * Plain aligned columns for the list and timeline views. No box drawing: the tables are read in CI
 * logs and piped through grep, where one row per line and two-space gaps survive best.
 */
export type Align = "left" | "right";

export interface Column {
  header: string;
  align?: Align;
  /** May be cut (with "…") when the table must fit a width. */
  shrink?: boolean;
}

const MIN_SHRUNK = 8;

/** Visible width: every code point counts one (the views only use ASCII and a few single-width marks). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number, align: Align): string {
  const gap = " ".repeat(Math.max(0, to - width(text)));
  return align === "right" ? gap + text : text + gap;
}

function cut(text: string, to: number): string {
  return width(text) <= to ? text : [...text].slice(0, Math.max(0, to - 1)).join("") + "…";
}

/** Narrows the widest shrinkable column, one character at a time, until the line fits `max` or none can give. */
function fit(columns: readonly Column[], widths: number[], max: number): void {
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > max) {
    let widest = -1;
    columns.forEach((c, i) => {
      if (c.shrink && (widths[i] as number) > MIN_SHRUNK && (widest < 0 || (widths[i] as number) > (widths[widest] as number))) widest = i;
    });
    if (widest < 0) return;
    widths[widest] = (widths[widest] as number) - 1;
  }
}

/** Header plus rows; the last column is not padded so lines carry no trailing spaces. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], opts: { maxWidth?: number } = {}): string[] {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ""))));
  if (opts.maxWidth !== undefined) fit(columns, widths, opts.maxWidth);
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cut(cells[i] ?? "", widths[i] ?? 0);
        return i === columns.length - 1 && c.align !== "right" ? cell : pad(cell, widths[i] ?? 0, c.align ?? "left");
      })
      .join("  ")
      .replace(/\s+$/, "");
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}
