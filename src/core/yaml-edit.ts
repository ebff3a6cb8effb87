/**
 * Edits of a user's YAML text that touch only the bytes they change. Re-serialising a parsed document
 * (Document.toString) restyles everything around the edit — flow maps split, `[a]` becomes `[ a ]` — so
 * pause, unpause, import --adopt and apply's adopt clean-up splice the source text at the nodes' offsets.
 */
import { isMap, isScalar, stringify } from "yaml";
import type { Node, Pair, YAMLMap } from "yaml";

/** Replace `length` characters at `at` with `insert`. */
export interface Splice {
  at: number;
  length: number;
  insert: string;
}

/** Applies splices (in any order; they must not overlap) to the text. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.length);
  return out;
}

/** One scalar as YAML writes it on one line (quoted when it has to be). */
export function scalarText(value: string | number | boolean): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

export function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** The end of the line where a node's content ends (after any comment on that line), before its line break. */
export function contentLineEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1] as string)) at--;
  const nl = text.indexOf("\n", at);
  if (nl < 0) return text.length;
  return text[nl - 1] === "\r" ? nl - 1 : nl;
}

/** The file's own line break, so an added line matches a Windows file's. */
export function lineBreak(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

export const endOf = (n: Node | null | undefined): number | undefined => n?.range?.[1];

/** The splice that sets a scalar already in the text to `value`, or nothing when it already holds it. */
export function setScalar(text: string, node: Node, value: string | number | boolean): Splice[] {
  if (!isScalar(node) || !node.range) return [];
  if (node.value === value) return [];
  const [start, end] = node.range;
  return [{ at: start, length: end - start, insert: scalarText(value) }];
}

/** A value as YAML writes it inside a flow collection (or on one line): `{ a: 1, b: [ x ] }`. */
export function flowText(value: unknown): string {
  if (value === null || typeof value !== "object") return value === null ? "null" : scalarText(value as string | number | boolean);
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
}

/** A collection as YAML writes it in block style, one entry per line, without indentation. */
export function blockLines(value: unknown): string[] {
  return stringify(value, { lineWidth: 0 }).trimEnd().split("\n");
}

const isFilled = (v: unknown): boolean => v !== null && typeof v === "object" && Object.keys(v).length > 0;

/** `key: value` at `indent`, the value below the key in block style when it is a non-empty collection. */
export function blockEntry(key: string, value: unknown, indent: string, eol: string): string {
  if (!isFilled(value)) return `${scalarText(key)}: ${flowText(value)}`;
  return `${scalarText(key)}:` + blockLines(value).map((l) => `${eol}${indent}  ${l}`).join("");
}

/**
 * The splice that adds `key: value` entries after the map's last one: after the last entry's line in a
 * block map (at its indentation; a collection value in block style below its key), before the closing
 * brace in a flow map (in flow style).
 */
export function addEntries(text: string, map: YAMLMap, entries: readonly (readonly [string, unknown])[]): Splice {
  const items = map.items as Pair<Node, Node | null>[];
  const last = items[items.length - 1];
  if (map.flow) {
    const written = entries.map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`);
    const close = text.lastIndexOf("}", (map.range?.[1] ?? 0) - 1);
    if (!last) return { at: close, length: 0, insert: written.join(", ") };
    return { at: endOf(last.value) ?? endOf(last.key) ?? close, length: 0, insert: written.map((e) => `, ${e}`).join("") };
  }
  const first = items[0]?.key?.range?.[0] ?? 0;
  const indent = " ".repeat(first - lineStart(text, first));
  const end = contentLineEnd(text, endOf(last?.value) ?? endOf(last?.key) ?? first);
  const eol = lineBreak(text);
  return { at: end, length: 0, insert: entries.map(([k, v]) => `${eol}${indent}${blockEntry(k, v, indent, eol)}`).join("") };
}

/**
 * The splices that delete these entries of a map, each with its whole line in a block map. With `parent`
 * (the pair holding the map) and every entry going, the parent pair goes instead.
 */
export function removeEntries(text: string, map: YAMLMap, keys: ReadonlySet<string>, parent?: Pair<Node, Node | null>): Splice[] {
  const items = map.items as Pair<Node, Node | null>[];
  const gone = items.filter((p) => isScalar(p.key) && keys.has(String(p.key.value)));
  if (gone.length === 0) return [];
  if (parent && gone.length === items.length) return removePair(text, parent);
  if (map.flow) {
    // The kept entries keep their own text; only the separators between them are rewritten.
    const from = items[0]?.key?.range?.[0] as number;
    const to = endOf(items[items.length - 1]?.value) ?? (endOf(items[items.length - 1]?.key) as number);
    const kept = items.filter((p) => !gone.includes(p)).map((p) => text.slice(p.key?.range?.[0] as number, endOf(p.value) ?? endOf(p.key)));
    return [{ at: from, length: to - from, insert: kept.join(", ") }];
  }
  return gone.flatMap((p) => removePair(text, p));
}

/** The splice that deletes one block-map pair with its lines. */
function removePair(text: string, pair: Pair<Node, Node | null>): Splice[] {
  const start = lineStart(text, pair.key?.range?.[0] as number);
  const end = contentLineEnd(text, endOf(pair.value) ?? (endOf(pair.key) as number));
  const stop = text.startsWith("\r\n", end) ? end + 2 : end < text.length ? end + 1 : end;
  return [{ at: start, length: stop - start, insert: "" }];
}

/** The pair of `key` in a map, if any. */
export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && p.key.value === key);
}
