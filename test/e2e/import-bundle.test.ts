// `jobform import --from-bundle` end to end with the built CLI: the sample bundle of test/cases/bundle-import
// (includes; simple, complex and lookup variables; two targets with overrides; bundle-wide and job permissions;
// a run_job reference; relative paths) becomes a project that validates and plans against `jobform serve`;
// existing files are never overwritten without --force.
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCliAsync } from "../support/cli.js";
import { TOKEN } from "../support/emulator.js";
import { serve } from "../support/serve.js";

beforeAll(ensureBuilt);

const BUNDLE = join(ROOT, "test", "cases", "bundle-import", "bundle");
const NO_AMBIENT = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined };
const jf = (args: string[]) => runCliAsync(args, { env: NO_AMBIENT });

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "jobform-bundle-"));
}

describe("import --from-bundle", () => {
  it("writes a project that validates for both targets and plans against jobform serve", async () => {
    const out = join(scratch(), "project");
    const imported = await jf(["import", "--from-bundle", BUNDLE, "--out", out]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("jobform.yaml\n");
    expect(imported.stdout).toMatch(/variable "reporting_wh" is a lookup of warehouse "Shared Serverless"/);
    expect(imported.stdout).toMatch(/pipelines: sales_dlt — jobform manages jobs only/);
    expect(imported.stdout).toMatch(/resources\/nightly_sales\.yml:\d+:\d+: job nightly_sales: \.\.\/src\/ingest\.ipynb is a local notebook \(src\/ingest\.ipynb\)/);

    const prod = await jf(["--dir", out, "validate", "--target", "prod"]);
    expect(prod.code, prod.stdout + prod.stderr).toBe(0);
    // The lookup has a value in prod only; dev takes it from --var, as the report says.
    const devBare = await jf(["--dir", out, "validate", "--target", "dev"]);
    expect(devBare.code).toBe(1);
    expect(devBare.stdout).toMatch(/JF012: variable "reporting_wh" has no value for this target/);
    const dev = await jf(["--dir", out, "validate", "--target", "dev", "--var", "reporting_wh=abc"]);
    expect(dev.code, dev.stdout + dev.stderr).toBe(0);

    const server = serve(["--port", "0", "--token", TOKEN, "--principals-of", out]);
    stop = () => server.child.kill();
    const url = await server.url;
    const plan = await jf(["--dir", out, "--host", url, "--target", "prod", "plan", "--format", "json"]);
    expect(plan.code, plan.stderr).toBe(0);
    const changes = (JSON.parse(plan.stdout) as { changes: { key: string; action: string }[] }).changes;
    expect(changes.map((c) => `${c.action} ${c.key}`).sort()).toEqual(["create downstream", "create nightly_sales"]);
    const text = await jf(["--dir", out, "--host", url, "--target", "prod", "plan"]);
    expect(text.stdout).toContain('+ create nightly_sales "nightly-sales-prod"');
    expect(text.stdout).toContain("notebook_path: /Workspace/Shared/.bundle/sales-etl/prod/files/src/ingest");
    expect(text.stdout).toContain("job_id: ${jobs.downstream.id}");
    expect(text.stdout).toContain("warehouse_id: 0e9d8c7b6a5f4e3d");
    expect(text.stdout).toContain("max_retries: 2");
    expect(text.stdout).toContain("- prod-oncall@example.com");
    expect(text.stdout).not.toContain("data-oncall@example.com");
    expect(text.stdout).toContain("permission group data-readers: CAN_VIEW");
  }, 120_000);

  it("never overwrites a file without --force, and then writes nothing at all", async () => {
    const out = scratch();
    writeFileSync(join(out, "jobform.yaml"), "project: mine\n");
    const refused = await jf(["import", "--from-bundle", join(BUNDLE, "databricks.yml"), "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("nothing was written: jobform.yaml already exists");
    expect(readFileSync(join(out, "jobform.yaml"), "utf8")).toBe("project: mine\n");
    const forced = await jf(["import", "--from-bundle", BUNDLE, "--out", out, "--force", "--target", "prod", "--format", "json"]);
    expect(forced.code, forced.stderr).toBe(0);
    const report = JSON.parse(forced.stdout) as { files: string[]; report: { topic: string; message: string }[] };
    expect(report.files).toEqual(["jobform.yaml", "jobs/downstream.yaml", "jobs/nightly_sales.yaml"]);
    expect(report.report).toContainEqual({ topic: "targets", message: "not converted (not named by --target): dev" });
    expect(readFileSync(join(out, "jobform.yaml"), "utf8")).toMatch(/^project: sales-etl$/m);
  }, 120_000);

  it("--force does not write through a symlink, nor into a jobs/ folder that leads out of --out", async () => {
    const out = scratch();
    const elsewhere = scratch();
    writeFileSync(join(elsewhere, "precious.yaml"), "mine\n");
    symlinkSync(join(elsewhere, "precious.yaml"), join(out, "jobform.yaml"));
    const linked = await jf(["import", "--from-bundle", BUNDLE, "--out", out, "--force"]);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain("nothing was written: jobform.yaml in");
    expect(readFileSync(join(elsewhere, "precious.yaml"), "utf8")).toBe("mine\n");
    const out2 = scratch();
    symlinkSync(elsewhere, join(out2, "jobs"));
    const jobsOut = await jf(["import", "--from-bundle", BUNDLE, "--out", out2, "--force"]);
    expect(jobsOut.code).toBe(1);
    expect(readdirSync(elsewhere)).toEqual(["precious.yaml"]);
  }, 120_000);

  it("a mistake in the bundle is a located error and nothing is written", async () => {
    const dir = scratch();
    cpSync(BUNDLE, join(dir, "b"), { recursive: true });
    const file = join(dir, "b", "resources", "downstream.yml");
    writeFileSync(file, readFileSync(file, "utf8").replace("environment_key: default\n          spark", "environment_key: default\n          spark_pyhton_task: {}\n          spark"));
    const r = await runCliAsync(["import", "--from-bundle", join(dir, "b"), "--out", join(dir, "out")], { cwd: dir, env: NO_AMBIENT });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^b\/resources\/downstream\.yml:8:11: error JF020: unknown field "spark_pyhton_task"; did you mean "spark_python_task"\?/m);
    expect(r.stderr).toContain("nothing was written");
  }, 120_000);
});
