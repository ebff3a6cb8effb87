import type { Dispatcher } from "undici";
import { parseJson, stringifyJson } from "../lib/json.js";
import type { CredentialsProvider } from "./auth/types.js";
import { systemClock } from "./clock.js";
import type { Clock } from "./clock.js";
import { AmbiguousWriteError, ApiError, NetworkError, errorFromResponse } from "./errors.js";
import { isIdempotent } from "./idempotency.js";
import { RateLimiters, familyKey } from "./rateLimiter.js";
import type { LimiterOptions } from "./rateLimiter.js";
import { redact } from "./redact.js";
import { RetryPolicy, parseRetryAfter } from "./retry.js";
import type { RetryOptions } from "./retry.js";
import { Semaphore } from "./semaphore.js";
import { createDispatcher, createHttpSend } from "./transport.js";
import type { HttpResponse, HttpSend } from "./transport.js";
import { AuthRejectedError } from "./auth/errors.js";
import { JobsApi } from "./endpoints/jobs.js";
import { PermissionsApi } from "./endpoints/permissions.js";
import { RunsApi } from "./endpoints/runs.js";
import { ScimApi } from "./endpoints/scim.js";
import { WorkspaceApi } from "./endpoints/workspace.js";

export type QueryValue = string | number | bigint | boolean | undefined | null | readonly (string | number | bigint)[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Overrides the path-based idempotency table (see idempotency.ts). */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface ClientOptions {
  /** A provider, or a factory that gets the client's own transport for reaching token endpoints. */
  credentials: CredentialsProvider | ((send: HttpSend) => CredentialsProvider);
  /** Per-request timeout for the answer's headers and body. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxConcurrency?: number;
  retry?: RetryOptions;
  limiter?: LimiterOptions;
  clock?: Clock;
  /** `--verbose` sink: one line per attempt (method, path, status, duration, retries). */
  log?: (line: string) => void;
  /** Proxy environment and the like; defaults to none so tests are hermetic. */
  env?: Record<string, string | undefined>;
  dispatcher?: Dispatcher;
  /** Replaces the wire entirely (tests, the emulator in-process). */
  send?: HttpSend;
  userAgent?: string;
}

export function buildQuery(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/**
 * The JSON of a 2xx answer. An SSO or proxy page (HTML with status 200) or a body cut short is an ApiError
 * naming the request, not a parse failure from deep inside the client.
 */
function parseAnswer(res: HttpResponse, method: string, path: string): unknown {
  if (!res.text.trim()) return {};
  try {
    return parseJson(res.text);
  } catch {
    const type = res.headers["content-type"] ?? "no content type";
    const why = /^\s*</.test(res.text)
      ? `answered with an HTML page (${type}) instead of JSON: a sign-in or proxy page? check the host and that the network reaches the workspace directly`
      : `answered with a body that is not JSON or was cut short (${res.text.length} bytes, ${type})`;
    throw new ApiError(res.status, "", why, method, path, res.headers["x-request-id"]);
  }
}

function redirectError(res: HttpResponse, method: string, path: string): ApiError {
  let to = "another address";
  try {
    to = new URL(res.headers["location"] ?? "").origin;
  } catch {
    // no usable Location
  }
  return new ApiError(res.status, "", `redirected to ${to}, which jobform does not follow (credentials stay with the configured host); check the workspace host (a sign-in page or a moved workspace?)`, method, path, res.headers["x-request-id"]);
}

/** The HTTP edge to one workspace: auth, limits, retries, lossless JSON. */
export class DatabricksClient {
  readonly host: string;
  readonly jobs: JobsApi = new JobsApi(this);
  readonly runs: RunsApi = new RunsApi(this);
  readonly permissions: PermissionsApi = new PermissionsApi(this);
  readonly workspace: WorkspaceApi = new WorkspaceApi(this);
  readonly scim: ScimApi = new ScimApi(this);
  private readonly send: HttpSend;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly ownsDispatcher: boolean;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly limiters: RateLimiters;
  private readonly slots: Semaphore;
  private readonly timeoutMs: number;
  private readonly credentials: CredentialsProvider;
  private readonly logSink: ((line: string) => void) | undefined;
  private readonly userAgent: string;

  constructor(host: string, options: ClientOptions) {
    this.host = host.replace(/\/+$/, "");
    this.clock = options.clock ?? systemClock;
    this.policy = new RetryPolicy(options.retry);
    this.limiters = new RateLimiters(this.clock, options.limiter);
    const connections = options.maxConcurrency ?? 16;
    this.slots = new Semaphore(connections);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.logSink = options.log;
    this.userAgent = options.userAgent ?? "jobform/0.1.0";
    if (options.send) {
      this.send = options.send;
      this.ownsDispatcher = false;
    } else {
      this.dispatcher = options.dispatcher ?? createDispatcher({ connections, connectTimeoutMs: options.connectTimeoutMs, env: options.env });
      this.ownsDispatcher = !options.dispatcher;
      this.send = createHttpSend(this.dispatcher);
    }
    this.credentials = typeof options.credentials === "function" ? options.credentials(this.send) : options.credentials;
  }

  get authType(): string {
    return this.credentials.authType;
  }

  /** One call with retries; resolves to the parsed JSON answer (`{}` for an empty body). */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const m = method.toUpperCase();
    const idempotent = options.idempotent ?? isIdempotent(m, path, options.body);
    const url = `${this.host}${path.startsWith("/") ? path : `/${path}`}${buildQuery(options.query)}`;
    const body = options.body === undefined ? undefined : stringifyJson(options.body);
    const family = familyKey(m, path);
    const started = this.clock.now();
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      const { limiter, ticket } = await this.limiters.acquire(family, options.signal);
      const t0 = this.clock.now();
      let res: HttpResponse;
      try {
        const auth = await this.credentials.headers(options.signal);
        res = await this.slots.run(() =>
          this.send({
            method: m,
            url,
            headers: {
              ...auth,
              accept: "application/json",
              "user-agent": this.userAgent,
              ...(body !== undefined ? { "content-type": "application/json" } : {}),
            },
            body,
            timeoutMs: this.timeoutMs,
            signal: options.signal,
          }),
        );
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        this.log(`${m} ${path} ${err.code} ${Math.round(this.clock.now() - t0)}ms attempt ${attempt}`);
        await this.afterFailure(err, attempt, idempotent, undefined, started, options.signal);
        continue;
      }
      this.log(`${m} ${path} ${res.status} ${Math.round(this.clock.now() - t0)}ms${attempt > 1 ? ` attempt ${attempt}` : ""}`);
      if (res.status >= 200 && res.status < 300) {
        limiter.onSuccess(ticket);
        return parseAnswer(res, m, path) as T;
      }
      // Never followed: the Authorization header must not travel to whatever host a proxy points at.
      if (res.status >= 300 && res.status < 400) throw redirectError(res, m, path);
      const err = errorFromResponse(res.status, redact(res.text, this.credentials.secrets()), m, path, res.headers["x-request-id"] ?? res.headers["x-databricks-request-id"]);
      if (res.status === 429 || err.errorCode === "REQUEST_LIMIT_EXCEEDED") limiter.onThrottle(ticket);
      if (res.status === 401) {
        // An expired OAuth token is refreshed once; a second refusal is the user's to fix.
        if (!reauthenticated && this.credentials.invalidate) {
          reauthenticated = true;
          this.credentials.invalidate();
          continue;
        }
        throw new AuthRejectedError(this.credentials.authType, err.message);
      }
      if (res.status === 403 && /invalid access token|token is expired|invalid token/i.test(err.message)) {
        throw new AuthRejectedError(this.credentials.authType, err.message);
      }
      await this.afterFailure(err, attempt, idempotent, parseRetryAfter(res.headers["retry-after"], Date.now()), started, options.signal);
    }
  }

  /** Sleeps before the next attempt, or throws when the policy or the deadline says stop. */
  private async afterFailure(
    err: ApiError | NetworkError,
    attempt: number,
    idempotent: boolean,
    retryAfterMs: number | undefined,
    started: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const verdict = this.policy.decide(err, attempt, idempotent, retryAfterMs);
    if (verdict.kind === "ambiguous") throw new AmbiguousWriteError(err.method, err.path, err);
    if (verdict.kind === "fail") {
      err.attempts = attempt;
      throw err;
    }
    const elapsed = this.clock.now() - started;
    if (elapsed + verdict.delayMs > this.policy.deadlineMs) {
      err.attempts = attempt;
      this.log(`${err.method} ${err.path} giving up after ${attempt} attempts`);
      throw err;
    }
    this.log(`${err.method} ${err.path} retrying in ${Math.round(verdict.delayMs)}ms`);
    await this.clock.sleep(verdict.delayMs, signal);
  }

  private log(line: string): void {
    if (this.logSink) this.logSink(redact(line, this.credentials.secrets()));
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher && this.dispatcher) await this.dispatcher.close();
  }
}
