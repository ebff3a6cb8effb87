import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/databricks/config.js";
import type { AuthError } from "../../src/databricks/auth/errors.js";
import { UserError } from "../../src/cli/errors.js";

const CFG = `
; a comment
[DEFAULT]
host = https://adb-1.1.azuredatabricks.net/
token = dapi-default-token

[prod]
host = adb-2.2.azuredatabricks.net
client_id = sp-id
client_secret = sp-secret

[dev-emu]
host = http://127.0.0.1:9999
token = emu-token
auth_type = pat
`;

function fail(input: Parameters<typeof resolveConfig>[0]): AuthError {
  try {
    resolveConfig(input);
  } catch (e) {
    return e as AuthError;
  }
  throw new Error("expected resolveConfig to throw");
}

describe("host precedence", () => {
  it("takes --host over the target's host over DATABRICKS_HOST", () => {
    const env = { DATABRICKS_HOST: "env.cloud.databricks.com", DATABRICKS_TOKEN: "t" };
    expect(resolveConfig({ env, flags: { host: "flag.cloud.databricks.com/" }, targetHost: "target.cloud.databricks.com" }).host).toBe("https://flag.cloud.databricks.com");
    expect(resolveConfig({ env, targetHost: "https://target.cloud.databricks.com" }).host).toBe("https://target.cloud.databricks.com");
    const c = resolveConfig({ env });
    expect(c.host).toBe("https://env.cloud.databricks.com");
    expect(c.sources["host"]).toBe("DATABRICKS_HOST");
  });

  it("explains a missing host in one line naming what to set", () => {
    const err = fail({ env: { DATABRICKS_TOKEN: "t" } });
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/--host.*jobform\.yaml.*DATABRICKS_HOST/);
    expect(err.message).not.toContain("\n");
  });
});

describe("auth method", () => {
  it("detects each method from its environment variables", () => {
    const host = { DATABRICKS_HOST: "h.cloud.databricks.com" };
    expect(resolveConfig({ env: { ...host, DATABRICKS_TOKEN: "t" } }).authType).toBe("pat");
    expect(resolveConfig({ env: { ...host, DATABRICKS_CLIENT_ID: "i", DATABRICKS_CLIENT_SECRET: "s" } }).authType).toBe("oauth-m2m");
    expect(resolveConfig({ env: { ...host, ARM_CLIENT_ID: "i", ARM_CLIENT_SECRET: "s", ARM_TENANT_ID: "t" } }).authType).toBe("azure-client-secret");
    expect(resolveConfig({ env: { ...host, ARM_USE_MSI: "true", ARM_CLIENT_ID: "uai" } }).authType).toBe("azure-msi");
    expect(resolveConfig({ env: { DATABRICKS_HOST: "adb-1.1.azuredatabricks.net" } }).authType).toBe("azure-cli");
    expect(resolveConfig({ env: { ...host, DATABRICKS_CLIENT_ID: "i", ACTIONS_ID_TOKEN_REQUEST_URL: "https://gh/x?a=1", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "r" } }).authType).toBe("github-oidc");
  });

  it("refuses two methods at once unless DATABRICKS_AUTH_TYPE picks one", () => {
    const env = { DATABRICKS_HOST: "h.cloud.databricks.com", DATABRICKS_TOKEN: "secret-pat", DATABRICKS_CLIENT_ID: "i", DATABRICKS_CLIENT_SECRET: "secret-sp" };
    const err = fail({ env });
    expect(err.message).toMatch(/more than one authentication method.*DATABRICKS_TOKEN.*DATABRICKS_CLIENT_ID.*DATABRICKS_AUTH_TYPE/);
    expect(err.message).not.toMatch(/secret-/);
    expect(resolveConfig({ env: { ...env, DATABRICKS_AUTH_TYPE: "oauth-m2m" } }).authType).toBe("oauth-m2m");
  });

  it("says which variables a pinned method still needs", () => {
    expect(fail({ env: { DATABRICKS_HOST: "h", DATABRICKS_AUTH_TYPE: "oauth-m2m", DATABRICKS_CLIENT_ID: "i" } }).message).toMatch(/oauth-m2m.*DATABRICKS_CLIENT_SECRET/);
    expect(fail({ env: { DATABRICKS_HOST: "h", DATABRICKS_AUTH_TYPE: "github-oidc" } }).message).toMatch(/ACTIONS_ID_TOKEN_REQUEST_URL/);
    expect(fail({ env: { DATABRICKS_HOST: "h", DATABRICKS_AUTH_TYPE: "kerberos" } }).message).toMatch(/unknown auth type "kerberos"/);
  });

  it("lists every way to authenticate when nothing is configured", () => {
    const err = fail({ env: { DATABRICKS_HOST: "h.cloud.databricks.com" } });
    expect(err.message).toMatch(/no credentials for https:\/\/h\.cloud\.databricks\.com: set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID/);
  });

  it("reads DATABRICKS_RATE_LIMIT as the hard cap", () => {
    expect(resolveConfig({ env: { DATABRICKS_HOST: "h", DATABRICKS_TOKEN: "t", DATABRICKS_RATE_LIMIT: "7.5" } }).rateLimit).toBe(7.5);
    expect(fail({ env: { DATABRICKS_HOST: "h", DATABRICKS_TOKEN: "t", DATABRICKS_RATE_LIMIT: "0" } }).message).toMatch(/DATABRICKS_RATE_LIMIT must be a positive/);
  });
});

