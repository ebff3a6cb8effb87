// Shapes of credentials that may turn up in text we did not write (a gateway echoing a header, an
// error quoting a URL): PATs, bearer/basic values, JWTs, and key=value pairs with secret names.
const PATTERNS: RegExp[] = [
  /\bdapi[0-9a-f]{20,}(-\d+)?\b/gi,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  /\b((?:access_|refresh_|id_)?token|client_secret|password|assertion|subject_token)(["']?\s*[=:]\s*["']?)[^\s"'&,}]+/gi,
];

/** Replaces known secret values and anything shaped like a credential with `[REDACTED]`. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[REDACTED]");
  for (const re of PATTERNS) {
    out = out.replace(re, (match, ...groups: unknown[]) => {
      const [name, sep] = groups;
      if (typeof name === "string" && typeof sep === "string" && /[=:]/.test(sep)) return `${name}${sep}[REDACTED]`;
      if (/^(Bearer|Basic)\s/i.test(match)) return `${match.split(/\s+/)[0]} [REDACTED]`;
      return "[REDACTED]";
    });
  }
  return out;
}
