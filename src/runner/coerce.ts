/**
 * Typed notebook parameters → the strings Databricks passes to widgets. Every base_parameters value is
 * a string on the wire, so the type only decides what is accepted and which spelling is sent: one
 * canonical form per value, so `--param rows=007` and `rows: 7` reach the notebook as the same "7".
 */
export type ParameterType = "string" | "int" | "float" | "bool" | "date" | "datetime" | "json";

export type Coerced = { ok: true; value: string } | { ok: false; reason: string };

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "yes", "on", "1"]);
const FALSE = new Set(["false", "no", "off", "0"]);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const ok = (value: string): Coerced => ({ ok: true, value });
const fail = (reason: string): Coerced => ({ ok: false, reason });

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

function coerceDatetime(text: string): Coerced {
  const m = DATETIME.exec(text.trim());
  if (!m || !validDate(m[1] as string)) return fail("expected an ISO-8601 date and time such as 2024-01-31T06:00:00Z");
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? "0")];
  if (hh > 23 || mm > 59 || ss > 59) return fail("the time of day is out of range");
  let zone = m[6] ?? "";
  if (zone.toLowerCase() === "z") zone = "Z";
  // "+0100" and "+01:00" mean the same; send the extended form so notebooks parse one spelling.
  else if (zone !== "") zone = `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  // Without a zone the value stays local time: converting it would invent a zone the user never gave.
  return ok(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? "00"}${m[5] ?? ""}${zone}`);
}

function compactJson(value: unknown): Coerced {
  if (typeof value !== "string") return ok(JSON.stringify(value));
  try {
    return ok(JSON.stringify(JSON.parse(value)));
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
}

/**
 * One value (from YAML, so possibly a number or boolean, or from --param, always a string) checked
 * against its type. null/undefined are the caller's concern: they mean "no value", not a value.
 */
export function coerceValue(type: ParameterType, value: string | number | boolean): Coerced {
  const text = typeof value === "string" ? value.trim() : String(value);
  switch (type) {
    case "string":
      return ok(typeof value === "string" ? value : String(value));
    case "int":
      if (typeof value === "number" && !Number.isInteger(value)) return fail(`expected a whole number, got ${value}`);
      if (!INT.test(text)) return fail(`expected a whole number, got "${text}"`);
      // BigInt keeps int64 values exact and drops leading zeros and "+".
      return ok(BigInt(text).toString());
    case "float": {
      if (typeof value === "boolean" || !FLOAT.test(text)) return fail(`expected a number, got "${text}"`);
      const n = Number(text);
      return Number.isFinite(n) ? ok(String(n)) : fail(`"${text}" is out of range for a number`);
    }
    case "bool": {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return ok("true");
      if (FALSE.has(lower)) return ok("false");
      return fail(`expected true or false, got "${text}"`);
    }
    case "date":
      return validDate(text) ? ok(text) : fail(`expected a date as YYYY-MM-DD, got "${text}"`);
    case "datetime":
      return coerceDatetime(text);
    case "json":
      return compactJson(value);
  }
}