describe("config file profiles", () => {
  it("uses DEFAULT when nothing else configures the workspace", () => {
    const c = resolveConfig({ env: {}, configFileText: CFG });
    expect(c).toMatchObject({ host: "https://adb-1.1.azuredatabricks.net", authType: "pat", token: "dapi-default-token", profile: "DEFAULT" });
    expect(c.sources["token"]).toBe("profile DEFAULT in ~/.databrickscfg");
  });

  it("uses the profile named by --profile over DATABRICKS_CONFIG_PROFILE", () => {
    expect(resolveConfig({ env: { DATABRICKS_CONFIG_PROFILE: "dev-emu" }, flags: { profile: "prod" }, configFileText: CFG })).toMatchObject({ profile: "prod", authType: "oauth-m2m", clientId: "sp-id" });
    expect(resolveConfig({ env: { DATABRICKS_CONFIG_PROFILE: "dev-emu" }, configFileText: CFG })).toMatchObject({ host: "http://127.0.0.1:9999", token: "emu-token" });
  });

  it("lets environment values win over a named profile's", () => {
    const c = resolveConfig({ env: { DATABRICKS_CONFIG_PROFILE: "dev-emu", DATABRICKS_HOST: "http://127.0.0.1:1" }, configFileText: CFG });
    expect(c.host).toBe("http://127.0.0.1:1");
    expect(c.token).toBe("emu-token");
  });

  it("skips the file when the environment already holds credentials and no profile is named", () => {
    const c = resolveConfig({ env: { DATABRICKS_HOST: "h", DATABRICKS_CLIENT_ID: "i", DATABRICKS_CLIENT_SECRET: "s" }, configFileText: CFG });
    expect(c.authType).toBe("oauth-m2m");
    expect(c.token).toBeUndefined();
  });

  it("picks the profile whose host matches, and never lends another workspace's token", () => {
    expect(resolveConfig({ env: {}, targetHost: "https://adb-2.2.azuredatabricks.net", configFileText: CFG }).profile).toBe("prod");
    const err = fail({ env: {}, targetHost: "https://other.cloud.databricks.com", configFileText: CFG });
    expect(err.message).toMatch(/no credentials for https:\/\/other/);
  });

  it("names an unknown profile and where it looked", () => {
    expect(fail({ env: {}, flags: { profile: "nope" }, configFileText: CFG, configFilePath: "/etc/dbcfg" }).message).toBe('profile "nope" is not in /etc/dbcfg (from --profile)');
  });
});
