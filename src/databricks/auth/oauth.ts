import type { DatabricksConfig } from "../config.js";
import { AuthError } from "./errors.js";
import { TokenCache } from "./tokenCache.js";
import { FORM_HEADERS, form, requestToken } from "./tokenEndpoint.js";
import type { TokenDeps } from "./tokenEndpoint.js";
import type { CredentialsProvider } from "./types.js";

function bearerProvider(authType: string, cache: TokenCache, configSecrets: string[]): CredentialsProvider {
  return {
    authType,
    headers: async () => ({ authorization: `Bearer ${await cache.get()}` }),
    invalidate: () => cache.invalidate(),
    secrets: () => [...configSecrets, ...cache.secrets()],
  };
}

/** RFC 6749 §2.3.1: both parts are form-encoded before the Basic encoding. */
function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

export function workspaceTokenEndpoint(host: string): string {
  return `${host}/oidc/v1/token`;
}

/** OAuth M2M: a Databricks service principal's client credentials at the workspace's token endpoint. */
export function oauthM2mCredentials(config: DatabricksConfig, deps: TokenDeps): CredentialsProvider {
  const clientId = config.clientId ?? "";
  const clientSecret = config.clientSecret ?? "";
  const secrets = [clientSecret];
  const cache = new TokenCache(
    () =>
      requestToken(
        deps,
        {
          method: "POST",
          url: workspaceTokenEndpoint(config.host),
          headers: { ...FORM_HEADERS, authorization: basicAuth(clientId, clientSecret) },
          body: form({ grant_type: "client_credentials", scope: "all-apis" }),
        },
        "the workspace's OAuth endpoint",
        "check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET",
        secrets,
      ),
    deps.now,
  );
  return bearerProvider("oauth-m2m", cache, secrets);
}

/**
 * GitHub Actions workload identity federation: an ID token from the runner, exchanged (RFC 8693) at
 * the workspace's token endpoint for a Databricks token.
 */
export function githubOidcCredentials(config: DatabricksConfig, deps: TokenDeps): CredentialsProvider {
  const requestUrl = config.actionsIdTokenRequestUrl;
  const requestToken_ = config.actionsIdTokenRequestToken ?? "";
  const secrets = [requestToken_];
  const endpoint = workspaceTokenEndpoint(config.host);
  const cache = new TokenCache(async () => {
    if (!requestUrl) throw new AuthError("github-oidc needs ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN: give the workflow `permissions: id-token: write`");
    const url = new URL(requestUrl);
    url.searchParams.set("audience", config.tokenAudience ?? endpoint);
    const res = await deps.send({ method: "GET", url: url.toString(), headers: { authorization: `Bearer ${requestToken_}`, accept: "application/json" }, timeoutMs: 30_000 });
    const idToken = res.status === 200 ? (safeJson(res.text)?.["value"] as unknown) : undefined;
    if (typeof idToken !== "string" || !idToken) throw new AuthError(`could not get a GitHub Actions ID token (HTTP ${res.status}); give the workflow \`permissions: id-token: write\``);
    secrets.push(idToken);
    return requestToken(
      deps,
      {
        method: "POST",
        url: endpoint,
        headers: FORM_HEADERS,
        body: form({
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: idToken,
          subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
          scope: "all-apis",
          client_id: config.clientId,
        }),
      },
      "the workspace's OAuth endpoint (token exchange)",
      "check DATABRICKS_CLIENT_ID and the service principal's federation policy (issuer, subject, audience)",
      secrets,
    );
  }, deps.now);
  return bearerProvider("github-oidc", cache, secrets);
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
