/**
 * A small lexer shared by the four notebook languages. It only needs to be right about what is a
 * string, a comment or a bracket: a regex over raw lines cannot tell a declaration from one that is
 * commented out, quoted in a docstring or split across lines.
 */

export type Dialect = "python" | "scala" | "r" | "sql";

export type TokenKind = "ident" | "str" | "num" | "op" | "nl" | "comment";

export interface Token {
  kind: TokenKind;
  /** The raw source text of the token. */
  text: string;
  /** Decoded value of a string literal, or the unquoted name of a backticked identifier. */
  value?: string;
  /** A string with interpolation fields (f"{x}", s"$x"): its value depends on runtime data. */
  interpolated?: boolean;
  start: number;
  end: number;
  /** 1-based line within the text that was lexed. */
  line: number;
  /** 0-based column of the first character. */
  col: number;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;
const DIGIT = /[0-9]/;
// Only the operators whose single-character prefix would mislead a caller (`=` vs `==`, `:` vs `::`).
const TWO_CHAR_OPS = new Set(["==", "!=", "<=", ">=", "=>", ":=", "::", "<-", "->", "**"]);

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "`": "`", "0": "\0", b: "\b", f: "\f", v: "\v", a: "\x07",
  "\n": "",
};

/** Decodes backslash escapes; unknown escapes keep their backslash, as Python does. */
export function decodeEscapes(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1] as string;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const hex = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    const digits = hex ? body.slice(i + 2, i + 2 + hex) : "";
    if (hex && digits.length === hex && /^[0-9a-fA-F]+$/.test(digits)) {
      out += String.fromCodePoint(parseInt(digits, 16));
      i += 1 + hex;
      continue;
    }
    out += ch + next;
    i++;
  }
  return out;
}

class Lexer {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  readonly tokens: Token[] = [];

  constructor(
    private readonly src: string,
    private readonly dialect: Dialect,
  ) {
    for (let i = 0; i < src.length; i++) if (src[i] === "\n") this.lineStarts.push(i + 1);
  }

  run(): Token[] {
    const { src } = this;
    while (this.pos < src.length) {
      const ch = src[this.pos] as string;
      const start = this.pos;
      if (ch === "\n") {
        this.push("nl", start, start + 1);
        this.pos++;
      } else if (ch === " " || ch === "\t" || ch === "\r" || ch === "\f") {
        this.pos++;
      } else if (ch === "\\" && this.dialect === "python" && /^\\\r?\n/.test(src.slice(start, start + 3))) {
        // Explicit line joining: the statement continues, so no newline token.
        this.pos = src.indexOf("\n", start) + 1;
      } else if (this.startsLineComment()) {
        const eol = src.indexOf("\n", start);
        this.pos = eol < 0 ? src.length : eol;
        this.push("comment", start, this.pos);
      } else if (this.startsBlockComment()) {
        this.blockComment();
      } else if (IDENT_START.test(ch)) {
        this.identOrPrefixedString();
      } else if (DIGIT.test(ch) || (ch === "." && DIGIT.test(src[start + 1] ?? ""))) {
        this.number();
      } else if (ch === '"' || ch === "'") {
        if (this.dialect === "scala" && ch === "'") this.scalaQuote();
        else this.string(start, "", start);
      } else if (ch === "`" && (this.dialect === "sql" || this.dialect === "scala" || this.dialect === "r")) {
        this.backtickIdent();
      } else {
        const two = src.slice(start, start + 2);
        const len = TWO_CHAR_OPS.has(two) && !(two === "**" && this.dialect !== "python") ? 2 : 1;
        this.pos += len;
        this.push("op", start, this.pos);
      }
    }
    return this.tokens;
  }

