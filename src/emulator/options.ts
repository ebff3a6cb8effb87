// Emulator options (the `jobform serve` flags, camelCase) and the parsers shared by the CLI and server.
import type { OutcomeRule } from "./state.js";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  token?: string;
  user?: string;
  /** "id:secret" strings. */
  oauthClients?: string[];
  /** "KIND:NAME" strings (user, group, service_principal): principals that exist besides --user and the clients. */
  principals?: string[];
  stateFile?: string;
  workspaceDir?: string;
  latencyMs?: number;
  /** "RPS" or "jobs/get=30,permissions=10" as on the CLI. */
  rateLimit?: string;
  chaos?: number;
  seed?: number;
  runDurationMs?: number;
  /** "GLOB=STATE" strings. */
  runOutcomes?: string[];
  checkPaths?: boolean;
  idStart?: bigint | number | string;
  /** A client must send its whole request head within this (default 10 s), else 408 and the socket closed. */
  headersTimeoutMs?: number;
  /** ... and its whole request, body included, within this (default 30 s; at least the headers' timeout). */
  requestTimeoutMs?: number;
}

export const RUN_OUTCOME_STATES = ["SUCCESS", "FAILED", "TIMEDOUT", "CANCELED", "INTERNAL_ERROR"] as const;

/** A rate-limit spec: one workspace-wide rate, or per-endpoint rates keyed by path prefix below the version. */
export interface RateLimitSpec {
  global?: number;
  perEndpoint: Map<string, number>;
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${what} must be a positive number, got '${text}'`);
  return n;
}

export function parseRateLimit(spec: string): RateLimitSpec {
  const trimmed = spec.trim();
  if (!trimmed.includes("=")) return { global: positive(trimmed, "--rate-limit"), perEndpoint: new Map() };
  const perEndpoint = new Map<string, number>();
  for (const part of trimmed.split(",")) {
    const [name, rate, extra] = part.split("=").map((s) => s.trim());
    if (!name || rate === undefined || extra !== undefined) throw new RangeError(`--rate-limit entries look like 'jobs/get=30', got '${part}'`);
    perEndpoint.set(name.replace(/^\/+|\/+$/g, ""), positive(rate, `--rate-limit ${name}`));
  }
  return { perEndpoint };
}

export function parseOutcome(text: string): OutcomeRule {
  const i = text.lastIndexOf("=");
  const glob = text.slice(0, i).trim();
  const state = text.slice(i + 1).trim().toUpperCase();
  if (i <= 0 || glob === "") throw new RangeError(`--run-outcome looks like 'GLOB=STATE', got '${text}'`);
  if (!(RUN_OUTCOME_STATES as readonly string[]).includes(state))
    throw new RangeError(`--run-outcome state must be one of ${RUN_OUTCOME_STATES.join(", ")}, got '${state}'`);
  return { glob, state };
}

export function parseOAuthClient(text: string): { id: string; secret: string } {
  const i = text.indexOf(":");
  if (i <= 0 || i === text.length - 1) throw new RangeError(`--oauth-client looks like 'ID:SECRET', got '${text}'`);
  return { id: text.slice(0, i), secret: text.slice(i + 1) };
}

export function parseIdStart(v: bigint | number | string | undefined): bigint {
  if (v === undefined) return 1n;
  const text = String(v).trim();
  if (!/^\d+$/.test(text) || BigInt(text) < 1n || BigInt(text) > 9223372036854775807n)
    throw new RangeError(`--id-start must be an integer between 1 and 9223372036854775807, got '${text}'`);
  return BigInt(text);
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The slow-client timeouts, and how often node checks them: node's default check runs every 30 s, so a 10 s
 * limit would be enforced anywhere up to 40 s; a quarter of the shorter limit (at most 1 s) keeps it on time.
 */
export function parseTimeouts(o: Pick<EmulatorOptions, "headersTimeoutMs" | "requestTimeoutMs">): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  const headersTimeout = o.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = o.requestTimeoutMs ?? Math.max(DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout);
  for (const [flag, v] of [["--headers-timeout-ms", headersTimeout], ["--request-timeout-ms", requestTimeout]] as const)
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${flag} must be a positive integer, got '${v}'`);
  if (headersTimeout > requestTimeout) throw new RangeError(`--headers-timeout-ms (${headersTimeout}) must not exceed --request-timeout-ms (${requestTimeout})`);
  return { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))) };
}

export function parseChaos(p: number | undefined): number {
  if (p === undefined) return 0;
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new RangeError(`--chaos must be a probability between 0 and 1, got '${p}'`);
  return p;
}
