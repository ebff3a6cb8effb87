// One project full of secret-looking values, pushed through every output jobform has. No credential may
// appear anywhere, and no secret value in clear wherever a value is shown.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { emulator, managedJobId, sampleProject, TOKEN } from "../support/emulator.js";
import { reply, startServer } from "../databricks/support/server.js";
import { api, jf } from "../e2e/apply-helpers.js";

const PAT = "dapi5e3a9c1f0b7d2e4a6c8b0d1f3e5a7c9b";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJldGwtYm90In0.c2lnbmF0dXJlLXBhcnQ";
/** Each must never appear in any output (the ::add-mask:: lines, which exist to carry them, aside). */
const SECRETS = {
  variable: "VarPassw0rd-31337",
  variableLater: "VarPassw0rd-2ndGen",
  envLiteral: "EnvPassw0rd-9911",
  accountKey: "AccountKey+abc123xyz==",
  clientSecret: "ClientS3cret-abcdef",
  gitPassword: "GitPassw0rd-7781",
  hookToken: "HookTok3n-55aa66bb",
  pat: PAT,
  jwt: JWT,
  workspaceToken: TOKEN,
  pulled: `dapi${"77aa0c1d".repeat(4)}`,
};

const JOB = `name: Secret-laden job
parameters:
  - { name: api_token, default: "${PAT}" }
  - { name: callback, default: "https://hooks.example.com/notify?token=${SECRETS.hookToken}&x=1" }
  - { name: repo, default: "https://deploy:${SECRETS.gitPassword}@github.com/acme/etl.git" }
job_clusters:
  - job_cluster_key: c
    new_cluster:
      spark_version: 15.4.x-scala2.12
      node_type_id: Standard_DS3_v2
      num_workers: 1
      spark_env_vars: { DB_PASSWORD: "${SECRETS.envLiteral}", PLAIN_NAME: "\${var.db_password}" }
      spark_conf:
        spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net: "${SECRETS.accountKey}"
        spark.custom.header: "Bearer ${JWT}"
tasks:
  - task_key: t
    job_cluster_key: c
    notebook_task:
      notebook_path: /Shared/x
      base_parameters:
        conn: "jdbc:postgresql://db:5432/x;user=etl;pw=\${var.db_password}"
        pat: "${PAT}"
        client_secret: "${SECRETS.clientSecret}"
        plain: "\${var.db_password}"
`;

let emu: RunningEmulator;
let dir = "";
const outputs: { what: string; text: string }[] = [];
const collect = (what: string, r: { stdout: string; stderr: string }) => outputs.push({ what, text: `${r.stdout}\n${r.stderr}` });

beforeAll(async () => {
  ensureBuilt();
  emu = await emulator();
  dir = sampleProject();
  const project = readFileSync(join(dir, "jobform.yaml"), "utf8").replace("variables:\n  warehouse_id:", `variables:\n  db_password: { description: the warehouse password, default: "${SECRETS.variable}" }\n  warehouse_id:`);
  writeFileSync(join(dir, "jobform.yaml"), project);
  writeFileSync(join(dir, "jobs", "secrets.yaml"), JOB);
}, 60_000);
afterAll(async () => emu?.close());

