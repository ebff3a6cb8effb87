/**
 * Who may drive the console. A page on any web site can make the browser send requests to a loopback
 * port, and another local user can connect to it; the console answers only a caller that holds the start
 * token (as the `?token=` of the printed URL, exchanged once for an HttpOnly SameSite=Strict cookie, or
 * as a bearer header for scripts), that names the bound address in its Host header (a rebound DNS name
 * carries the attacker's host name there), and, for a write, that sends JSON from the console's own
 * origin (a cross-site form cannot set that content type, and a cross-site fetch carries its own Origin).
 */
import { timingSafeEqual } from "node:crypto";

export const COOKIE = "jobform_ui";

export interface GuardContext {
  token: string;
  /** Host header values that name this server: `127.0.0.1:8080`, and `localhost:8080` on loopback. */
  hosts: ReadonlySet<string>;
}

export interface RequestFacts {
  method: string;
  host?: string;
  origin?: string;
  contentType?: string;
  cookie?: string;
  authorization?: string;
  /** `?token=` of the URL. */
  queryToken?: string;
}

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403 | 415 | 421; message: string };

const SAFE = new Set(["GET", "HEAD"]);

/** The Host header values a server bound to `host`:`port` answers to. */
export function allowedHosts(host: string, port: number): Set<string> {
  const bracketed = host.includes(":") ? `[${host}]` : host;
  const out = new Set([`${bracketed}:${port}`]);
  if (host === "127.0.0.1" || host === "::1" || host === "localhost") out.add(`localhost:${port}`);
  return out;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return m?.[1];
}

export function checkRequest(r: RequestFacts, ctx: GuardContext): Verdict {
  if (!r.host || !ctx.hosts.has(r.host.toLowerCase())) return { ok: false, status: 421, message: `this console answers only to ${[...ctx.hosts].join(" or ")} (Host: ${r.host ?? "none"})` };
  const viaQuery = SAFE.has(r.method) && sameToken(r.queryToken, ctx.token);
  if (!viaQuery && !sameToken(cookieToken(r.cookie), ctx.token) && !sameToken(bearer(r.authorization), ctx.token)) {
    return { ok: false, status: 401, message: "open the console with the URL `jobform ui` printed: it carries the start token" };
  }
  if (!SAFE.has(r.method)) {
    if (!/^application\/json(\s*;|$)/i.test(r.contentType ?? "")) return { ok: false, status: 415, message: "a write must send Content-Type: application/json" };
    if (r.origin !== `http://${r.host}`) return { ok: false, status: 403, message: `a write must come from the console's own page (Origin: ${r.origin ?? "none"})` };
  }
  return { ok: true, viaQuery };
}

/** The cookie the token is exchanged for: the script on the page cannot read it, other sites never send it. */
export function tokenCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
