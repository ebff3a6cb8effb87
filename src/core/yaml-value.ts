// The JavaScript value of a parsed YAML document, built in one linear pass that also enforces what the
// parser does not: unique keys (the parser's own check is quadratic), keys that could reach an object's
// prototype (also when written as an alias), exact integers, and bounds on depth, keys per mapping and
// the size of the document once aliases are expanded (a small file can alias one large scalar hundreds of
// times). Aliases share the value of their anchor, as the yaml library's own conversion does.
import { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";
import type { Node } from "yaml";
import type { Code } from "./codes.js";
import { MAX_DEPTH, MAX_EXPANDED_CHARS, MAX_EXPANDED_NODES, MAX_KEYS_PER_MAP } from "./input-limits.js";

/** Keys that would change an object's prototype if any later code copied them naively. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const INTEGER = /^[-+]?(?:[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$/;

export const NOT_BUILT = Symbol("not built");

export type Report = (code: Code, message: string, node: Node | undefined) => void;

interface Built {
  value: unknown;
  /** Nodes and scalar characters once every alias below is expanded. */
  nodes: number;
  chars: number;
}

class Stop extends Error {}

/** The value of `root`, or NOT_BUILT after reporting why not; problems that do not stop it are reported too. */
export function toValue(root: Node, text: string, report: Report): unknown {
  const anchors = new Map<string, Node>();
  const built = new Map<Node, Built>();
  const open = new Set<Node>();
  const stop = (code: Code, message: string, node: Node | undefined): never => {
    report(code, message, node);
    throw new Stop();
  };
  const checkSize = (b: Built, node: Node): Built => {
    if (b.nodes > MAX_EXPANDED_NODES) stop("JF007", `aliases expand this to more than ${MAX_EXPANDED_NODES} nodes; write the values out or use fewer aliases`, node);
    if (b.chars > MAX_EXPANDED_CHARS) stop("JF007", `aliases expand this to more than ${MAX_EXPANDED_CHARS / 1024 / 1024} MB of text, more than a Jobs API request may hold; use fewer aliases`, node);
    return b;
  };

  const key = (node: unknown): { name: string; node: Node | undefined } => {
    let target = node as Node | null;
    if (isAlias(target)) target = anchors.get(target.source) ?? null;
    if (target === null) return { name: "", node: undefined };
    if (!isAlias(node) && target.anchor) anchors.set(target.anchor, target);
    if (!isScalar(target)) stop("JF009", "a mapping key must be a plain value, not a mapping or a list", node as Node);
    const value = (target as { value: unknown }).value;
    if (target.anchor && !built.has(target)) built.set(target, { value, nodes: 1, chars: typeof value === "string" ? value.length : 1 });
    return { name: value === null ? "" : String(value), node: target };
  };

  const visit = (node: Node | null, depth: number): Built => {
    if (node === null) return { value: null, nodes: 1, chars: 0 };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return stop("JF001", `alias *${node.source} names no anchor before it`, node);
      if (open.has(target)) return stop("JF009", `alias *${node.source} refers to a node that contains it`, node);
      return built.get(target) as Built;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (depth > MAX_DEPTH) stop("JF091", `nesting is deeper than ${MAX_DEPTH} levels`, node);
    let result: Built;
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === "number" && !Number.isSafeInteger(value) && node.type === "PLAIN" && node.range && INTEGER.test(text.slice(node.range[0], node.range[1]).trim())) {
        const literal = text.slice(node.range[0], node.range[1]).trim();
        report("JF092", `integer ${literal} is beyond ±2^53 and would lose digits; an id of a managed job is written as \${jobs.<key>.id}, other values within range`, node);
      }
      result = { value, nodes: 1, chars: typeof value === "string" ? value.length : 1 };
    } else if (isMap(node)) {
      if (node.items.length > MAX_KEYS_PER_MAP) stop("JF091", `mapping has ${node.items.length} keys, more than ${MAX_KEYS_PER_MAP}`, node);
      open.add(node);
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      let nodes = 1;
      let chars = 0;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = key(pair.key);
        const v = checkSize(visit(pair.value as Node | null, depth + 1), node);
        nodes += 1 + v.nodes;
        chars += k.name.length + v.chars;
        checkSize({ value: undefined, nodes, chars }, node);
        if (seen.has(k.name)) {
          report("JF002", "duplicate key: a mapping may name each key only once", (pair.key as Node | null) ?? undefined);
          continue;
        }
        seen.add(k.name);
        if (FORBIDDEN_KEYS.has(k.name)) {
          const spelled = isAlias(pair.key) ? ` (through the alias *${pair.key.source})` : "";
          report("JF008", `key "${k.name}"${spelled} is not allowed (it could alter object prototypes)`, (pair.key as Node | null) ?? undefined);
          continue;
        }
        out[k.name] = v.value;
      }
      open.delete(node);
      result = { value: out, nodes, chars };
    } else if (isSeq(node)) {
      open.add(node);
      const out: unknown[] = [];
      let nodes = 1;
      let chars = 0;
      for (const item of node.items) {
        const v = visit(item as Node | null, depth + 1);
        nodes += v.nodes;
        chars += v.chars;
        checkSize({ value: undefined, nodes, chars }, node);
        out.push(v.value);
      }
      open.delete(node);
      result = { value: out, nodes, chars };
    } else {
      return stop("JF009", "unsupported YAML node", node);
    }
    if (node.anchor) built.set(node, result);
    return result;
  };

  try {
    return visit(root, 1).value;
  } catch (e) {
    if (e instanceof Stop) return NOT_BUILT;
    throw e;
  }
}