describe("no secret in clear in any output", () => {
  it("plans in every format, the saved plan, --verbose, GitHub Actions mode, apply, drift, plans after the password changed, and pull", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "jobform-secrets-"));
    const saved = join(tmp, "plan.json");
    const summary = join(tmp, "summary.md");
    const gha = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary };
    const run = async (what: string, args: string[], env: Record<string, string> = {}) => {
      const r = await jf(emu, ["--dir", dir, ...args], { env });
      expect(r.stderr, what).not.toMatch(/internal error/);
      collect(what, r);
      return r;
    };
    // validate's JF080 warning frames the offending line, with the value masked.
    const validated = await run("validate", ["validate"]);
    expect(validated.stdout).toMatch(/JF080: "DB_PASSWORD" looks like a secret[^\n]*\n.*\n> *\d+ \|\s+spark_env_vars: \{ DB_PASSWORD: "\(sensitive\)"/);
    await run("validate json", ["validate", "--format", "json"]);
    await run("validate in GitHub Actions", ["validate"], gha);
    const text = await run("plan text", ["plan"]);
    expect(text.stdout).toContain("(sensitive)");
    await run("plan json", ["plan", "--format", "json"]);
    await run("plan markdown", ["plan", "--format", "markdown"]);
    await run("plan --out", ["plan", "--out", saved]);
    outputs.push({ what: "saved plan", text: readFileSync(saved, "utf8") });
    await run("plan --verbose", ["--verbose", "plan"]);
    await run("plan in GitHub Actions", ["plan", "--format", "markdown"], gha);
    expect((await run("apply in GitHub Actions", ["apply", "--auto-approve"], gha)).code).toBe(0);
    // The password variable changes: the workspace still holds the old one, which no variable names now.
    const later = ["--var", `db_password=${SECRETS.variableLater}`];
    const changed = await run("plan after the password changed", [...later, "plan"]);
    expect(changed.stdout).toMatch(/~ update secrets/);
    await run("plan json after the password changed", [...later, "plan", "--format", "json"]);
    await run("plan markdown after the password changed", [...later, "plan", "--format", "markdown"], gha);
    await run("drift", [...later, "drift"]);
    await run("drift json", [...later, "drift", "--format", "json"]);
    outputs.push({ what: "step summary", text: readFileSync(summary, "utf8") });
    // A UI edit adds a credential-shaped parameter: pull's diff, its JSON and the files it writes never hold it.
    const id = await managedJobId(emu, "secrets");
    const live = (await api(emu, "GET", `/api/2.2/jobs/get?job_id=${id}`)) as { settings: { parameters: unknown[] } };
    const parameters = [...live.settings.parameters, { name: "service_token", default: SECRETS.pulled }];
    await api(emu, "POST", "/api/2.2/jobs/update", { job_id: id, new_settings: { parameters } });
    const diff = await run("pull --dry-run", ["pull", "--dry-run"]);
    expect(diff.stdout).toContain("${var.secrets_service_token}");
    await run("pull --dry-run json", ["pull", "--dry-run", "--format", "json"]);
    const files = ["jobform.yaml", join("jobs", "secrets.yaml")].map((f) => join(dir, f));
    const before = files.map((f) => readFileSync(f, "utf8"));
    expect((await run("pull", ["pull"])).code).toBe(0);
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toContain(SECRETS.pulled);
    expect(readFileSync(files[1] as string, "utf8")).toContain("${var.secrets_service_token}");
    files.forEach((f, i) => writeFileSync(f, before[i] as string)); // the later tests need a project that validates

    for (const { what, text: t } of outputs) {
      const shown = t
        .split("\n")
        .filter((l) => !l.startsWith("::add-mask::"))
        .join("\n");
      for (const [name, value] of Object.entries(SECRETS)) expect(shown.includes(value), `${name} in ${what}`).toBe(false);
    }
  }, 240_000);

  it("the emulator's request log (lock file bodies included) and state never hold the workspace token", async () => {
    const log = await (await fetch(`${emu.url}/__emulator/requests`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const state = await (await fetch(`${emu.url}/__emulator/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(log).toContain("/api/2.0/workspace/import");
    const lockBodies = [...log.matchAll(/"content":"([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1] as string, "base64").toString("utf8"));
    expect(lockBodies.some((b) => b.includes('"holder"'))).toBe(true);
    for (const text of [log, state, ...lockBodies]) expect(text).not.toContain(TOKEN);
  });

  it("failed calls (401, a 500 that echoes the request, 403) never print the token", async () => {
    const wrong = "dapi0000000000000000000000000000dead";
    const r401 = await runCliAsync(["--dir", dir, "--host", emu.url, "plan"], { env: { DATABRICKS_TOKEN: wrong, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_HOST: undefined } });
    expect(r401.code).toBe(1);
    expect(r401.stderr).toMatch(/^jobform: the workspace rejected the pat credentials/m);
    const echo = await startServer((q, res) => reply(res, q.path.endsWith("/Me") ? 403 : 500, { error_code: "INTERNAL_ERROR", message: `bad request with headers ${JSON.stringify(q.headers)}` }));
    try {
      const r500 = await runCliAsync(["--dir", dir, "--host", echo.url, "--verbose", "jobs", "list"], { env: { DATABRICKS_TOKEN: PAT, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_HOST: undefined } });
      const r403 = await runCliAsync(["--dir", dir, "--host", echo.url, "plan"], { env: { DATABRICKS_TOKEN: PAT, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_HOST: undefined } });
      for (const r of [r500, r403]) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^jobform: .*(500|403)/m);
        expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
      }
      for (const r of [r401, r500, r403]) for (const t of [wrong, PAT]) expect(r.stdout + r.stderr).not.toContain(t);
    } finally {
      await echo.close();
    }
  }, 120_000);
});
