// Reading fields out of request bodies and query strings the way the service does: ids may be JSON
// numbers, bigints (above 2^53) or numeric strings; page tokens are opaque to clients.
import type { EmuRequest } from "./types.js";
import type { Json } from "./state.js";
import { invalid, missingField } from "./errors.js";
import { isObject } from "./defaults.js";

export function bodyObject(req: EmuRequest): Json {
  if (req.body === undefined) return {};
  if (!isObject(req.body)) throw invalid("Invalid JSON given in the body of the request - expected a map");
  return req.body;
}

const DIGITS = /^-?\d+$/;

/** An int64 id from a body field or query value, as decimal text. */
export function idField(value: unknown, name: string): string {
  if (value === undefined || value === null || value === "") throw missingField(name);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  if (typeof value === "string" && DIGITS.test(value)) return BigInt(value).toString();
  throw invalid(`Invalid value for ${name}: ${String(value)}`);
}

export function boolParam(q: URLSearchParams, name: string): boolean {
  return q.get(name) === "true";
}

export function encodePageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function decodePageToken(token: string | null): number {
  if (token === null || token === "") return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString());
  if (!m) throw invalid(`Invalid page token: ${token}`);
  return Number(m[1]);
}
