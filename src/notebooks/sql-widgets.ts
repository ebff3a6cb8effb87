/**
 * SQL cells: `CREATE WIDGET <kind> <name> [DEFAULT <literal>] [CHOICES <query>]`, `REMOVE WIDGET`,
 * and the three ways SQL reads a parameter: `${name}` text substitution, `:name` parameter markers
 * and `getArgument("name")`.
 */
import { isWidgetKind, snippet } from "./cell-events.js";
import type { CellEvent, CellScan, Declaration, LineMap } from "./cell-events.js";
import { identName, tokenize } from "./tokens.js";
import type { Token } from "./tokens.js";
import { shownValue } from "../core/mask.js";
import type { Finding } from "./widget-types.js";

const COMMENTED_CREATE = /\bCREATE\s+WIDGET\s+(TEXT|DROPDOWN|COMBOBOX|MULTISELECT)\s+(`[^`]*`|[\p{L}\p{N}_]+)/iu;
// Dotted or prefixed names (`${spark.sql.x}`, `${hiveconf:x}`) are Spark configuration substitutions, not widgets.
const SUBSTITUTION = /\$\{([\p{L}\p{N}_ ]+)\}/gu;
const QUERY_PREAMBLE = new Set(["select", "distinct", "all", "*", "from", "("]);
const QUERY_TAIL = new Set(["as", ")", "(", ","]);

const upper = (t: Token | undefined): string => (t && t.kind === "ident" && t.value === undefined ? t.text.toUpperCase() : "");

export function scanSqlCell(code: string, mapLine: LineMap): CellScan {
  const all = tokenize(code, "sql");
  const findings: Finding[] = [];
  const events: CellEvent[] = [];
  let blanked = code;
  for (const t of all) {
    if (t.kind !== "comment") continue;
    blanked = blanked.slice(0, t.start) + t.text.replace(/[^\n]/g, " ") + blanked.slice(t.end);
    const m = COMMENTED_CREATE.exec(t.text);
    if (m) {
      const name = (m[2] as string).replace(/^`|`$/g, "");
      findings.push({ severity: "info", code: "commented-out-declaration", message: `commented-out declaration of "${name}" is not a widget`, name, line: mapLine(t.line) });
    }
  }
  const tokens = all.filter((t) => t.kind !== "comment" && t.kind !== "nl");
  const reads: { name: string; line: number; at: number }[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const word = upper(t);
    if (word === "CREATE" && upper(tokens[i + 1]) === "WIDGET") {
      const end = statementEnd(tokens, i + 2);
      const decl = createWidget(tokens.slice(i + 2, end), code, mapLine(t.line), findings);
      if (decl) events.push({ type: "declare", decl });
      i = end - 1;
    } else if (word === "REMOVE" && upper(tokens[i + 1]) === "WIDGET") {
      const name = tokens[i + 2];
      if (name) events.push({ type: "remove", name: nameOf(name), line: mapLine(t.line) });
      i += 2;
    } else if (t.kind === "op" && t.text === ":" && isMarker(code, tokens, i)) {
      const next = tokens[i + 1] as Token;
      reads.push({ name: identName(next), line: mapLine(t.line), at: t.start });
    } else if (word === "GETARGUMENT" && tokens[i + 1]?.text === "(" && tokens[i + 2]?.kind === "str") {
      const arg = tokens[i + 2] as Token;
      reads.push({ name: arg.value ?? "", line: mapLine(t.line), at: t.start });
    }
  }
  // `${x}` is plain text substitution, so it counts inside string literals as well.
  for (const m of blanked.matchAll(SUBSTITUTION)) {
    const at = m.index;
    const line = code.slice(0, at).split("\n").length;
    reads.push({ name: (m[1] as string).trim(), line: mapLine(line), at });
  }
  reads.sort((a, b) => a.at - b.at);
  for (const r of reads) events.push({ type: "read", name: r.name, line: r.line });
  // Declarations and reads are interleaved by position so "declared after use" stays visible to callers.
  const lineOf = (e: CellEvent): number => (e.type === "declare" ? e.decl.line : e.line);
  events.sort((a, b) => lineOf(a) - lineOf(b));
  return { events, findings };
}

function nameOf(t: Token): string {
  return t.kind === "str" ? (t.value ?? "") : identName(t);
}

function isMarker(code: string, tokens: Token[], i: number): boolean {
  const colon = tokens[i] as Token;
  const next = tokens[i + 1];
  if (!next || next.kind !== "ident" || next.start !== colon.end) return false;
  // `col:field` is JSON path access and `x::int` a cast; a marker follows a space, `(`, `,` or an operator.
  const before = code[colon.start - 1] ?? " ";
  return !/[\p{L}\p{N}_)\]}`'":.$]/u.test(before);
}

function statementEnd(tokens: Token[], from: number): number {
  let depth = 0;
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.text === "(" || t.text === "[") depth++;
    else if (t.text === ")" || t.text === "]") depth--;
    else if (depth === 0 && t.text === ";") return j;
    // Without `;` the next CREATE/REMOVE still starts a new statement: a CHOICES query cannot contain one.
    else if (depth === 0 && j > from && (upper(t) === "CREATE" || upper(t) === "REMOVE") && upper(tokens[j + 1]) === "WIDGET") return j;
  }
  return tokens.length;
}

