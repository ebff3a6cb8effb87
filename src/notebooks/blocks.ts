/**
 * Which block or expression a token sits in. A widget declared under `if`, in a loop, in a function
 * or inside another call may never run (or run many times), so the importer must flag it rather than
 * present it as a plain top-level parameter.
 */
import type { Dialect, Token } from "./tokens.js";

export interface Enclosure {
  /** `if`, `for`, `def`, `function`, `try`, … ; `call` when inside another call's brackets. */
  keyword: string;
  /** For `call`: the callee name when it is a plain identifier. */
  callee?: string;
  line: number;
}

const PY_COMPOUND = new Set(["if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class", "async", "match", "case"]);
const BRACE_KEYWORDS = new Set([
  "if", "else", "for", "while", "do", "def", "function", "try", "catch", "finally", "match", "object", "class",
  "foreach", "map", "flatMap", "lapply", "sapply", "vapply", "tryCatch", "withCallingHandlers", "repeat",
]);
const BRACELESS = new Set(["if", "else", "for", "while"]);
const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const CLOSERS = new Set([")", "]", "}"]);

/** Keywords whose blocks still run on a normal top-level pass (guards and resource scopes). */
export const RUNS_ANYWAY = new Set(["try", "except", "finally", "with", "catch", "tryCatch", "withCallingHandlers"]);

/**
 * Innermost enclosure for every token of `tokens` (comments already removed, newlines kept).
 * `undefined` means top level of the cell.
 */
export function enclosures(tokens: Token[], dialect: Dialect): (Enclosure | undefined)[] {
  return dialect === "python" ? pythonEnclosures(tokens) : braceEnclosures(tokens);
}

function calleeOf(tokens: Token[], openIndex: number): string | undefined {
  const prev = tokens[openIndex - 1];
  return prev && prev.kind === "ident" ? prev.text : undefined;
}

function pythonEnclosures(tokens: Token[]): (Enclosure | undefined)[] {
  const out: (Enclosure | undefined)[] = [];
  const blocks: { indent: number; enc: Enclosure }[] = [];
  const brackets: Enclosure[] = [];
  let atLineStart = true;
  let lineIndent = 0;
  let header: Enclosure | undefined;
  let afterColon = false;
  let last: Token | undefined;
  tokens.forEach((t, i) => {
    if (t.kind === "nl") {
      out.push(undefined);
      if (brackets.length === 0) {
        if (header && last?.text === ":") blocks.push({ indent: lineIndent, enc: header });
        atLineStart = true;
        header = undefined;
        afterColon = false;
      }
      return;
    }
    if (atLineStart && brackets.length === 0) {
      atLineStart = false;
      lineIndent = t.col;
      while (blocks.length > 0 && (blocks[blocks.length - 1] as { indent: number }).indent >= lineIndent) blocks.pop();
      if (t.kind === "ident" && PY_COMPOUND.has(t.text)) {
        const keyword = t.text === "async" ? (tokens[i + 1]?.text ?? "async") : t.text;
        header = { keyword, line: t.line };
      }
    }
    const innerBracket = brackets[brackets.length - 1];
    out.push(innerBracket ?? (afterColon ? header : blocks[blocks.length - 1]?.enc));
    if (t.kind === "op" && OPENERS[t.text]) brackets.push({ keyword: "call", callee: calleeOf(tokens, i), line: t.line });
    else if (t.kind === "op" && CLOSERS.has(t.text)) brackets.pop();
    else if (t.kind === "op" && t.text === ":" && brackets.length === 0 && header) afterColon = true;
    last = t;
  });
  return out;
}

function braceEnclosures(tokens: Token[]): (Enclosure | undefined)[] {
  const out: (Enclosure | undefined)[] = [];
  const stack: (Enclosure & { brace: boolean })[] = [];
  let statementHead: Token | undefined;
  tokens.forEach((t, i) => {
    const top = stack[stack.length - 1];
    const braceless = statementHead && BRACELESS.has(statementHead.text) && statementHead !== t ? { keyword: statementHead.text, line: statementHead.line } : undefined;
    const isStart = statementHead === undefined && t.kind !== "nl";
    if (isStart) statementHead = t;
    out.push(top && !top.brace ? top : (braceless ?? top));
    if (t.kind === "nl" || t.text === ";") {
      // A newline inside (...) does not end an R or Scala statement.
      if (!top || top.brace) statementHead = undefined;
      return;
    }
    if (t.kind !== "op") return;
    if (t.text === "{") {
      stack.push({ ...braceHeader(tokens, i, stack), brace: true });
      statementHead = undefined;
    } else if (t.text === "(" || t.text === "[") {
      stack.push({ keyword: "call", callee: calleeOf(tokens, i), line: t.line, brace: false });
    } else if (CLOSERS.has(t.text)) {
      stack.pop();
      if (t.text === "}") statementHead = undefined;
    }
  });
  return out;
}

function braceHeader(tokens: Token[], braceIndex: number, stack: Enclosure[]): Enclosure {
  const brace = tokens[braceIndex] as Token;
  const before = tokens[braceIndex - 1];
  // `tryCatch({ ... })`, `foo(x, {`: the block is an argument, so the call names it.
  if (before && (before.text === "(" || before.text === ",")) {
    const call = stack[stack.length - 1];
    if (call?.callee) return { keyword: BRACE_KEYWORDS.has(call.callee) ? call.callee : "call", callee: call.callee, line: call.line };
  }
  let j = braceIndex - 1;
  if (tokens[j]?.kind === "nl") j--;
  for (let steps = 0; j >= 0 && steps < 40; steps++, j--) {
    const t = tokens[j] as Token;
    if (t.kind === "nl" || t.text === ";" || t.text === "{" || t.text === "}") break;
    if (t.text === ")" || t.text === "]") {
      j = matchingOpen(tokens, j);
      continue;
    }
    if (t.kind === "ident" && BRACE_KEYWORDS.has(t.text)) return { keyword: t.text, line: t.line };
  }
  return { keyword: "block", line: brace.line };
}

function matchingOpen(tokens: Token[], closeIndex: number): number {
  let depth = 0;
  for (let j = closeIndex; j >= 0; j--) {
    const text = (tokens[j] as Token).text;
    if (text === ")" || text === "]") depth++;
    else if (text === "(" || text === "[") depth--;
    if (depth === 0) return j;
  }
  return 0;
}

/** A phrase for messages: "inside an `if` block (line 3)". */
export function describeEnclosure(enc: Enclosure): string {
  if (enc.keyword === "call") return `inside a call to \`${enc.callee ?? "an expression"}\` (line ${enc.line})`;
  if (enc.keyword === "def" || enc.keyword === "function") return `inside a function defined at line ${enc.line}, so it exists only once the function is called`;
  if (enc.keyword === "for" || enc.keyword === "while" || enc.keyword === "foreach" || enc.keyword === "repeat" || enc.keyword.endsWith("apply") || enc.keyword === "map" || enc.keyword === "flatMap")
    return `inside a \`${enc.keyword}\` loop (line ${enc.line})`;
  const article = /^[aeiou]/.test(enc.keyword) ? "an" : "a";
  return `inside ${article} \`${enc.keyword}\` block (line ${enc.line})`;
}
