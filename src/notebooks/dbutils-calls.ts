/**
 * `dbutils.widgets.*` calls in Python, Scala and R cells. The three languages share the method names
 * and the positional order (name, defaultValue, choices, label); Python callers also use keywords
 * in any order, and Scala/R callers may name arguments with `=` too, so one argument reader serves all.
 */
import { RUNS_ANYWAY, describeEnclosure, enclosures } from "./blocks.js";
import type { Enclosure } from "./blocks.js";
import { isWidgetKind, snippet } from "./cell-events.js";
import type { CellEvent, CellScan, Declaration, LineMap } from "./cell-events.js";
import { tokenize } from "./tokens.js";
import type { Dialect, Token } from "./tokens.js";
import { shownValue } from "../core/mask.js";
import type { Finding, WidgetKind } from "./widget-types.js";

type Value =
  | { type: "literal"; value: string }
  | { type: "number"; value: string }
  | { type: "none" }
  | { type: "dynamic"; expr: string };

type ListValue = { type: "list"; values: string[] } | { type: "dynamic"; expr: string };

interface Arg {
  keyword?: string;
  tokens: Token[];
}

const PARAMS_TEXT = ["name", "defaultValue", "label"];
const PARAMS_CHOICE = ["name", "defaultValue", "choices", "label"];
const NULLS = new Set(["None", "NULL", "null"]);
const LIST_CALLS = new Set(["Seq", "List", "Array", "Vector", "IndexedSeq", "c", "list", "tuple"]);
const DECLARATION_IN_COMMENT = /dbutils\.widgets\.(text|dropdown|combobox|multiselect)\s*\(\s*(?:name\s*=\s*)?(?:(["'])(.*?)\2)?/;

export function scanDbutilsCell(code: string, dialect: Exclude<Dialect, "sql">, mapLine: LineMap): CellScan {
  const all = tokenize(code, dialect);
  const findings: Finding[] = [];
  for (const t of all) {
    if (t.kind !== "comment") continue;
    const m = DECLARATION_IN_COMMENT.exec(t.text);
    if (m) {
      const what = m[3] !== undefined ? `"${m[3]}"` : `a ${m[1]} widget`;
      findings.push({ severity: "info", code: "commented-out-declaration", message: `commented-out declaration of ${what} is not a widget`, ...(m[3] !== undefined ? { name: m[3] } : {}), line: mapLine(t.line) });
    }
  }
  const withLines = all.filter((t) => t.kind !== "comment");
  const encs = enclosures(withLines, dialect);
  const encOf = new Map<Token, Enclosure | undefined>(withLines.map((t, i) => [t, encs[i]]));
  const tokens = withLines.filter((t) => t.kind !== "nl");
  const events: CellEvent[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    let method: string | undefined;
    let open = -1;
    if (t.kind === "ident" && t.text === "dbutils" && tokens[i + 1]?.text === "." && tokens[i + 2]?.text === "widgets" && tokens[i + 3]?.text === "." && tokens[i + 5]?.text === "(") {
      method = tokens[i + 4]?.text;
      open = i + 5;
    } else if (t.kind === "ident" && t.text === "getArgument" && tokens[i - 1]?.text !== "." && tokens[i + 1]?.text === "(") {
      method = "getArgument";
      open = i + 1;
    }
    if (method === undefined) continue;
    const close = matchingClose(tokens, open);
    const args = splitArgs(tokens.slice(open + 1, close));
    const line = mapLine(t.line);
    if (isWidgetKind(method)) {
      const decl = declaration(method, args, code, line, findings);
      if (decl) {
        events.push({ type: "declare", decl });
        const enc = encOf.get(t);
        if (enc) {
          findings.push({
            severity: RUNS_ANYWAY.has(enc.keyword) || RUNS_ANYWAY.has(enc.callee ?? "") ? "info" : "warning",
            code: "conditional-declaration",
            message: `widget "${decl.name}" is declared ${describeEnclosure({ ...enc, line: mapLine(enc.line) })}; check that the job really gets it`,
            name: decl.name,
            line,
          });
        }
      }
    } else if (method === "get" || method === "getArgument") {
      const name = evalValue(argFor(args, ["name"], 0)?.tokens ?? [], code);
      if (name.type === "literal") events.push({ type: "read", name: name.value, line });
    } else if (method === "remove") {
      const name = evalValue(argFor(args, ["name"], 0)?.tokens ?? [], code);
      if (name.type === "literal") events.push({ type: "remove", name: name.value, line });
    } else if (method === "removeAll") {
      events.push({ type: "removeAll", line });
    }
    i = Math.max(i, close);
  }
  return { events, findings };
}

function declaration(kind: WidgetKind, args: Arg[], code: string, line: number, findings: Finding[]): Declaration | undefined {
  const params = kind === "text" ? PARAMS_TEXT : PARAMS_CHOICE;
  const nameArg = argFor(args, params, params.indexOf("name"));
  const name = evalValue(nameArg?.tokens ?? [], code);
  if (name.type === "dynamic") {
    findings.push({ severity: "warning", code: "dynamic-name", message: `${kind} widget with a computed name (${snippet(name.expr)}) was skipped; add its parameter by hand if the job must set it`, line });
    return undefined;
  }
  if (name.type !== "literal" && name.type !== "number") {
    findings.push({ severity: "warning", code: "missing-name", message: `${kind} widget declared without a name was skipped`, line });
    return undefined;
  }
  const decl: Declaration = { name: name.value, kind, default: null, line };
  const def = evalValue(argFor(args, params, params.indexOf("defaultValue"))?.tokens ?? [], code);
  if (def.type === "literal") decl.default = def.value;
  else if (def.type === "number") {
    decl.default = def.value;
    findings.push({ severity: "info", code: "non-string-default", message: `widget "${decl.name}" has a numeric default ${shownValue(decl.name, String(def.value))}; it is written as the string "${shownValue(decl.name, String(def.value))}"`, name: decl.name, line });
  } else if (def.type === "dynamic") {
    findings.push({ severity: "warning", code: "dynamic-default", message: `widget "${decl.name}" has a computed default (${snippet(def.expr)}); no default was recorded`, name: decl.name, line });
  } else {
    findings.push({ severity: "warning", code: "missing-default", message: `widget "${decl.name}" is declared without a default value`, name: decl.name, line });
  }
  if (kind !== "text") {
    const choicesArg = argFor(args, params, params.indexOf("choices"));
    if (choicesArg) {
      const choices = evalList(choicesArg.tokens, code);
      if (choices.type === "list") decl.choices = choices.values;
      else {
        decl.choicesDynamic = true;
        findings.push({ severity: "info", code: "dynamic-choices", message: `choices of widget "${decl.name}" are computed (${snippet(choices.expr)}); they were not recorded`, name: decl.name, line });
      }
    } else {
      findings.push({ severity: "warning", code: "missing-choices", message: `${kind} widget "${decl.name}" is declared without choices`, name: decl.name, line });
    }
  }
  const label = evalValue(argFor(args, params, params.indexOf("label"))?.tokens ?? [], code);
  if (label.type === "literal") decl.label = label.value;
  return decl;
}

function matchingClose(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const text = (tokens[j] as Token).text;
    if (text === "(" || text === "[" || text === "{") depth++;
    else if (text === ")" || text === "]" || text === "}") {
      depth--;
      if (depth === 0) return j;
    }
  }
  return tokens.length;
}

function splitArgs(inner: Token[]): Arg[] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of inner) {
    if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
    else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
    if (t.text === "," && depth === 0) parts.push([]);
    else (parts[parts.length - 1] as Token[]).push(t);
  }
  // A trailing comma leaves an empty last part; it is not an argument.
  return parts
    .filter((p) => p.length > 0)
    .map((p) => {
      const [first, second] = p;
      if (first?.kind === "ident" && second?.text === "=" && p.length > 2) return { keyword: first.text, tokens: p.slice(2) };
      return { tokens: p };
    });
}

function argFor(args: Arg[], params: string[], position: number): Arg | undefined {
  const keyword = params[position];
  const named = args.find((a) => a.keyword === keyword);
  if (named) return named;
  const positional = args.filter((a) => a.keyword === undefined);
  return position >= 0 ? positional[position] : undefined;
}

function source(tokens: Token[], code: string): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? code.slice(first.start, last.end) : "";
}

