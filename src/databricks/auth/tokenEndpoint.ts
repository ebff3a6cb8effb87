import { parseJson } from "../../lib/json.js";
import { NetworkError } from "../errors.js";
import { redact } from "../redact.js";
import type { HttpRequest, HttpSend } from "../transport.js";
import { AuthError } from "./errors.js";
import type { Token } from "./tokenCache.js";

export interface TokenDeps {
  send: HttpSend;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const TRANSIENT = new Set([429, 500, 502, 503, 504]);

/**
 * One call to an identity endpoint, retried briefly on throttling and transient failures (token
 * endpoints throttle too). Failures become an AuthError naming what to check; secrets are scrubbed.
 */
export async function requestToken(deps: TokenDeps, req: HttpRequest, what: string, hint: string, secrets: string[]): Promise<Token> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let detail = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) await sleep(1000 * (attempt - 1));
    let status: number;
    let text: string;
    try {
      ({ status, text } = await deps.send({ timeoutMs: 30_000, ...req }));
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      detail = err.message;
      continue;
    }
    if (status >= 200 && status < 300) return parseTokenResponse(text, now(), what);
    detail = `HTTP ${status}${describeError(text)}`;
    if (!TRANSIENT.has(status)) break;
  }
  throw new AuthError(redact(`could not get a token from ${what} (${detail}); ${hint}`, secrets));
}

function describeError(text: string): string {
  try {
    const o = parseJson(text) as Record<string, unknown>;
    const parts = [o["error"], o["error_description"] ?? o["message"]].filter((p): p is string => typeof p === "string");
    return parts.length ? `: ${parts.join(": ").split("\n")[0]}` : "";
  } catch {
    return "";
  }
}

/** Reads the OAuth, Entra, IMDS and App Service shapes: expires_in, or expires_on as seconds or a date. */
export function parseTokenResponse(text: string, nowMs: number, what: string): Token {
  let o: Record<string, unknown>;
  try {
    o = parseJson(text) as Record<string, unknown>;
  } catch {
    throw new AuthError(`${what} answered something that is not a token`);
  }
  const accessToken = o["access_token"];
  if (typeof accessToken !== "string" || !accessToken) throw new AuthError(`${what} answered without an access_token`);
  const expiresIn = Number(o["expires_in"]);
  const expiresOn = o["expires_on"];
  let expiresAt = nowMs + 3600_000;
  if (Number.isFinite(expiresIn) && expiresIn > 0) expiresAt = nowMs + expiresIn * 1000;
  else if (typeof expiresOn === "number" || (typeof expiresOn === "string" && /^\d+$/.test(expiresOn))) expiresAt = Number(expiresOn) * 1000;
  else if (typeof expiresOn === "string" && !Number.isNaN(Date.parse(expiresOn))) expiresAt = Date.parse(expiresOn);
  return { accessToken, expiresAt };
}

export function form(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.append(k, v);
  return params.toString();
}

export const FORM_HEADERS = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
