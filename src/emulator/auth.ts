// Who is calling: bearer tokens checked the way the real workspace answers (401 without a credential,
// 403 "Invalid access token." for a wrong one), plus the tokens the emulator's OAuth endpoints issue.
import { randomBytes } from "node:crypto";
import type { EmuRequest, Principal } from "./types.js";
import type { IssuedToken, Workspace } from "./state.js";
import { ApiFailure } from "./errors.js";

export const TOKEN_TTL_SECONDS = 3600;

function header(req: Pick<EmuRequest, "headers">, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function authenticate(req: Pick<EmuRequest, "headers">, ws: Workspace): Principal {
  const auth = header(req, "authorization");
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  if (!m) throw new ApiFailure(401, "UNAUTHENTICATED", "Credential was not sent or was of an unsupported type for this API.");
  const token = m[1] as string;
  const issued = ws.tokens.get(token);
  if (issued) {
    // A GitHub Actions ID token is only good for the token exchange, never as an API token (issue #18, point 7).
    if (issued.expiresAt > Date.now() && issued.kind === "access") return issued.principal;
    throw new ApiFailure(403, "PERMISSION_DENIED", "Invalid access token.");
  }
  const { token: only, user } = ws.config;
  if (only !== undefined && token !== only) throw new ApiFailure(403, "PERMISSION_DENIED", "Invalid access token.");
  return { kind: "user", name: user };
}

export function issueToken(ws: Workspace, principal: Principal, kind: IssuedToken["kind"] = "access", value?: string): string {
  const token = value ?? `dapi-emu-${randomBytes(16).toString("hex")}`;
  ws.tokens.set(token, { principal, expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000, kind });
  return token;
}

/** The registered client with this id and secret, or undefined. */
export function checkClient(ws: Workspace, id: unknown, secret: unknown): Principal | undefined {
  const c = ws.config.oauthClients.find((x) => x.id === id && x.secret === secret);
  return c ? { kind: "service_principal", name: c.id } : undefined;
}

/** A registered client by id alone (managed identity, token exchange), else the only one configured. */
export function clientById(ws: Workspace, id: unknown): Principal | undefined {
  const clients = ws.config.oauthClients;
  const c = typeof id === "string" && id !== "" ? clients.find((x) => x.id === id) : clients.length === 1 ? clients[0] : undefined;
  return c ? { kind: "service_principal", name: c.id } : undefined;
}

/** Client credentials from HTTP basic auth or the form fields (RFC 6749 §2.3.1 allows both). */
export function basicCredentials(req: Pick<EmuRequest, "headers">): { id?: string; secret?: string } {
  const auth = header(req, "authorization");
  const m = auth ? /^Basic\s+(\S+)$/i.exec(auth) : null;
  if (!m) return {};
  const text = Buffer.from(m[1] as string, "base64").toString();
  const i = text.indexOf(":");
  if (i < 0) return {};
  return { id: decodeURIComponent(text.slice(0, i)), secret: decodeURIComponent(text.slice(i + 1)) };
}
