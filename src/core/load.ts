import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { Code } from "./codes.js";
import type { Diagnostic } from "./diagnostic.js";
import { pointerSegments } from "./pointer.js";

/** A file as the edge read it: bytes, so that encoding problems are ours to report. */
export interface SourceFile {
  /** Project-relative path with forward slashes. */
  path: string;
  bytes: Uint8Array;
  /** Size on disk, when the edge did not read a file that was too large. */
  size?: number;
}

/** A parsed YAML file that keeps its nodes, so any JSON pointer can be turned into a line and column. */
export interface LoadedDocument {
  file: string;
  text: string;
  value: unknown;
  doc: Document;
  lines: LineCounter;
}

export interface Position {
  line: number;
  column: number;
}

/** Jobs API requests are capped at 10 MB; a definition larger than that can never be sent. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Anchors are handy for sharing a cluster spec; hundreds of expansions are an attack, not a job. */
const MAX_ALIAS_COUNT = 200;
/** Keys that would change an object's prototype if any later code copied them naively. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function fileDiagnostic(file: string, code: Code, message: string, pos: Position = { line: 0, column: 0 }, path = ""): Diagnostic {
  return { severity: "error", code, message, file, line: pos.line, column: pos.column, path };
}

function decode(file: SourceFile): { text?: string; diagnostic?: Diagnostic } {
  const size = file.size ?? file.bytes.length;
  if (size > MAX_FILE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return { diagnostic: fileDiagnostic(file.path, "JF004", `file is ${mb} MB; a job definition must stay under 10 MB (the Jobs API request limit)`) };
  }
  const nul = file.bytes.indexOf(0);
  if (nul >= 0) return { diagnostic: fileDiagnostic(file.path, "JF003", `file contains a NUL byte at offset ${nul}; is it a binary file?`) };
  try {
    let text = utf8.decode(file.bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { diagnostic: fileDiagnostic(file.path, "JF003", "file is not valid UTF-8; save it as UTF-8") };
  }
}

/** Parses one YAML file (YAML 1.2 core schema, unique keys, bounded aliases). Never throws. */
export function loadFile(file: SourceFile): { document?: LoadedDocument; diagnostics: Diagnostic[] } {
  const decoded = decode(file);
  if (decoded.diagnostic) return { diagnostics: [decoded.diagnostic] };
  const text = decoded.text ?? "";
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: "core", uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const code: Code = e.code === "DUPLICATE_KEY" ? "JF002" : "JF001";
    const message = e.code === "DUPLICATE_KEY" ? "duplicate key: a mapping may name each key only once" : firstLine(e.message);
    diagnostics.push(fileDiagnostic(file.path, code, message, at(e.pos[0])));
  }
  for (const w of doc.warnings) {
    if (w.code === "TAG_RESOLVE_FAILED" || w.code === "BAD_DIRECTIVE") {
      diagnostics.push(fileDiagnostic(file.path, "JF009", firstLine(w.message), at(w.pos[0])));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { diagnostics: [fileDiagnostic(file.path, "JF005", "file is empty; a job definition is a YAML mapping (name, tasks, …)")] };
  }
  forbiddenKeys(doc.contents, file.path, at, diagnostics);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError || e instanceof RangeError) {
      diagnostics.push(fileDiagnostic(file.path, "JF007", `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}); write the values out or use fewer anchors`));
      return { diagnostics };
    }
    throw e;
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { document: { file: file.path, text, value, doc, lines }, diagnostics };
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

function forbiddenKeys(node: unknown, file: string, at: (offset: number) => Position, out: Diagnostic[], depth = 0): void {
  if (depth > 200) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && FORBIDDEN_KEYS.has(pair.key.value)) {
        const pos = pair.key.range ? at(pair.key.range[0]) : { line: 0, column: 0 };
        out.push(fileDiagnostic(file, "JF008", `key "${pair.key.value}" is not allowed (it could alter object prototypes)`, pos));
      }
      forbiddenKeys(pair.value, file, at, out, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) forbiddenKeys(item, file, at, out, depth + 1);
  }
}

/**
 * Where a JSON pointer lands in the file. With `key`, the position of the mapping key rather than its value
 * (an unknown field is best shown at its name). A pointer that runs past the document lands on the deepest
 * node that exists, so a missing field is reported at the mapping that lacks it.
 */
export function locate(document: LoadedDocument, pointer: string | readonly string[], opts: { key?: boolean } = {}): Position & { exact: boolean } {
  const segments = typeof pointer === "string" ? pointerSegments(pointer) : pointer;
  let node: unknown = document.doc.contents;
  let range: readonly number[] | undefined | null = (node as Node | null)?.range;
  let exact = true;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) {
        exact = false;
        break;
      }
      if (last && opts.key && isScalar(pair.key)) {
        range = pair.key.range;
        node = pair.key;
        break;
      }
      node = pair.value;
      range = (pair.value as Node | null)?.range ?? (isScalar(pair.key) ? pair.key.range : range);
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) {
        exact = false;
        break;
      }
      node = item;
      range = (item as Node | null)?.range ?? range;
    } else {
      exact = false;
      break;
    }
  }
  if (!range) return { line: 1, column: 1, exact: false };
  const p = document.lines.linePos(range[0] ?? 0);
  return { line: p.line, column: p.col, exact };
}
