import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node, YAMLError } from "yaml";
import type { Code } from "./codes.js";
import type { Diagnostic } from "./diagnostic.js";
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_LINE_LENGTH, MAX_LINES } from "./input-limits.js";
import { NOT_BUILT, toValue } from "./yaml-value.js";
import { pointerSegments } from "./pointer.js";

/** A file as the edge read it: bytes, so that encoding problems are ours to report. */
export interface SourceFile {
  /** Project-relative path with forward slashes. */
  path: string;
  bytes: Uint8Array;
  /** Bytes actually read, when the edge stopped reading a file that was too large. */
  size?: number;
  /** Why the edge did not read it (a device, a symlink out of the project, a limit): reported, never skipped. */
  problem?: { code: "JF090" | "JF091"; message: string };
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

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function fileDiagnostic(file: string, code: Code, message: string, pos: Position = { line: 0, column: 0 }, path = ""): Diagnostic {
  return { severity: "error", code, message, file, line: pos.line, column: pos.column, path };
}

function bytePosition(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function utf16(bytes: Uint8Array): boolean {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // Without a byte order mark, ASCII text in UTF-16 has a NUL in every other byte.
  const bare = bytes.length >= 4 && ((bytes[0] !== 0 && bytes[1] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0));
  return bom || bare;
}

function decode(file: SourceFile): { text?: string; diagnostic?: Diagnostic } {
  const size = file.size ?? file.bytes.length;
  if (size > MAX_FILE_BYTES) {
    // MAX + 1 is where the edge stopped reading something without a size (a device grows without end).
    const read = size === MAX_FILE_BYTES + 1 ? "more than " : "";
    return { diagnostic: fileDiagnostic(file.path, "JF004", `file is ${read}${(size / 1024 / 1024).toFixed(1)} MB; a job definition must stay under 10 MB (the Jobs API request limit)`) };
  }
  if (utf16(file.bytes)) return { diagnostic: fileDiagnostic(file.path, "JF003", "file is UTF-16 (or UTF-32) text; save it as UTF-8", { line: 1, column: 1 }) };
  const nul = file.bytes.indexOf(0);
  if (nul >= 0) return { diagnostic: fileDiagnostic(file.path, "JF003", `file contains a NUL byte at offset ${nul}; is it a binary file?`, bytePosition(file.bytes, nul)) };
  try {
    let text = utf8.decode(file.bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { diagnostic: fileDiagnostic(file.path, "JF003", "file is not valid UTF-8; save it as UTF-8") };
  }
}

/**
 * The first line-level limit `text` breaks, checked before parsing: the parser's time and memory grow with
 * the number of nodes (a 9.9 MB mapping costs it a gigabyte), and lines plus flow items bound that number.
 */
function tooBig(text: string): { message: string; pos?: Position } | undefined {
  let line = 1;
  let items = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (i - start > MAX_LINE_LENGTH) return { message: `line ${line} is longer than ${MAX_LINE_LENGTH} characters`, pos: { line, column: MAX_LINE_LENGTH + 1 } };
      line++;
      start = i + 1;
    } else if (c === 44) items++;
  }
  if (text.length - start > MAX_LINE_LENGTH) return { message: `line ${line} is longer than ${MAX_LINE_LENGTH} characters`, pos: { line, column: MAX_LINE_LENGTH + 1 } };
  if (line + items > MAX_LINES) return { message: `file has ${line} lines and ${items} flow items (commas), more than ${MAX_LINES} together; split it into several jobs` };
  return undefined;
}

/** The first syntax error only: after one, the parser's further complaints are mostly echoes of it. */
function syntaxError(file: string, text: string, e: YAMLError, at: (offset: number) => Position): Diagnostic {
  const offset = e.pos[0];
  // The parser recurses per nesting level and reports running out of stack as an error of its own.
  if (/call stack/i.test(e.message)) return fileDiagnostic(file, "JF091", `nesting is deeper than ${MAX_DEPTH} levels`, at(offset));
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  // An unquoted `${…}` opens a flow mapping at `{`; the parser's message then says nothing about the cause.
  const ref = /\$\{[^}\s]*\}?/.exec(line)?.[0];
  const hint = ref !== undefined ? ` — a value starting with "\${" must be quoted: "${ref}"` : "";
  return fileDiagnostic(file, "JF001", firstLine(e.message) + hint, at(offset));
}

/**
 * Parses one YAML file (YAML 1.2 core schema, unique keys, bounded size, depth and alias expansion).
 * Never throws.
 */
export function loadFile(file: SourceFile): { document?: LoadedDocument; diagnostics: Diagnostic[] } {
  if (file.problem !== undefined) return { diagnostics: [fileDiagnostic(file.path, file.problem.code, `${file.path} ${file.problem.message}`)] };
  const decoded = decode(file);
  if (decoded.diagnostic) return { diagnostics: [decoded.diagnostic] };
  const text = decoded.text ?? "";
  const big = tooBig(text);
  if (big) return { diagnostics: [fileDiagnostic(file.path, "JF091", big.message, big.pos)] };
  const lines = new LineCounter();
  let doc: Document;
  try {
    // Duplicate keys are checked in one pass below: the parser's own check compares every pair of keys.
    doc = parseDocument(text, { lineCounter: lines, schema: "core", uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (e) {
    if (e instanceof RangeError) return { diagnostics: [fileDiagnostic(file.path, "JF091", `nesting is too deep to parse (at most ${MAX_DEPTH} levels)`)] };
    throw e;
  }
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first) return { diagnostics: [syntaxError(file.path, text, first, at)] };
  const diagnostics: Diagnostic[] = [];
  for (const w of doc.warnings) {
    if (w.code === "TAG_RESOLVE_FAILED" || w.code === "BAD_DIRECTIVE") {
      diagnostics.push(fileDiagnostic(file.path, "JF009", firstLine(w.message), at(w.pos[0])));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { diagnostics: [fileDiagnostic(file.path, "JF005", "file is empty; a job definition is a YAML mapping (name, tasks, …)")] };
  }
  const built = toValue(doc.contents, text, (code, message, node) => diagnostics.push(fileDiagnostic(file.path, code, message, node?.range ? at(node.range[0]) : { line: 1, column: 1 })));
  if (diagnostics.length > 0 || built === NOT_BUILT) return { diagnostics };
  return { document: { file: file.path, text, value: built, doc, lines }, diagnostics };
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
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
