import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/databricks/create.js";
import type { DatabricksClient } from "../../src/databricks/client.js";
import { resolveConfig } from "../../src/databricks/config.js";
import type { Env } from "../../src/databricks/config.js";
import { AuthError } from "../../src/databricks/auth/errors.js";
import type { CommandRunner } from "../../src/databricks/auth/azure.js";
import { fakeClock, reply, startServer } from "./support/server.js";
import type { Recorded, TestServer } from "./support/server.js";

let server: TestServer | undefined;
let client: DatabricksClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

/** A workspace plus identity endpoints; tokens it issues are "tok-N". */
async function workspace(expiresIn = 3600) {
  let issued = 0;
  const valid = new Set<string>();
  server = await startServer((q: Recorded, res) => {
    if (q.path.endsWith("/token") || q.path.includes("/oauth2/")) {
      const t = `tok-${++issued}`;
      valid.add(t);
      return reply(res, 200, { access_token: t, expires_in: expiresIn, token_type: "Bearer" });
    }
    if (q.path === "/gh") return reply(res, 200, { value: "eyJhbGciOi.eyJzdWIiOi.sig" });
    const bearer = String(q.headers.authorization ?? "").replace("Bearer ", "");
    if (!valid.has(bearer)) return reply(res, 401, { error_code: "UNAUTHENTICATED", message: "expired" });
    return reply(res, 200, { userName: "sp" });
  });
  return Object.assign(server, { revoke: () => valid.clear() });
}

function make(env: Env, now: () => number = Date.now, runCommand?: CommandRunner) {
  client = createClient(resolveConfig({ env }), { clock: fakeClock(), now, runCommand, retry: { random: () => 0 } });
  return client;
}

const forms = (s: TestServer) => s.requests.filter((r) => r.method === "POST").map((r) => Object.fromEntries(new URLSearchParams(r.body)));

