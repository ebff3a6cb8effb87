/**
 * Edits of a YAML text at a path, as splices of the source: set a value (creating the maps on the way),
 * remove a key or a list item (with the comment lines written just above it), append a list item. Every
 * byte outside the edited node stays: comments, blank lines, key order, quoting, flow or block style.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, stringify } from "yaml";
import type { Node, Pair, YAMLMap, YAMLSeq } from "yaml";
import { addEntries, applySplices, blockLines, contentLineEnd, endOf, flowText, lineBreak, lineStart, removeEntries } from "../yaml-edit.js";
import type { Splice } from "../yaml-edit.js";

export type DocOp =
  /** The value at the path, replacing what is there or adding it (and the maps on the way). */
  | { kind: "set"; segments: readonly string[]; value: unknown }
  /** The key or list item at the path goes; `prune`: a map left empty by it goes too. */
  | { kind: "remove"; segments: readonly string[]; prune?: boolean }
  /** One more item at the end of the list at the path (created when absent). */
  | { kind: "append"; segments: readonly string[]; value: unknown };

/** Why an edit cannot be made as a splice (the caller reports the field and leaves it). */
export class EditRefused extends Error {}

interface Step {
  container: YAMLMap | YAMLSeq;
  pair?: Pair<Node, Node | null>;
  index?: number;
  node: Node | null;
}

