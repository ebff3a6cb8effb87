import { parseJson } from "../lib/json.js";

/** A structured failure answered by the workspace (or a gateway in front of it). */
export class ApiError extends Error {
  /** How many times the call was sent before this answer was final. */
  attempts = 1;

  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly method: string,
    readonly path: string,
    readonly requestId: string | undefined,
    /** The parsed body, when it was JSON; what `jobform api` prints on failure. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  override toString(): string {
    const code = this.errorCode ? ` ${this.errorCode}` : "";
    const tries = this.attempts > 1 ? ` (after ${this.attempts} attempts)` : "";
    return `${this.method} ${this.path}: ${this.status}${code}: ${this.message}${tries}`;
  }
}

/** The request never got an HTTP answer (DNS, refused, reset, timeout, TLS). */
export class NetworkError extends Error {
  attempts = 1;

  constructor(
    readonly code: string,
    message: string,
    readonly method: string,
    readonly path: string,
    /** False when the failure happened before any byte of the request could have reached the server. */
    readonly maybeSent: boolean,
  ) {
    super(`${method} ${path}: ${message}`);
    this.name = "NetworkError";
  }
}

/**
 * A write that is not safe to repeat may or may not have happened: the request went out and the
 * answer was lost. Retrying could duplicate it (jobs/create has no idempotency token), so the caller
 * must look the object up before trying again.
 */
export class AmbiguousWriteError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    override readonly cause: Error,
  ) {
    super(`${method} ${path}: the outcome is unknown (${cause.message}); check whether it took effect before retrying`);
    this.name = "AmbiguousWriteError";
  }
}

// Jobs and runs have answered a missing id with 400 INVALID_PARAMETER_VALUE for years while newer
// stacks say 404; every official SDK re-labels the 400 form, so we match its wording too.
const MISSING_MESSAGE = /\b(does not exist|doesn't exist)\b/i;

/** True for every way the API says "no such job/run/path/object". */
export function isNotFound(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 404 || err.errorCode === "RESOURCE_DOES_NOT_EXIST" || err.errorCode === "NOT_FOUND") return true;
  return err.status === 400 && err.errorCode === "INVALID_PARAMETER_VALUE" && MISSING_MESSAGE.test(err.message);
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const MAX_MESSAGE = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function requestIdFromDetails(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const id = d && typeof d === "object" ? str((d as Record<string, unknown>)["request_id"]) : undefined;
    if (id) return id;
  }
  return undefined;
}

/**
 * Builds the error for a non-2xx answer from whatever the body is: the Databricks JSON shape, the
 * older `{"error": ...}` and SCIM shapes, plain `CODE: message` text, or a gateway's HTML page.
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  method: string,
  path: string,
  headerRequestId?: string,
): ApiError {
  let parsed: unknown;
  try {
    parsed = bodyText.trim() ? parseJson(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  let code = "";
  let message = "";
  let requestId = headerRequestId;
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    const o = parsed as Record<string, unknown>;
    code = str(o["error_code"]) ?? str(o["scimType"]) ?? "";
    message = str(o["message"]) ?? str(o["error"]) ?? str(o["detail"]) ?? "";
    requestId = requestIdFromDetails(o["details"]) ?? requestId;
  } else if (bodyText.trim()) {
    const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(bodyText);
    const title = /<title>([\s\S]*?)<\/title>/i.exec(bodyText);
    const plain = /^([A-Z][A-Z_]+): (.*)$/s.exec(bodyText.trim());
    if (pre?.[1]) message = pre[1];
    else if (title?.[1]) message = title[1];
    else if (plain?.[1] && plain[2]) [code, message] = [plain[1], plain[2]];
    else if (!/^\s*</.test(bodyText)) message = bodyText;
  }
  if (!message) message = REASONS[status] ?? `HTTP ${status}`;
  return new ApiError(status, code, clip(message), method, path, requestId, parsed);
}