  private push(kind: TokenKind, start: number, end: number, extra?: Partial<Token>): Token {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= start) lo = mid;
      else hi = mid - 1;
    }
    const token: Token = { kind, text: this.src.slice(start, end), start, end, line: lo + 1, col: start - (this.lineStarts[lo] as number), ...extra };
    this.tokens.push(token);
    return token;
  }

  private startsLineComment(): boolean {
    const rest = this.src.slice(this.pos, this.pos + 2);
    if (this.dialect === "python" || this.dialect === "r") return rest[0] === "#";
    if (this.dialect === "scala") return rest === "//";
    return rest === "--";
  }

  private startsBlockComment(): boolean {
    return (this.dialect === "scala" || this.dialect === "sql") && this.src.startsWith("/*", this.pos);
  }

  private blockComment(): void {
    // Both Scala and Spark SQL let bracketed comments nest.
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      if (this.src.startsWith("/*", this.pos)) {
        depth++;
        this.pos += 2;
      } else if (this.src.startsWith("*/", this.pos)) {
        depth--;
        this.pos += 2;
        if (depth === 0) break;
      } else {
        this.pos++;
      }
    }
    this.push("comment", start, this.pos);
  }

  private identOrPrefixedString(): void {
    const start = this.pos;
    while (this.pos < this.src.length && IDENT_PART.test(this.src[this.pos] as string)) this.pos++;
    const word = this.src.slice(start, this.pos);
    const quote = this.src[this.pos];
    if (quote === '"' || quote === "'") {
      if (this.dialect === "python" && /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(word)) return this.string(this.pos, word, start);
      if (this.dialect === "scala" && quote === '"') return this.string(this.pos, word, start);
      if (this.dialect === "r" && /^[rR]$/.test(word)) return this.rRawString(start);
      if (this.dialect === "sql" && /^[rR]$/.test(word)) return this.string(this.pos, word, start);
    }
    this.push("ident", start, this.pos);
  }

  private number(): void {
    const m = /^(?:0[xX][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]+(?:[eE][+-]?[0-9_]+)?)[a-zA-Z]*/.exec(this.src.slice(this.pos));
    const start = this.pos;
    this.pos += m ? m[0].length : 1;
    this.push("num", start, this.pos);
  }

  /** `quoteAt` is the opening quote; `prefix` is the Python prefix or Scala interpolator before it. */
  private string(quoteAt: number, prefix: string, start: number): void {
    const { src } = this;
    const q = src[quoteAt] as string;
    const triple = (this.dialect === "python" || this.dialect === "scala") && src.startsWith(q.repeat(3), quoteAt);
    const close = triple ? q.repeat(3) : q;
    const p = prefix.toLowerCase();
    const raw = p.includes("r") || (this.dialect === "scala" && (triple || prefix === "raw"));
    let i = quoteAt + close.length;
    const bodyStart = i;
    while (i < src.length) {
      if (src[i] === "\\" && !(this.dialect === "scala" && triple)) {
        i += 2;
        continue;
      }
      if (src.startsWith(close, i)) break;
      // An unterminated single-quoted string ends at the line end, so one typo cannot swallow a cell.
      if (src[i] === "\n" && !triple && this.dialect !== "r" && this.dialect !== "sql") break;
      i++;
    }
    const body = src.slice(bodyStart, Math.min(i, src.length));
    this.pos = Math.min(src.length, src.startsWith(close, i) ? i + close.length : i);
    let value = raw ? body : decodeEscapes(body);
    let interpolated = false;
    if (this.dialect === "python" && p.includes("f")) {
      interpolated = /\{(?!\{)/.test(body.replace(/\{\{/g, ""));
      value = value.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
    } else if (this.dialect === "scala" && prefix !== "" && prefix !== "raw") {
      interpolated = /\$(?!\$)/.test(body.replace(/\$\$/g, ""));
      value = value.replace(/\$\$/g, "$");
    } else if (this.dialect === "scala" && prefix === "raw") {
      interpolated = /\$(?!\$)/.test(body.replace(/\$\$/g, ""));
    }
    this.push("str", start, this.pos, { value, interpolated });
  }

  private rRawString(start: number): void {
    // R 4.0 raw strings: r"(...)", r"[...]", r"{...}" with optional dashes that must match at the end.
    const m = /^[rR](["'])(-*)([([{])/.exec(this.src.slice(start));
    if (!m) {
      this.pos = start + 1;
      this.push("ident", start, this.pos);
      return;
    }
    const [open, quote, dashes, bracket] = m as unknown as [string, string, string, string];
    const closer = ({ "(": ")", "[": "]", "{": "}" } as Record<string, string>)[bracket] + dashes + quote;
    const end = this.src.indexOf(closer, start + open.length);
    const stop = end < 0 ? this.src.length : end;
    this.pos = end < 0 ? this.src.length : end + closer.length;
    this.push("str", start, this.pos, { value: this.src.slice(start + open.length, stop) });
  }

  private scalaQuote(): void {
    // 'a' and '\n' are Char literals; anything else ('sym) is an old Symbol: not a string.
    const m = /^'(?:\\.|[^'\\\n])'/.exec(this.src.slice(this.pos));
    const start = this.pos;
    if (m) {
      this.pos += m[0].length;
      this.push("str", start, this.pos, { value: decodeEscapes(m[0].slice(1, -1)) });
    } else {
      this.pos++;
      this.push("op", start, this.pos);
    }
  }

  private backtickIdent(): void {
    const start = this.pos;
    let i = start + 1;
    let name = "";
    while (i < this.src.length) {
      if (this.src[i] === "`") {
        // A doubled backtick is an escaped backtick inside the name (Spark SQL).
        if (this.src[i + 1] === "`") {
          name += "`";
          i += 2;
          continue;
        }
        break;
      }
      name += this.src[i];
      i++;
    }
    this.pos = Math.min(this.src.length, i + 1);
    this.push("ident", start, this.pos, { value: name });
  }
}

export function tokenize(src: string, dialect: Dialect): Token[] {
  return new Lexer(src, dialect).run();
}

/** Name of an identifier token, unquoting backticks. */
export function identName(token: Token): string {
  return token.value ?? token.text;
}