function createWidget(body: Token[], code: string, line: number, findings: Finding[]): Declaration | undefined {
  const kindWord = upper(body[0]).toLowerCase();
  const nameToken = body[1];
  if (!isWidgetKind(kindWord) || !nameToken) {
    findings.push({ severity: "warning", code: "missing-name", message: `CREATE WIDGET statement could not be read (${snippet(code.slice(body[0]?.start ?? 0, body[body.length - 1]?.end ?? 0))})`, line });
    return undefined;
  }
  const decl: Declaration = { name: nameOf(nameToken), kind: kindWord, default: null, line };
  let i = 2;
  if (upper(body[i]) === "DEFAULT") {
    const value = body[i + 1];
    const afterValue = body[i + 2];
    if (value?.kind === "str" && (afterValue === undefined || upper(afterValue) === "CHOICES")) decl.default = value.value ?? "";
    else if (value?.kind === "num" && (afterValue === undefined || upper(afterValue) === "CHOICES")) {
      decl.default = value.text;
      findings.push({ severity: "info", code: "non-string-default", message: `widget "${decl.name}" has a numeric default ${shownValue(decl.name, value.text)}; it is written as the string "${shownValue(decl.name, value.text)}"`, name: decl.name, line });
    } else {
      const stop = body.findIndex((t, k) => k > i && upper(t) === "CHOICES");
      const expr = code.slice(value?.start ?? 0, (body[(stop < 0 ? body.length : stop) - 1] as Token | undefined)?.end ?? 0);
      findings.push({ severity: "warning", code: "dynamic-default", message: `widget "${decl.name}" has a computed default (${snippet(expr)}); no default was recorded`, name: decl.name, line });
    }
    const choicesAt = body.findIndex((t, k) => k > i && upper(t) === "CHOICES");
    i = choicesAt < 0 ? body.length : choicesAt;
  } else {
    findings.push({ severity: "warning", code: "missing-default", message: `widget "${decl.name}" is declared without a DEFAULT`, name: decl.name, line });
  }
  if (upper(body[i]) === "CHOICES") {
    const query = body.slice(i + 1);
    const choices = literalChoices(query);
    if (choices) decl.choices = choices;
    else {
      decl.choicesDynamic = true;
      const expr = code.slice(query[0]?.start ?? 0, query[query.length - 1]?.end ?? 0);
      findings.push({ severity: "info", code: "dynamic-choices", message: `choices of widget "${decl.name}" come from a query (${snippet(expr)}); they were not recorded`, name: decl.name, line });
    }
  } else if (decl.kind !== "text") {
    findings.push({ severity: "warning", code: "missing-choices", message: `${decl.kind} widget "${decl.name}" is declared without CHOICES`, name: decl.name, line });
  }
  return decl;
}

/**
 * Choices written as literals: `SELECT * FROM (VALUES ('a'), ('b')) [AS t(c)]`, `(VALUES 'a', 'b')`
 * or the undocumented `['a', 'b']`. Anything that reads a table or filters is a real query: undefined.
 */
function literalChoices(query: Token[]): string[] | undefined {
  if (query[0]?.text === "[" && query[query.length - 1]?.text === "]") return literalList(query.slice(1, -1));
  const v = query.findIndex((t) => upper(t) === "VALUES");
  if (v < 0) return undefined;
  for (const t of query.slice(0, v)) {
    const w = t.kind === "ident" ? t.text.toLowerCase() : t.text;
    if (!QUERY_PREAMBLE.has(w) && !(t.kind === "ident" && upper(query[query.indexOf(t) + 1]) === "FROM")) return undefined;
  }
  const values: string[] = [];
  let i = v + 1;
  for (;;) {
    const t = query[i];
    if (t?.text === "(") {
      const row = query[i + 1];
      if (!row || (row.kind !== "str" && row.kind !== "num")) return undefined;
      values.push(row.kind === "str" ? (row.value ?? "") : row.text);
      let j = i + 2;
      while (j < query.length && query[j]?.text !== ")") j++;
      i = j + 1;
    } else if (t && (t.kind === "str" || t.kind === "num")) {
      values.push(t.kind === "str" ? (t.value ?? "") : t.text);
      i++;
    } else return undefined;
    if (query[i]?.text !== ",") break;
    i++;
  }
  for (const t of query.slice(i)) if (t.kind !== "ident" && !QUERY_TAIL.has(t.text)) return undefined;
  if (query.slice(i).some((t) => t.kind === "ident" && ["WHERE", "ORDER", "LIMIT", "JOIN", "UNION", "GROUP"].includes(t.text.toUpperCase()))) return undefined;
  return values;
}

function literalList(items: Token[]): string[] | undefined {
  const values: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const t = items[i] as Token;
    if (t.kind !== "str" && t.kind !== "num") return undefined;
    values.push(t.kind === "str" ? (t.value ?? "") : t.text);
    if (i + 1 < items.length && items[i + 1]?.text !== ",") return undefined;
  }
  return values;
}
