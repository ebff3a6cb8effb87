import { randomUUID } from "node:crypto";

// POSTs whose repetition leaves the workspace as one call would: full replaces, deletes, cancels.
const SAFE_POSTS = [
  /\/jobs\/(reset|update|delete)$/,
  /\/jobs\/runs\/(cancel|cancel-all|delete)$/,
  /\/workspace\/(mkdirs|delete)$/,
];
// Safe only with the exactly-once token the API offers for them.
const TOKENED_POSTS = /\/jobs\/(run-now|runs\/submit)$/;

function field(body: unknown, name: string): unknown {
  return body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
}

/** Whether sending this call twice is harmless, so a lost answer may be retried. */
export function isIdempotent(method: string, path: string, body?: unknown): boolean {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD" || m === "PUT" || m === "DELETE") return true;
  // Permissions PATCH sets levels for the listed principals: applying it twice changes nothing more.
  if (m === "PATCH") return /\/permissions\//.test(path);
  if (m !== "POST") return false;
  if (SAFE_POSTS.some((re) => re.test(path))) return true;
  if (TOKENED_POSTS.test(path)) return typeof field(body, "idempotency_token") === "string";
  if (/\/workspace\/import$/.test(path)) return field(body, "overwrite") === true;
  return false;
}

/** A fresh token for one logical run; the API keeps at most 64 characters. */
export function mintIdempotencyToken(): string {
  return `jobform-${randomUUID()}`;
}