describe("OAuth M2M", () => {
  it("caches the token and refreshes it shortly before it expires", async () => {
    const s = await workspace(3600);
    let now = 1_000_000;
    const c = make({ DATABRICKS_HOST: s.url, DATABRICKS_CLIENT_ID: "sp id", DATABRICKS_CLIENT_SECRET: "p%ss:word" }, () => now);
    await c.scim.me();
    await c.scim.me();
    now += 3600_000 - 60_000;
    await c.scim.me();
    now += 30_000;
    await c.scim.me();
    const tokenCalls = s.requests.filter((r) => r.path === "/oidc/v1/token");
    expect(tokenCalls).toHaveLength(2);
    expect(forms(s)[0]).toEqual({ grant_type: "client_credentials", scope: "all-apis" });
    const basic = Buffer.from(String(tokenCalls[0]?.headers.authorization).replace("Basic ", ""), "base64").toString();
    expect(basic).toBe("sp%20id:p%25ss%3Aword");
    expect(s.requests.filter((r) => r.path.includes("scim")).map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it("mints one token for a burst of concurrent calls", async () => {
    const s = await workspace();
    const c = make({ DATABRICKS_HOST: s.url, DATABRICKS_CLIENT_ID: "i", DATABRICKS_CLIENT_SECRET: "s" });
    await Promise.all(Array.from({ length: 8 }, () => c.scim.me()));
    expect(s.requests.filter((r) => r.path === "/oidc/v1/token")).toHaveLength(1);
  });

  it("turns a refused client secret into a one-line AuthError without the secret", async () => {
    server = await startServer((_q, res) => reply(res, 401, { error: "invalid_client", error_description: "Client authentication failed for secret-123" }));
    const c = make({ DATABRICKS_HOST: server.url, DATABRICKS_CLIENT_ID: "i", DATABRICKS_CLIENT_SECRET: "secret-123" });
    const err = (await c.scim.me().catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/invalid_client.*DATABRICKS_CLIENT_SECRET/);
    expect(err.message).not.toContain("secret-123");
  });
});

describe("GitHub Actions OIDC", () => {
  it("exchanges the runner's ID token at the workspace token endpoint (RFC 8693)", async () => {
    const s = await workspace();
    const c = make({ DATABRICKS_HOST: s.url, DATABRICKS_AUTH_TYPE: "github-oidc", DATABRICKS_CLIENT_ID: "sp", ACTIONS_ID_TOKEN_REQUEST_URL: `${s.url}/gh?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "runtime" });
    await expect(c.scim.me()).resolves.toEqual({ userName: "sp" });
    const gh = s.requests.find((r) => r.path === "/gh");
    expect(gh?.query.get("audience")).toBe(`${s.url}/oidc/v1/token`);
    expect(gh?.headers.authorization).toBe("Bearer runtime");
    expect(forms(s)[0]).toEqual({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: "eyJhbGciOi.eyJzdWIiOi.sig",
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      scope: "all-apis",
      client_id: "sp",
    });
  });
});

describe("Azure", () => {
  it("gets Entra tokens for AzureDatabricks and, with a resource id, for ARM with the extra headers", async () => {
    const s = await workspace();
    const c = make({
      DATABRICKS_HOST: s.url,
      ARM_CLIENT_ID: "app",
      ARM_CLIENT_SECRET: "pw",
      ARM_TENANT_ID: "tenant-1",
      AZURE_AUTHORITY_HOST: `${s.url}/aad`,
      DATABRICKS_AZURE_RESOURCE_ID: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Databricks/workspaces/z",
    });
    await c.scim.me();
    const posts = s.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.path)).toEqual(["/aad/tenant-1/oauth2/v2.0/token", "/aad/tenant-1/oauth2/v2.0/token"]);
    expect(forms(s).map((f) => f["scope"])).toEqual(["2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default", "https://management.core.windows.net/.default"]);
    const call = s.requests.find((r) => r.path.includes("scim"));
    expect(call?.headers["x-databricks-azure-sp-management-token"]).toBe("tok-2");
    expect(call?.headers["x-databricks-azure-workspace-resource-id"]).toMatch(/workspaces\/z$/);
  });

  it("asks the managed identity endpoint with its header and the user-assigned client id", async () => {
    server = await startServer((q, res) =>
      q.path === "/msi" ? reply(res, 200, { access_token: "msi-tok", expires_on: String(Math.floor(Date.now() / 1000) + 3600) }) : reply(res, 200, { auth: q.headers.authorization }),
    );
    const c = make({ DATABRICKS_HOST: server.url, ARM_USE_MSI: "true", ARM_CLIENT_ID: "uai", IDENTITY_ENDPOINT: `${server.url}/msi`, IDENTITY_HEADER: "idh" });
    await expect(c.request("GET", "/api/2.0/preview/scim/v2/Me")).resolves.toEqual({ auth: "Bearer msi-tok" });
    const msi = server.requests[0];
    expect(msi?.headers["x-identity-header"]).toBe("idh");
    expect(Object.fromEntries(msi?.query ?? [])).toEqual({ "api-version": "2019-08-01", resource: "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d", client_id: "uai" });
  });

  it("runs `az account get-access-token` for the AzureDatabricks resource", async () => {
    server = await startServer((q, res) => reply(res, 200, { auth: q.headers.authorization }));
    const calls: string[][] = [];
    const run = async (_cmd: string, args: string[]) => {
      calls.push(args);
      return { stdout: JSON.stringify({ accessToken: "az-tok", expires_on: Math.floor(Date.now() / 1000) + 3600 }), stderr: "", code: 0 };
    };
    const c = make({ DATABRICKS_HOST: server.url, DATABRICKS_AUTH_TYPE: "azure-cli", ARM_TENANT_ID: "t1" }, Date.now, run);
    await expect(c.request("GET", "/x")).resolves.toEqual({ auth: "Bearer az-tok" });
    expect(calls).toEqual([["account", "get-access-token", "--resource", "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d", "--output", "json", "--tenant", "t1"]]);
  });

  it("explains how to log in when az fails", async () => {
    server = await startServer((_q, res) => reply(res, 200, {}));
    const run = async () => ({ stdout: "", stderr: "ERROR: Please run 'az login' to setup account.\n", code: 1 });
    const c = make({ DATABRICKS_HOST: server.url, DATABRICKS_AUTH_TYPE: "azure-cli" }, Date.now, run);
    await expect(c.request("GET", "/x")).rejects.toThrow(/Azure CLI could not get a token \(ERROR: Please run 'az login'.*DATABRICKS_TOKEN/);
  });
});

describe("rejected tokens", () => {
  it("re-mints an OAuth token once after a 401, then succeeds", async () => {
    const s = await workspace();
    const c = make({ DATABRICKS_HOST: s.url, DATABRICKS_CLIENT_ID: "i", DATABRICKS_CLIENT_SECRET: "s" });
    await c.scim.me();
    s.revoke();
    await expect(c.scim.me()).resolves.toEqual({ userName: "sp" });
    expect(s.requests.map((r) => `${r.path} ${r.headers.authorization ?? ""}`.trim()).filter((l) => l.includes("scim"))).toEqual([
      "/api/2.0/preview/scim/v2/Me Bearer tok-1",
      "/api/2.0/preview/scim/v2/Me Bearer tok-1",
      "/api/2.0/preview/scim/v2/Me Bearer tok-2",
    ]);
  });
});
