// Secrets that reach jobform through notebooks rather than job files: widget defaults found by `notebooks
// import`, a definition's parameter defaults and `--param` values of `submit`. Every line jobform prints shows
// them masked by name (a secret-looking parameter or widget) or by shape (a PAT, URL userinfo, `?token=`).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { emulator, TOKEN } from "../support/emulator.js";
import { runInProcess } from "./support.js";

const PAT = "dapi77aa88bb99cc00dd11ee22ff33aa44bb";
const SECRETS = {
  widgetPassword: "WidgetPassw0rd-4242",
  widgetKey: "ApiKeyValue-777x",
  widgetPin: "98765432",
  sqlSasKey: "SqlSasKey-55-66",
  oldDefault: "OldPassw0rd-0001",
  hookToken: "HookTok3n-55aa66bb",
  definitionPassword: "DefPassw0rd-1234",
  paramToken: "TokParam-xyz-321",
  paramAccessKey: "AccessKeyParam-9",
  paramPassword: "ParamPassw0rd-5",
  gitPassword: "GitPassw0rd-7781",
  clientSecret: "PathClientS3cret-1",
  pat: PAT,
};

const PY = `# Databricks notebook source
dbutils.widgets.text("db_password", "${SECRETS.widgetPassword}")
dbutils.widgets.text("callback", "https://hooks.example.com/x?token=${SECRETS.hookToken}")
dbutils.widgets.dropdown("api_key", "${SECRETS.widgetKey}", ["a", "b"])
dbutils.widgets.text("pin_token", ${SECRETS.widgetPin})
dbutils.widgets.text("pat_value", "${PAT}")
`;
const SQL = `-- Databricks notebook source
CREATE WIDGET TEXT sas_key DEFAULT "${SECRETS.sqlSasKey}";
SELECT :sas_key
`;

const PROJECT = "project: secrets\nplatforms:\n  default: { compute_type: Serverless }\n";
const DEFINITION = `notebook_path: /Shared/etl/load
parameters:
  - { name: db_password, type: string, default: "${SECRETS.definitionPassword}" }
  - { name: api_token, type: int, default: 1 }
  - { name: access_key, type: string, choices: [a, b], default: a }
  - { name: callback, type: string, default: "" }
`;

let emu: RunningEmulator;
let dir = "";
const outputs: { what: string; text: string }[] = [];

beforeAll(async () => {
  const workspace = mkdtempSync(join(tmpdir(), "jobform-nb-secrets-ws-"));
  mkdirSync(join(workspace, "Shared", "etl"), { recursive: true });
  writeFileSync(join(workspace, "Shared", "etl", "load.py"), PY);
  writeFileSync(join(workspace, "Shared", "etl", "query.sql"), SQL);
  emu = await emulator({ workspaceDir: workspace });
  dir = mkdtempSync(join(tmpdir(), "jobform-nb-secrets-"));
  writeFileSync(join(dir, "jobform.yaml"), PROJECT);
  mkdirSync(join(dir, "notebooks"));
}, 60_000);
afterAll(async () => emu?.close());

const ENV = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined, GITHUB_ACTIONS: undefined, NO_COLOR: "1" };

async function run(what: string, args: string[]) {
  const r = await runInProcess(["--dir", dir, "--host", emu.url, ...args], ENV);
  expect(r.stderr, what).not.toMatch(/internal error|^\s+at /m);
  outputs.push({ what, text: `${r.stdout}\n${r.stderr}` });
  return r;
}

describe("notebook and submit values are masked in every output", () => {
  it("notebooks import: widget defaults in findings and in re-import changes", async () => {
    const first = await run("notebooks import", ["--verbose", "notebooks", "import", "--path", "/Shared"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/dropdown widget "api_key" has default "\(sensitive\)", which is not one of its choices/);
    expect(first.stdout).toMatch(/widget "pin_token" has a numeric default \(sensitive\)/);
    // A definition edited since, holding an older password: re-import reports the change, masked both ways.
    writeFileSync(join(dir, "notebooks", "load.yaml"), `notebook_path: /Shared/etl/load\nparameters:\n  - { name: db_password, default: "${SECRETS.oldDefault}" }\n`);
    const again = await run("notebooks re-import", ["notebooks", "import", "--path", "/Shared"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('parameter "db_password": default changed from "(sensitive)" to "(sensitive)"');
    await run("notebooks import --as-jobs", ["notebooks", "import", "--path", "/Shared", "--as-jobs", "--out", join(dir, "scaffolds")]);
  }, 120_000);

  it("submit: refused --param values, a definition's secret default, and a run by workspace path", async () => {
    writeFileSync(join(dir, "notebooks", "load.yaml"), DEFINITION);
    const notInt = await run("submit, --param not an int", ["submit", "load", "--no-wait", "--param", `api_token=${SECRETS.paramToken}`]);
    expect(notInt.code).toBe(1);
    expect(notInt.stderr).toContain('parameter "api_token" (int) from --param: expected a whole number, got "(sensitive)"');
    const notChoice = await run("submit, --param not a choice", ["submit", "load", "--no-wait", "--param", `access_key=${SECRETS.paramAccessKey}`]);
    expect(notChoice.code).toBe(1);
    expect(notChoice.stderr).toContain('parameter "access_key" from --param: "(sensitive)" is not one of its choices (a, b)');
    const sent = await run("submit --verbose with secret --param values", [
      "--verbose", "submit", "load", "--no-wait",
      "--param", `db_password=${SECRETS.paramPassword}`,
      "--param", `callback=https://deploy:${SECRETS.gitPassword}@github.com/acme/etl.git`,
      "--param", `undeclared_token=${PAT}`,
    ]);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain("--param undeclared_token is not declared");
    const byPath = await run("submit by workspace path", ["--verbose", "submit", "/Shared/etl/load", "--no-wait", "--param", `client_secret=${SECRETS.clientSecret}`]);
    expect(byPath.code).toBe(0);
  }, 120_000);

  it("none of the values appears in clear in any of those outputs", () => {
    expect(outputs.length).toBeGreaterThanOrEqual(7);
    for (const { what, text } of outputs) for (const [name, value] of Object.entries(SECRETS)) expect(text.includes(value), `${name} in ${what}`).toBe(false);
  });
});
