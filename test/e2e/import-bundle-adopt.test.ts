// Adopting what an Asset Bundle deployed (issue #15): jobs in the bundle's shape (deployment kind BUNDLE,
// metadata_file_path under the bundle's root, edit_mode UI_LOCKED) with the bundle's metadata.json in the
// workspace. `import --adopt` keys them by the bundle's resource keys, the plan updates them (ownership tags
// in, markers out) and says to stop deploying with the bundle; apply leaves exactly the jobs there were.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, ROOT as REPO } from "../support/cli.js";
import { emulator, SAMPLE_PRINCIPALS } from "../support/emulator.js";
import { api, jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const ROOT = "/Users/me@example.com/.bundle/sales/dev";
const MARKERS = { deployment: { kind: "BUNDLE", metadata_file_path: `/Workspace${ROOT}/state/metadata.json` }, edit_mode: "UI_LOCKED" };
const cluster = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 1 };

/** What `databricks bundle deploy` leaves behind: the jobs with its markers, and its state file. */
async function deployBundle(e: RunningEmulator, state: "metadata" | "none"): Promise<{ load: string; report: string }> {
  const create = async (body: unknown) => String((await api(e, "POST", "/api/2.2/jobs/create", body)).job_id);
  const load = await create({ name: "[dev] Load sales", ...MARKERS, tasks: [{ task_key: "load", notebook_task: { notebook_path: `/Workspace${ROOT}/files/src/load` }, new_cluster: cluster }] });
  const report = await create({ name: "[dev] Sales report", ...MARKERS, tasks: [{ task_key: "run_load", run_job_task: { job_id: Number(load) } }, { task_key: "report", depends_on: [{ task_key: "run_load" }], notebook_task: { notebook_path: `/Workspace${ROOT}/files/src/report` }, new_cluster: cluster }] });
  if (state === "metadata") {
    await api(e, "POST", "/api/2.0/workspace/mkdirs", { path: `${ROOT}/state` });
    const metadata = { version: 1, config: { bundle: { git: { bundle_root_path: "." } }, workspace: { file_path: `/Workspace${ROOT}/files` }, resources: { jobs: { load_sales: { id: load, relative_path: "resources/load.yml" }, sales_report: { id: report, relative_path: "resources/report.yml" } } } } };
    await api(e, "POST", "/api/2.0/workspace/import", { path: `${ROOT}/state/metadata.json`, format: "AUTO", content: Buffer.from(JSON.stringify(metadata)).toString("base64") });
  }
  return { load, report };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-bundle-adopt-"));
  writeFileSync(join(dir, "jobform.yaml"), "project: acme-data\n");
  return dir;
}

