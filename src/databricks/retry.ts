import { ApiError, NetworkError } from "./errors.js";

export interface RetryOptions {
  /** Overall budget for one call including waits; the official SDKs use five minutes. */
  deadlineMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Wait used when a 429/503 carries no usable Retry-After (the Python SDK's choice). */
  defaultRetryAfterMs?: number;
  /** In [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

export type Verdict =
  | { kind: "retry"; delayMs: number; throttled: boolean }
  | { kind: "fail" }
  /** The write may have happened and cannot be repeated safely. */
  | { kind: "ambiguous" };

const THROTTLE_CODES = new Set(["REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED"]);

// Codes for failures that happen before any byte could have been written to the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);
// A mistyped host will not start resolving within the retry budget, and a client closed under a request (the
// command already failed elsewhere) never opens again: fail at once.
const FATAL_NETWORK = new Set(["ENOTFOUND", "EPROTO", "UND_ERR_CLOSED", "UND_ERR_DESTROYED"]);
// Nothing listens there: a restarting server comes back within seconds or not at all, so a few quick
// tries, not five minutes of them.
const REFUSED_ATTEMPTS = 3;
const TIMEOUTS = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/** Certificate and handshake failures (OpenSSL's and Node's codes): the same server fails the same way again. */
export function isTlsFailure(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code) || code === "EPROTO";
}

export function networkFailureWasSent(code: string): boolean {
  return !NOT_SENT.has(code) && !isTlsFailure(code);
}

/** The longest wait a Retry-After may ask for; a proxy's "come back tomorrow" is not a reason to hang CI. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Integer seconds per Databricks; an HTTP date is tolerated since proxies may rewrite it. Clamped to
 * [0, MAX_RETRY_AFTER_MS]; anything else (negative, fractional, garbage) counts as absent.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const clamp = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  if (/^\d+$/.test(trimmed)) return clamp(Number(trimmed) * 1000);
  // Date.parse reads "-5" or "12.5" as years; only a real HTTP date (it names a weekday or month) counts.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : clamp(date - nowMs);
}

export function isThrottle(err: ApiError): boolean {
  return err.status === 429 || THROTTLE_CODES.has(err.errorCode);
}

export class RetryPolicy {
  readonly deadlineMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly random: () => number;

  constructor(options: RetryOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? 5 * 60_000;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? 1000;
    this.random = options.random ?? Math.random;
  }

  /** Exponential with jitter in [½, 1] of the step so a crowd of clients spreads out. */
  backoff(attempt: number): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return step * (0.5 + this.random() / 2);
  }

  /**
   * What to do after `err` on the `attempt`-th try (1-based). `idempotent` says whether repeating
   * the call after it may have been processed is harmless.
   */
  decide(err: unknown, attempt: number, idempotent: boolean, retryAfterMs: number | undefined): Verdict {
    if (err instanceof ApiError) {
      // A throttled request was refused before processing, so even a create may go again.
      if (isThrottle(err)) {
        return { kind: "retry", delayMs: this.retryAfterDelay(retryAfterMs), throttled: true };
      }
      if (err.status === 503 || err.status === 502 || err.status === 504) {
        // A 503 usually means "not processed", but a gateway can send one after the backend
        // committed (a lost response); without a token, a create must not be repeated blindly.
        if (!idempotent) return { kind: "ambiguous" };
        const delayMs = err.status === 503 ? this.retryAfterDelay(retryAfterMs, attempt) : this.backoff(attempt);
        return { kind: "retry", delayMs, throttled: false };
      }
      return { kind: "fail" };
    }
    if (err instanceof NetworkError) {
      if (FATAL_NETWORK.has(err.code) || isTlsFailure(err.code)) return { kind: "fail" };
      if (err.code === "ECONNREFUSED" && attempt >= REFUSED_ATTEMPTS) return { kind: "fail" };
      if (err.maybeSent && !idempotent) return { kind: "ambiguous" };
      // A server that took the whole timeout to not answer will likely do so again: one timeout, not five.
      if (TIMEOUTS.has(err.code)) return { kind: "fail" };
      return { kind: "retry", delayMs: this.backoff(attempt), throttled: false };
    }
    return { kind: "fail" };
  }

  private retryAfterDelay(retryAfterMs: number | undefined, attempt?: number): number {
    if (retryAfterMs !== undefined) return retryAfterMs + this.random() * 250;
    return attempt === undefined ? this.defaultRetryAfterMs + this.random() * 250 : Math.max(this.defaultRetryAfterMs, this.backoff(attempt));
  }
}
