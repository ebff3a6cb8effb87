// The two auth methods that live outside environment variables, end to end through the built CLI: the Azure
// CLI (a stand-in `az` on PATH that gets its token from the emulator's Entra endpoint) and a profile in a
// .databrickscfg file.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { emulator } from "../support/emulator.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const clean = { DATABRICKS_TOKEN: undefined, DATABRICKS_HOST: undefined, DATABRICKS_CLIENT_ID: undefined, DATABRICKS_CLIENT_SECRET: undefined, DATABRICKS_CONFIG_PROFILE: undefined, ARM_CLIENT_ID: undefined, ARM_CLIENT_SECRET: undefined, ARM_TENANT_ID: undefined, ARM_USE_MSI: undefined };

describe("auth through the az CLI and through profiles", () => {
  it("azure-cli: runs `az account get-access-token` and uses the Entra token it prints", async () => {
    emu = await emulator({ oauthClients: ["az-user:pw"] });
    const bin = mkdtempSync(join(tmpdir(), "jobform-az-"));
    const az = join(bin, "az");
    writeFileSync(
      az,
      `#!${process.execPath}
const args = process.argv.slice(2);
if (args[0] !== "account" || args[1] !== "get-access-token" || !args.includes("--resource")) { console.error("unexpected: " + args.join(" ")); process.exit(2); }
const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "az-user", client_secret: "pw", scope: args[args.indexOf("--resource") + 1] + "/.default" });
fetch(process.env.FAKE_AZ_EMULATOR + "/__emulator/aad/tenant/oauth2/v2.0/token", { method: "POST", body }).then((r) => r.json()).then((t) => {
  console.log(JSON.stringify({ accessToken: t.access_token, expires_on: Math.floor(Date.now() / 1000) + 3600, tokenType: "Bearer" }));
});
`,
    );
    chmodSync(az, 0o755);
    const r = await runCliAsync(["--host", emu.url, "api", "GET", "/api/2.0/preview/scim/v2/Me"], {
      env: { ...clean, DATABRICKS_AUTH_TYPE: "azure-cli", DATABRICKS_CONFIG_FILE: "/nonexistent", FAKE_AZ_EMULATOR: emu.url, PATH: `${bin}${delimiter}${process.env.PATH}` },
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).userName).toBe("az-user");
  });

  it("profiles: --profile picks a section of DATABRICKS_CONFIG_FILE, with its host and token", async () => {
    emu = await emulator({ token: "from-profile" });
    const cfg = join(mkdtempSync(join(tmpdir(), "jobform-cfg-")), "databrickscfg");
    writeFileSync(cfg, `[DEFAULT]\nhost = https://elsewhere.example.com\ntoken = wrong\n\n[emu]\nhost = ${emu.url}\ntoken = from-profile\n`);
    const base = { ...clean, DATABRICKS_AUTH_TYPE: undefined, DATABRICKS_CONFIG_FILE: cfg };
    const r = await runCliAsync(["--dir", "/nonexistent", "--profile", "emu", "api", "GET", "/api/2.0/preview/scim/v2/Me"], { env: base });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).userName).toBe("me@example.com");
    const viaEnv = await runCliAsync(["--dir", "/nonexistent", "api", "GET", "/api/2.2/jobs/list"], { env: { ...base, DATABRICKS_CONFIG_PROFILE: "emu" } });
    expect(viaEnv.code).toBe(0);
    const missing = await runCliAsync(["--dir", "/nonexistent", "--profile", "nope", "api", "GET", "/api/2.2/jobs/list"], { env: base });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/profile.*nope/i);
    expect(missing.stderr).not.toContain("from-profile");
  });
});
