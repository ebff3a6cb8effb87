// Lossless JSON for the wire. Databricks job and run ids are int64 and may exceed 2^53, so an
// integer that a double cannot hold exactly is parsed as a bigint and written back digit for digit.
// Every other value round-trips exactly as JSON.parse/JSON.stringify would.
import { parse as losslessParse, stringify as losslessStringify, isInteger, isSafeNumber } from "lossless-json";

// A body with no run of 16+ digits cannot hold an unsafe integer: take the native fast path.
const LONG_DIGITS = /\d{16,}/;

function parseNumber(text: string): number | bigint {
  if (isInteger(text) && !isSafeNumber(text)) return BigInt(text);
  return Number(text);
}

/** Parses JSON text; integers outside ±(2^53−1) become bigints. Throws SyntaxError like JSON.parse. */
export function parseJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return losslessParse(text, null, parseNumber);
}

function hasBigInt(value: unknown, depth = 0): boolean {
  if (typeof value === "bigint") return true;
  if (value === null || typeof value !== "object" || depth > 64) return depth > 64;
  if (Array.isArray(value)) return value.some((v) => hasBigInt(v, depth + 1));
  for (const k in value) if (hasBigInt((value as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/** Serialises a value; bigints are written as plain JSON integers. */
export function stringifyJson(value: unknown, space?: number): string {
  if (!hasBigInt(value)) return JSON.stringify(value, null, space) ?? "null";
  return losslessStringify(value, null, space) ?? "null";
}

/** An id as the API carries it (number or bigint) to its exact decimal text. */
export function idToString(id: number | bigint | string): string {
  return typeof id === "string" ? id : id.toString();
}

/** Decimal text of an id back to the value the wire format uses: a number when safe, else a bigint. */
export function idFromString(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}