describe("import --adopt of bundle-deployed jobs", () => {
  it("keys them by the bundle's state, plans an update that clears the markers, apply creates nothing, the next plan is empty", async () => {
    emu = await emulator();
    const ids = await deployBundle(emu, "metadata");
    const dir = project();

    const imported = await jf(emu, ["--dir", dir, "import", "--all", "--adopt"]);
    expect(imported.stderr).not.toMatch(/error/i);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`wrote jobs/load_sales.yaml from job ${ids.load}`);
    expect(imported.stdout).toContain(`wrote jobs/sales_report.yaml from job ${ids.report}`);
    expect(imported.stderr).toContain(`note: job ${ids.load} was deployed by an Asset Bundle (resource load_sales in ${ROOT}/state/metadata.json)`);
    const report = readFileSync(join(dir, "jobs/sales_report.yaml"), "utf8");
    expect(report).toContain("job_id: ${jobs.load_sales.id}");
    expect(report).not.toMatch(/deployment|edit_mode/);
    expect(readFileSync(join(dir, "jobform.yaml"), "utf8")).toBe(`project: acme-data\nadopt:\n  load_sales: ${ids.load}\n  sales_report: ${ids.report}\n`);

    expect((await jf(emu, ["--dir", dir, "validate"])).code).toBe(0);
    const planned = await jf(emu, ["--dir", dir, "plan"]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("Plan: 0 to create, 2 to update, 0 to delete.");
    expect(planned.stdout).toMatch(/edit_mode.*UI_LOCKED.*EDITABLE/);
    expect(planned.stdout).toContain("load_sales, sales_report still carry an Asset Bundle's markers (deployment kind BUNDLE): stop deploying them with the bundle first");

    const applied = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(applied.stderr).not.toContain("failed");
    expect(applied.code).toBe(0);
    const stored = await storedJobs(emu);
    expect(stored.map((j) => j.id).sort()).toEqual([ids.load, ids.report].sort());
    for (const j of stored) {
      expect(j.settings.deployment).toBeUndefined();
      expect(j.settings.edit_mode ?? "EDITABLE").toBe("EDITABLE");
      expect(j.settings.tags).toMatchObject({ jobform_project: "acme-data" });
    }

    const again = await jf(emu, ["--dir", dir, "plan"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
    expect(again.stdout).not.toContain("Asset Bundle");
  }, 120_000);

  it("without readable bundle state the jobs are keyed by name, and adoption works the same", async () => {
    emu = await emulator();
    const ids = await deployBundle(emu, "none");
    const dir = project();
    const imported = await jf(emu, ["--dir", dir, "import", "--all", "--adopt"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`wrote jobs/dev-load-sales.yaml from job ${ids.load}`);
    expect(imported.stderr).toContain(`no readable bundle state under ${ROOT}/state`);
    expect(readFileSync(join(dir, "jobs/dev-sales-report.yaml"), "utf8")).toContain("job_id: ${jobs.dev-load-sales.id}");
    expect((await jf(emu, ["--dir", dir, "apply", "--auto-approve"])).code).toBe(0);
    expect((await storedJobs(emu)).length).toBe(2);
    expect((await jf(emu, ["--dir", dir, "plan"])).stdout).toContain("No changes.");
  }, 120_000);

  const BUNDLE = `bundle:
  name: sales
targets:
  dev:
    default: true
resources:
  jobs:
    load_sales:
      name: Load sales \${bundle.target}
      tasks:
        - task_key: load
          notebook_task: { notebook_path: /Shared/load }
          new_cluster: { spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1 }
    sales_report:
      name: Sales report
      tasks:
        - task_key: run_load
          run_job_task:
            job_id: \${resources.jobs.load_sales.id}
        - task_key: run_by_id
          run_job_task:
            job_id: <LOAD_ID> # written by hand
        - task_key: run_elsewhere
          run_job_task:
            job_id: <ELSEWHERE_ID>
`;

  for (const state of ["metadata", "none"] as const) {
    it(`--from-bundle --adopt finds the deployed jobs (${state === "metadata" ? "by the bundle's state" : "by name under the root path"}); apply creates nothing, the next plan is empty`, async () => {
      emu = await emulator();
      const root = "/Users/me@example.com/.bundle/sales/dev";
      const markers = { deployment: { kind: "BUNDLE", metadata_file_path: `/Workspace${root}/state/metadata.json` }, edit_mode: "UI_LOCKED" };
      const create = async (body: unknown) => String((await api(emu as RunningEmulator, "POST", "/api/2.2/jobs/create", body)).job_id);
      // A job of the same name deployed by another bundle: never taken.
      const elsewhere = await create({ name: "Sales report", deployment: { kind: "BUNDLE", metadata_file_path: "/Workspace/Users/me@example.com/.bundle/other/dev/state/metadata.json" }, edit_mode: "UI_LOCKED", tasks: [{ task_key: "x", notebook_task: { notebook_path: "/x" }, new_cluster: cluster }] });
      const load = await create({ name: "Load sales dev", ...markers, tasks: [{ task_key: "load", notebook_task: { notebook_path: "/Shared/load" }, new_cluster: cluster }] });
      const report = await create({ name: "Sales report", ...markers, tasks: [{ task_key: "run_load", run_job_task: { job_id: Number(load) } }] });
      if (state === "metadata") {
        await api(emu, "POST", "/api/2.0/workspace/mkdirs", { path: `${root}/state` });
        const metadata = { version: 1, config: { resources: { jobs: { load_sales: { id: load }, sales_report: { id: report } } } } };
        await api(emu, "POST", "/api/2.0/workspace/import", { path: `${root}/state/metadata.json`, format: "AUTO", content: Buffer.from(JSON.stringify(metadata)).toString("base64") });
      }
      const bundleDir = mkdtempSync(join(tmpdir(), "jobform-bundle-"));
      writeFileSync(join(bundleDir, "databricks.yml"), BUNDLE.replace("<LOAD_ID>", load).replace("<ELSEWHERE_ID>", elsewhere));
      const out = mkdtempSync(join(tmpdir(), "jobform-from-bundle-"));

      const imported = await jf(emu, ["--dir", out, "import", "--from-bundle", bundleDir, "--adopt"]);
      expect(imported.stderr).not.toMatch(/error/i);
      expect(imported.code).toBe(0);
      const how = state === "metadata" ? `by the bundle's state (${root}/state/metadata.json)` : `by name under ${root}`;
      expect(imported.stdout).toContain(`adopt load_sales: job ${load}, found ${how}`);
      expect(imported.stdout).toContain(`adopt sales_report: job ${report}, found ${how}`);
      expect(readFileSync(join(out, "jobform.yaml"), "utf8")).toContain(`adopt:\n  load_sales: ${load}\n  sales_report: ${report}\n`);
      // Literal ids: one of the bundle's jobs becomes its reference, another job's id is kept with a note.
      const reportFile = readFileSync(join(out, "jobs/sales_report.yaml"), "utf8");
      expect(reportFile).toMatch(/task_key: run_by_id\n\s+run_job_task:\n\s+job_id: \$\{jobs\.load_sales\.id\}/);
      expect(reportFile).toContain(`job_id: ${elsewhere}`);
      expect(imported.stderr).toContain(`note: jobs/sales_report.yaml: task run_elsewhere runs job ${elsewhere}, which is not one of this bundle's jobs: its id is kept as it is`);

      const planned = await jf(emu, ["--dir", out, "plan"]);
      expect(planned.code).toBe(0);
      expect(planned.stdout).toContain("Plan: 0 to create, 2 to update, 0 to delete.");
      expect(planned.stdout).toContain("still carry an Asset Bundle's markers");
      const applied = await jf(emu, ["--dir", out, "apply", "--auto-approve"]);
      expect(applied.stderr).not.toContain("failed");
      expect(applied.code).toBe(0);
      const stored = await storedJobs(emu);
      expect(stored.map((j) => j.id).sort()).toEqual([elsewhere, load, report].sort());
      expect(stored.find((j) => j.id === elsewhere)?.settings.deployment).toBeDefined();
      expect(stored.find((j) => j.id === report)?.settings.tasks?.[0]?.run_job_task?.job_id).toBe(Number(load));
      const again = await jf(emu, ["--dir", out, "plan"]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("No changes.");
    }, 120_000);
  }

  it("the sample bundle of test/cases/bundle-import, deployed to prod in the bundle's shape: --from-bundle --adopt, apply keeps the job count, the next plan is empty", async () => {
    emu = await emulator({ principals: [...SAMPLE_PRINCIPALS, "group:data-readers", "group:sales-oncall", "user:alice@example.com", "service_principal:6f1c0e5e-3b0a-4f5e-9f77-0c3d2b1a9e88"] });
    const root = "/Shared/.bundle/sales-etl/prod";
    const markers = { deployment: { kind: "BUNDLE", metadata_file_path: `/Workspace${root}/state/metadata.json` }, edit_mode: "UI_LOCKED" };
    const create = async (body: unknown) => String((await api(emu as RunningEmulator, "POST", "/api/2.2/jobs/create", body)).job_id);
    // What the deploy left: the jobs under their prod names (their settings as an older deploy wrote them).
    const downstream = await create({ name: "downstream-prod", ...markers, tasks: [{ task_key: "publish", spark_python_task: { python_file: `/Workspace${root}/files/src/publish.py` }, new_cluster: cluster }] });
    const nightly = await create({ name: "nightly-sales-prod", ...markers, tasks: [{ task_key: "fanout", run_job_task: { job_id: Number(downstream) } }] });
    await api(emu, "POST", "/api/2.0/workspace/mkdirs", { path: `${root}/state` });
    const metadata = { version: 1, config: { resources: { jobs: { nightly_sales: { id: nightly }, downstream: { id: downstream } } } } };
    await api(emu, "POST", "/api/2.0/workspace/import", { path: `${root}/state/metadata.json`, format: "AUTO", content: Buffer.from(JSON.stringify(metadata)).toString("base64") });
    const out = mkdtempSync(join(tmpdir(), "jobform-from-bundle-"));

    const imported = await jf(emu, ["--dir", out, "--target", "prod", "import", "--from-bundle", join(REPO, "test", "cases", "bundle-import", "bundle"), "--adopt"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`adopt downstream: job ${downstream}, found by the bundle's state (${root}/state/metadata.json)`);
    expect(imported.stdout).toContain(`adopt nightly_sales: job ${nightly}, found by the bundle's state`);
    expect((await jf(emu, ["--dir", out, "--target", "prod", "validate"])).code).toBe(0);
    // prod is a production-mode target: jobform applies it only from a committed git work tree.
    for (const args of [["init", "-q", "-b", "main"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "converted"]]) expect(spawnSync("git", args, { cwd: out }).status).toBe(0);
    const planned = await jf(emu, ["--dir", out, "--target", "prod", "plan"]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain("Plan: 0 to create, 2 to update, 0 to delete.");
    const applied = await jf(emu, ["--dir", out, "--target", "prod", "apply", "--auto-approve"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await storedJobs(emu)).map((j) => j.id).sort()).toEqual([downstream, nightly].sort());
    const again = await jf(emu, ["--dir", out, "--target", "prod", "plan"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
  }, 180_000);
});