function evalValue(tokens: Token[], code: string): Value | { type: "absent" } {
  if (tokens.length === 0) return { type: "absent" };
  // Adjacent literals are one literal in Python ("a" "b"); other languages never produce this shape.
  if (tokens.every((t) => t.kind === "str" && !t.interpolated)) return { type: "literal", value: tokens.map((t) => t.value ?? "").join("") };
  const [first, second] = tokens;
  if (tokens.length === 1 && first?.kind === "num") return { type: "number", value: first.text.replace(/_/g, "") };
  if (tokens.length === 2 && first?.text === "-" && second?.kind === "num") return { type: "number", value: `-${second.text.replace(/_/g, "")}` };
  if (tokens.length === 1 && first?.kind === "ident" && NULLS.has(first.text)) return { type: "none" };
  return { type: "dynamic", expr: source(tokens, code) };
}

function evalList(tokens: Token[], code: string): ListValue {
  const dynamic: ListValue = { type: "dynamic", expr: source(tokens, code) };
  let inner: Token[] | undefined;
  const [first, second] = tokens;
  const last = tokens[tokens.length - 1];
  if ((first?.text === "[" && last?.text === "]") || (first?.text === "(" && last?.text === ")")) {
    if (matchingClose(tokens, 0) === tokens.length - 1) inner = tokens.slice(1, -1);
  } else if (first?.kind === "ident" && LIST_CALLS.has(first.text) && second?.text === "(" && last?.text === ")") {
    if (matchingClose(tokens, 1) === tokens.length - 1) inner = tokens.slice(2, -1);
  }
  if (!inner) return dynamic;
  const values: string[] = [];
  for (const item of splitArgs(inner)) {
    if (item.keyword !== undefined) return dynamic;
    const v = evalValue(item.tokens, code);
    if (v.type !== "literal" && v.type !== "number") return dynamic;
    values.push(v.value);
  }
  return { type: "list", values };
}
