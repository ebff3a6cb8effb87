// Values laid out as the YAML a user writes (block maps and lists, plain scalars where YAML would read them
// back as the same string), for plans a reviewer reads next to the job file. Folding is for terminals
// only: a long string or list shows its head and a count of what was left out.

export interface Fold {
  /** Strings longer than this show their first `keep` characters and a count. */
  chars: number;
  keep: number;
  /** Lists and maps with more entries than this show their first `entries` and a count. */
  items: number;
  entries: number;
}

export const TERMINAL_FOLD: Fold = { chars: 240, keep: 160, items: 30, entries: 20 };

/** Plain strings YAML would read as something else (numbers, booleans, null) or not read back at all. */
const RESERVED = /^(?:\d{4}-\d\d-\d\d.*|true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

function stringText(s: string): string {
  const plain = s !== "" && s === s.trim() && !RESERVED.test(s) && !(INDICATOR.test(s) && !/^-[^\s-]/.test(s) && !/^--/.test(s)) && !/\p{Cc}|"|: |:$| #|→/u.test(s);
  return plain ? s : JSON.stringify(s);
}

/** One scalar (or empty container) as it reads after `key: `. */
export function scalarText(v: unknown, fold?: Fold): string {
  if (typeof v === "string") {
    if (fold && v.length > fold.chars) return `${stringText(v.slice(0, fold.keep))}… (${v.length} characters)`;
    return stringText(v);
  }
  if (Array.isArray(v)) return "[]";
  if (v !== null && typeof v === "object") return "{}";
  return String(v);
}

/**
 * Two long strings folded around where they differ, so folding never hides the change: the common head
 * and tail are cut to a few characters each side, and the length is given.
 */
export function pairText(before: string, after: string, fold?: Fold): [string, string] {
  if (!fold || (before.length <= fold.chars && after.length <= fold.chars)) return [scalarText(before), scalarText(after)];
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const context = 24;
  const cut = (s: string) => {
    const from = Math.max(0, head - context);
    const end = Math.min(s.length, s.length - tail + context, from + fold.keep);
    return `${from > 0 ? "…" : ""}${stringText(s.slice(from, end))}${end < s.length ? "…" : ""} (${s.length} characters)`;
  };
  return [cut(before), cut(after)];
}

const isBlock = (v: unknown) => v !== null && typeof v === "object" && Object.keys(v).length > 0;

/** Entries of a list or map, with a closing count line when folding leaves some out. */
function shown<T>(all: T[], fold: Fold | undefined, noun: string): { items: T[]; more?: string } {
  if (!fold || all.length <= fold.items) return { items: all };
  return { items: all.slice(0, fold.entries), more: `# … ${all.length - fold.entries} more ${noun}` };
}

/** `value` as YAML block lines (no trailing newline), indented two spaces per level. */
export function yamlLines(value: unknown, fold?: Fold): string[] {
  if (!isBlock(value)) return [scalarText(value, fold)];
  const out: string[] = [];
  if (Array.isArray(value)) {
    const { items, more } = shown(value, fold, "items");
    for (const v of items) {
      const lines = yamlLines(v, fold);
      out.push(`- ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`));
    }
    if (more) out.push(more);
    return out;
  }
  const { items, more } = shown(Object.entries(value as Record<string, unknown>), fold, "fields");
  for (const [k, v] of items) {
    if (!isBlock(v)) out.push(`${keyText(k)}: ${scalarText(v, fold)}`);
    else out.push(`${keyText(k)}:`, ...yamlLines(v, fold).map((l) => `  ${l}`));
  }
  if (more) out.push(more);
  return out;
}

export const keyText = (k: string) => (/^[A-Za-z0-9_$][\w.$/-]*$/.test(k) ? k : JSON.stringify(k));