/** The nodes along `segments`, as far as they exist. */
function walk(root: Node | null, segments: readonly string[]): Step[] {
  const steps: Step[] = [];
  let cur: Node | null = root;
  for (const seg of segments) {
    if (isAlias(cur)) throw new EditRefused("the value is an alias (*name) of another part of the file");
    if (cur && (cur as { anchor?: string }).anchor) throw new EditRefused(`the value is shared through the YAML anchor &${(cur as { anchor?: string }).anchor ?? ""}`);
    if (isMap(cur)) {
      const pair = (cur.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      steps.push({ container: cur, pair, node: pair.value });
      cur = pair.value;
    } else if (isSeq(cur) && /^\d+$/.test(seg) && Number(seg) < cur.items.length) {
      const node = cur.items[Number(seg)] as Node | null;
      steps.push({ container: cur, index: Number(seg), node });
      cur = node;
    } else break;
  }
  return steps;
}

function parse(text: string) {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new EditRefused(`the file does not parse: ${doc.errors[0]?.message ?? ""}`);
  return doc;
}

const isCollection = (v: unknown): boolean => v !== null && typeof v === "object";
const filled = (v: unknown): boolean => isCollection(v) && Object.keys(v as object).length > 0;

/** `{a: {b: value}}` for rest `[a, b]`. */
function nest(rest: readonly string[], value: unknown): unknown {
  return rest.reduceRight<unknown>((v, k) => ({ [k]: v }), value);
}

/** The scalar's new text in the old one's quoting where a string can keep it. */
function scalarSplice(node: Scalar, value: unknown): Splice[] {
  if (node.value === value || !node.range) return [];
  const s = new Scalar(value);
  if (typeof value === "string" && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) s.type = node.type;
  const [start, end] = node.range;
  return [{ at: start, length: end - start, insert: stringify(s, { lineWidth: 0 }).trimEnd() }];
}

/**
 * A collection in flow style spaced like the flow text it replaces: `[a, b]` where the file wrote `[x]`,
 * `[ a, b ]` where it wrote `[ x ]` (yaml's own spacing). Quoted strings are left as they are.
 */
function flowLike(old: string, value: unknown): string {
  const out = flowText(value);
  if (!/^[[{]\S/.test(old)) return out;
  let res = "";
  let quote = "";
  for (let i = 0; i < out.length; i++) {
    const c = out[i] as string;
    if (quote) {
      res += c;
      if (c === "\\" && quote === '"') res += out[++i] ?? "";
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (c === " " && ("[{".includes(out[i - 1] as string) || "]}".includes(out[i + 1] as string))) continue;
    res += c;
  }
  return res;
}

/** The column where the children of a key are indented one step deeper. */
function childIndent(text: string, key: Node): string {
  const at = key.range?.[0] ?? 0;
  return " ".repeat(at - lineStart(text, at) + 2);
}

/** Replace the value of a map pair (from its colon to the end of the value) with `value`. */
function replacePairValue(text: string, map: YAMLMap, pair: Pair<Node, Node | null>): (value: unknown) => Splice {
  return (value) => {
    const keyEnd = endOf(pair.key) as number;
    const colon = text.indexOf(":", keyEnd);
    const v = pair.value;
    const empty = v === null || (isScalar(v) && v.value === null && (v.range?.[0] ?? 0) === (v.range?.[1] ?? 0));
    let end = colon + 1;
    if (!empty && v?.range) end = (isMap(v) || isSeq(v)) && !v.flow ? contentLineEnd(text, v.range[1]) : v.range[1];
    const eol = lineBreak(text);
    const flow = map.flow || !filled(value) || ((isMap(v) || isSeq(v)) && v.flow);
    const insert = flow ? `: ${flowLike(v && !empty && v.range ? text.slice(v.range[0], v.range[1]) : "", value)}` : ":" + blockLines(value).map((l) => `${eol}${childIndent(text, pair.key as Node)}${l}`).join("");
    return { at: colon, length: end - colon, insert };
  };
}

const rangeText = (text: string, node: Node): string => (node.range ? text.slice(node.range[0], node.range[1]) : "");

/** A new list item written like the one before it: a string quoted as it is quoted, a collection spaced as it is. */
function itemText(text: string, last: Node, value: unknown): string {
  if (isScalar(last) && typeof value === "string" && (last.type === "QUOTE_DOUBLE" || last.type === "QUOTE_SINGLE")) {
    const s = new Scalar(value);
    s.type = last.type;
    return stringify(s, { lineWidth: 0 }).trimEnd();
  }
  return flowLike(rangeText(text, last), value);
}

/** The start of the line holding the `-` of a block list item. */
function dashOf(text: string, node: Node): number {
  return text.lastIndexOf("-", node.range?.[0] ?? 0);
}

/** The line start of `at`, moved up over the comment lines directly above at the same indentation. */
function withOwnComments(text: string, at: number): number {
  const own = lineStart(text, at);
  let start = own;
  const indent = at - start;
  for (;;) {
    // Comments that open the file are its header, not the first key's.
    if (start === 0) return own;
    const prev = lineStart(text, start - 1);
    const line = text.slice(prev, start).replace(/\r?\n$/, "");
    if (!/^\s*#/.test(line) || line.search(/\S/) !== indent) return start;
    start = prev;
  }
}

/** The end of the line where `end` is, past its line break. */
function pastLine(text: string, end: number): number {
  const stop = contentLineEnd(text, end);
  return text.startsWith("\r\n", stop) ? stop + 2 : stop < text.length ? stop + 1 : stop;
}

/** Whole lines from `start` to `stop` deleted; between two blank lines, one of them goes too. */
function cut(text: string, start: number, stop: number): Splice {
  const blankAbove = start >= 2 && /\n\r?\n$/.test(text.slice(Math.max(0, start - 3), start));
  const blankBelow = /^\r?\n/.exec(text.slice(stop, stop + 2));
  const end = blankAbove && blankBelow ? stop + blankBelow[0].length : stop;
  return { at: start, length: end - start, insert: "" };
}

function appendItem(text: string, seq: YAMLSeq, value: unknown): Splice {
  const items = seq.items as Node[];
  const last = items[items.length - 1];
  if (seq.flow || !last) {
    const close = text.lastIndexOf("]", (seq.range?.[1] ?? 0) - 1);
    if (!last) return { at: close, length: 0, insert: flowText(value) };
    return { at: endOf(last) as number, length: 0, insert: `, ${itemText(text, last, value)}` };
  }
  const dash = dashOf(text, items[0] as Node);
  const indent = " ".repeat(dash - lineStart(text, dash));
  const eol = lineBreak(text);
  const at = contentLineEnd(text, endOf(last) as number);
  const flowItems = (isMap(last) || isSeq(last)) && last.flow;
  if (flowItems || !filled(value)) return { at, length: 0, insert: `${eol}${indent}- ${itemText(text, last, value)}` };
  const [first, ...rest] = blockLines(value);
  return { at, length: 0, insert: `${eol}${indent}- ${first}` + rest.map((l) => `${eol}${indent}  ${l}`).join("") };
}

function removeItem(text: string, seq: YAMLSeq, index: number): Splice[] {
  const items = seq.items as Node[];
  const node = items[index] as Node;
  if (seq.flow) {
    const from = items[0]?.range?.[0] as number;
    const to = endOf(items[items.length - 1]) as number;
    const kept = items.filter((_, i) => i !== index).map((n) => text.slice(n.range?.[0] as number, n.range?.[1] as number));
    return [{ at: from, length: to - from, insert: kept.join(", ") }];
  }
  return [cut(text, withOwnComments(text, dashOf(text, node)), pastLine(text, endOf(node) as number))];
}

function removePair(text: string, map: YAMLMap, pair: Pair<Node, Node | null>): Splice[] {
  if (map.flow) return removeEntries(text, map, new Set([String((pair.key as Scalar).value)]));
  const keyStart = pair.key?.range?.[0] as number;
  const valueEnd = endOf(pair.value) ?? (endOf(pair.key) as number);
  const head = text.slice(lineStart(text, keyStart), keyStart);
  if (head.trim() !== "") {
    // The first key of a list item (`- key: v`): the next key moves up behind the dash.
    const items = map.items as Pair<Node, Node | null>[];
    const next = items[items.indexOf(pair) + 1];
    const to = next?.key?.range?.[0];
    if (to === undefined) throw new EditRefused("it is the only key of a list item");
    return [{ at: keyStart, length: to - keyStart, insert: "" }];
  }
  return [cut(text, withOwnComments(text, keyStart), pastLine(text, valueEnd))];
}

/**
 * A plain list set item by item, so the items that stay keep their text and comments: scalars changed in
 * place, items added at the end, items cut from the end. Undefined when an item that changes is not a scalar.
 */
function setItems(text: string, segments: readonly string[], seq: YAMLSeq, value: readonly unknown[]): string | undefined {
  const items = seq.items as Node[];
  const common = Math.min(items.length, value.length);
  const splices: Splice[] = [];
  for (let i = 0; i < common; i++) {
    const n = items[i] as Node;
    if (isScalar(n) && !isCollection(value[i])) splices.push(...scalarSplice(n, value[i]));
    else if (!isScalar(n) || isCollection(value[i])) {
      if (JSON.stringify(n.toJSON()) !== JSON.stringify(value[i])) return undefined;
    }
  }
  let out = applySplices(text, splices);
  for (let i = items.length - 1; i >= value.length; i--) out = removeAt(out, [...segments, String(i)], false);
  for (const v of value.slice(items.length)) out = appendAt(out, segments, v);
  return out;
}

function setAt(text: string, segments: readonly string[], value: unknown): string {
  const doc = parse(text);
  const steps = walk(doc.contents, segments);
  const last = steps[steps.length - 1];
  if (steps.length === segments.length && last) {
    const node = last.node;
    if (isAlias(node) || (node && (node as { anchor?: string }).anchor)) throw new EditRefused("the value is shared through a YAML anchor");
    if (isScalar(node) && node.value !== null && !isCollection(value)) return applySplices(text, scalarSplice(node, value));
    if (isSeq(node) && Array.isArray(value) && value.length > 0 && !(node.flow && node.items.length === 0)) {
      const itemwise = setItems(text, segments, node, value);
      if (itemwise !== undefined) return itemwise;
    }
    if (last.pair && isMap(last.container)) return applySplices(text, [replacePairValue(text, last.container, last.pair)(value)]);
    if (node?.range && (isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow))) return applySplices(text, [{ at: node.range[0], length: node.range[1] - node.range[0], insert: flowText(value) }]);
    throw new EditRefused("a block list item cannot be replaced in place");
  }
  const rest = segments.slice(steps.length);
  const at: Node | null = last ? last.node : doc.contents;
  if (isMap(at)) return applySplices(text, [addEntries(text, at, [[rest[0] as string, nest(rest.slice(1), value)]])]);
  if (isSeq(at) && rest[0] === String(at.items.length) && rest.length === 1) return applySplices(text, [appendItem(text, at, value)]);
  if (last?.pair && isMap(last.container) && (at === null || (isScalar(at) && at.value === null))) return applySplices(text, [replacePairValue(text, last.container, last.pair)(nest(rest, value))]);
  throw new EditRefused(`there is no map at /${segments.slice(0, steps.length).join("/")} to add ${rest[0] ?? ""} to`);
}

function removeAt(text: string, segments: readonly string[], prune: boolean): string {
  const doc = parse(text);
  const steps = walk(doc.contents, segments);
  const last = steps[steps.length - 1];
  if (steps.length !== segments.length || !last) return text;
  let out: string;
  if (isSeq(last.container)) {
    if (last.container.items.length === 1 && !last.container.flow) {
      const parent = steps[steps.length - 2];
      if (!parent?.pair || !isMap(parent.container)) throw new EditRefused("it is the only item of a list");
      return applySplices(text, [replacePairValue(text, parent.container, parent.pair)([])]);
    }
    out = applySplices(text, removeItem(text, last.container, last.index as number));
  } else if (last.pair) {
    const map = last.container as YAMLMap;
    if (map.items.length === 1 && steps.length > 1) {
      if (!steps[steps.length - 2]?.pair) throw new EditRefused("it is the only key of a list item");
      return removeAt(text, segments.slice(0, -1), prune);
    }
    out = applySplices(text, removePair(text, map, last.pair));
  } else return text;
  if (!prune || segments.length < 2) return out;
  const parent = parse(out).getIn(segments.slice(0, -1), true);
  return isMap(parent) && parent.items.length === 0 ? removeAt(out, segments.slice(0, -1), prune) : out;
}

function appendAt(text: string, segments: readonly string[], value: unknown): string {
  const doc = parse(text);
  const steps = walk(doc.contents, segments);
  const last = steps[steps.length - 1];
  if (steps.length === segments.length && last && isSeq(last.node)) return applySplices(text, [appendItem(text, last.node, value)]);
  return setAt(text, segments, [value]);
}

/** The text with `op` made; EditRefused when it cannot be made as a splice. */
export function applyOp(text: string, op: DocOp): string {
  switch (op.kind) {
    case "set":
      return setAt(text, op.segments, op.value);
    case "remove":
      return removeAt(text, op.segments, op.prune ?? false);
    case "append":
      return appendAt(text, op.segments, op.value);
  }
}
