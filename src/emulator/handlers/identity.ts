// Identity: SCIM "Me", the workspace OAuth server (client credentials and RFC 8693 token exchange) and
// test identity providers (Entra ID, managed identity, GitHub Actions ID tokens) whose tokens the API accepts.
import { randomBytes } from "node:crypto";
import { scimId } from "../principals.js";
import type { EmuRequest, EmuResponse, Principal } from "../types.js";
import type { Json, Workspace } from "../state.js";
import { TOKEN_TTL_SECONDS, basicCredentials, checkClient, clientById, issueToken } from "../auth.js";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

function form(req: EmuRequest): Record<string, string> {
  const b = req.body;
  if (b && typeof b === "object" && !Array.isArray(b)) return b as Record<string, string>;
  return {};
}

const oauthError = (status: number, error: string, description: string): EmuResponse => ({
  status,
  body: { error, error_description: description },
});

export function scimMe(req: EmuRequest, ws: Workspace): EmuResponse {
  const p = req.caller as Principal;
  const body: Json = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id: scimId(p.name),
    userName: p.name,
    displayName: p.name,
    active: true,
  };
  if (p.kind === "user") body.emails = [{ type: "work", value: p.name, primary: true }];
  if (ws.isAdmin(p)) body.groups = [{ display: "admins", type: "direct", value: scimId("admins") }];
  return { status: 200, body };
}

export function oidcDiscovery(req: EmuRequest): EmuResponse {
  const base = req.baseUrl ?? "";
  return {
    status: 200,
    body: {
      issuer: `${base}/oidc`,
      authorization_endpoint: `${base}/oidc/v1/authorize`,
      token_endpoint: `${base}/oidc/v1/token`,
      grant_types_supported: ["client_credentials", TOKEN_EXCHANGE, "authorization_code", "refresh_token"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    },
  };
}

function accessToken(ws: Workspace, p: Principal, scope: string | undefined): EmuResponse {
  return { status: 200, body: { access_token: issueToken(ws, p), token_type: "Bearer", expires_in: TOKEN_TTL_SECONDS, scope: scope ?? "all-apis" } };
}

export function oidcToken(req: EmuRequest, ws: Workspace): EmuResponse {
  const f = form(req);
  const basic = basicCredentials(req);
  const id = basic.id ?? f.client_id;
  if (f.grant_type === "client_credentials") {
    const p = checkClient(ws, id, basic.secret ?? f.client_secret);
    if (!p) return oauthError(401, "invalid_client", "Client authentication failed");
    return accessToken(ws, p, f.scope);
  }
  if (f.grant_type === TOKEN_EXCHANGE) {
    const subject = f.subject_token ? ws.tokens.get(f.subject_token) : undefined;
    if (!subject || subject.kind !== "github-id" || subject.expiresAt < Date.now())
      return oauthError(400, "invalid_grant", "The subject token is not a valid ID token from a trusted issuer");
    // The federation policy maps the GitHub identity to the service principal named by client_id.
    const p = clientById(ws, id);
    if (!p) return oauthError(401, "invalid_client", "No service principal with a federation policy for this client_id");
    return accessToken(ws, p, f.scope);
  }
  return oauthError(400, "unsupported_grant_type", `Grant type ${f.grant_type ?? "(none)"} is not supported`);
}

/** Entra ID token endpoint (v2.0 with scope, v1 with resource), reached via AZURE_AUTHORITY_HOST. */
export function aadToken(req: EmuRequest, ws: Workspace): EmuResponse {
  const f = form(req);
  if (f.grant_type !== "client_credentials") return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
  const p = checkClient(ws, f.client_id, f.client_secret);
  if (!p) return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
  const body: Json = { token_type: "Bearer", expires_in: TOKEN_TTL_SECONDS, ext_expires_in: TOKEN_TTL_SECONDS, access_token: issueToken(ws, p) };
  if (f.resource) {
    body.resource = f.resource;
    body.expires_on = String(Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS);
  }
  return { status: 200, body };
}

/** Managed identity endpoint (IMDS / App Service style), reached via IDENTITY_ENDPOINT. */
export function msiToken(req: EmuRequest, ws: Workspace): EmuResponse {
  const h = req.headers;
  if (h.metadata !== "true" && h["x-identity-header"] === undefined)
    return oauthError(400, "invalid_request", "Required metadata header not specified");
  const p = clientById(ws, req.query.get("client_id") ?? req.query.get("msi_res_id") ?? undefined);
  if (!p) return oauthError(400, "invalid_request", "Identity not found");
  const expiresOn = Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS;
  return {
    status: 200,
    body: {
      access_token: issueToken(ws, p),
      client_id: p.name,
      expires_in: String(TOKEN_TTL_SECONDS),
      expires_on: String(expiresOn),
      resource: req.query.get("resource") ?? "",
      token_type: "Bearer",
    },
  };
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/**
 * GitHub Actions ID token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): any runner bearer is accepted, but the
 * ID token is minted only when an OAuth client is configured, and it is good only for the token exchange.
 */
export function githubIdToken(req: EmuRequest, ws: Workspace): EmuResponse {
  const auth = req.headers.authorization;
  if (typeof auth !== "string" || !/^Bearer\s+\S+/i.test(auth)) return { status: 401, body: { message: "Bad credentials" } };
  const holder = clientById(ws, ws.config.oauthClients[0]?.id);
  // wording ours.
  if (!holder) return { status: 400, body: { message: "No OAuth client is configured (--oauth-client) to exchange an ID token for." } };
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: GITHUB_ISSUER,
    sub: "repo:emulator/jobform:ref:refs/heads/main",
    aud: req.query.get("audience") ?? "",
    iat: now,
    exp: now + TOKEN_TTL_SECONDS,
    jti: randomBytes(8).toString("hex"),
  };
  const jwt = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}.${Buffer.from("emulator").toString("base64url")}`;
  issueToken(ws, holder, "github-id", jwt);
  return { status: 200, body: { count: 1, value: jwt } };
}
