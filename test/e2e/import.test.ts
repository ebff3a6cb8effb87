// jobform import against the emulator: jobs made by hand in the "UI" become job files whose only
// difference from the workspace is the ownership tags — the proof that server defaults were stripped
// right — and --adopt makes apply tag those jobs instead of creating copies.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog } from "../support/emulator.js";
import { api, jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const PROJECT_YAML = `# The team's jobs. Comments here must survive import --adopt.
project: acme-data # ownership namespace

targets:
  dev: { default: true }
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-import-"));
  writeFileSync(join(dir, "jobform.yaml"), PROJECT_YAML);
  return dir;
}

const SALES = {
  name: "Sales load",
  tags: { team: "sales" },
  schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "Europe/Amsterdam", pause_status: "PAUSED" },
  parameters: [{ name: "run_date", default: "" }],
  job_clusters: [{ job_cluster_key: "small", new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "Standard_DS3_v2", num_workers: 2 } }],
  tasks: [
    { task_key: "ingest", notebook_task: { notebook_path: "/Shared/etl/ingest", base_parameters: { date: "{{job.parameters.run_date}}" } }, job_cluster_key: "small" },
    { task_key: "is_weekday", depends_on: [{ task_key: "ingest" }], condition_task: { op: "NOT_EQUAL", left: "{{job.start_time.iso_weekday}}", right: "7" } },
    { task_key: "publish", depends_on: [{ task_key: "is_weekday", outcome: "true" }], notebook_task: { notebook_path: "/Shared/etl/publish" }, job_cluster_key: "small", max_retries: 1 },
  ],
};
const ORDERS = {
  name: "Orders hourly",
  trigger: { periodic: { interval: 1, unit: "HOURS" } },
  max_concurrent_runs: 3,
  email_notifications: { on_failure: ["oncall@contoso.com"] },
  tasks: [{ task_key: "refresh", notebook_task: { notebook_path: "/Shared/orders/refresh" }, new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 1 }, timeout_seconds: 1800 }],
};
// Same name as the first: its key gets a suffix.
const SALES_COPY = { ...SALES, tags: { team: "sales", stage: "backfill" }, schedule: undefined };

async function createJobs(e: RunningEmulator): Promise<{ sales: string; orders: string; copy: string; other: string }> {
  const id = async (body: unknown) => String((await api(e, "POST", "/api/2.2/jobs/create", body)).job_id);
  const sales = await id(SALES);
  const orders = await id(ORDERS);
  const copy = await id(SALES_COPY);
  const other = await id({ name: "Someone else's", tags: { jobform_project: "other-team", jobform_key: "x" }, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] });
  await api(e, "PATCH", `/api/2.0/permissions/jobs/${sales}`, { access_control_list: [{ group_name: "data-eng", permission_level: "CAN_MANAGE_RUN" }] });
  await api(e, "PATCH", `/api/2.0/permissions/jobs/${orders}`, { access_control_list: [{ group_name: "analysts", permission_level: "CAN_VIEW" }] });
  return { sales, orders, copy, other };
}

describe("jobform import", () => {
  it("imports --all --adopt, validates, plans only the ownership tags, and apply tags the jobs with jobs/update", async () => {
    emu = await emulator();
    const ids = await createJobs(emu);
    const dir = project();

    const imported = await jf(emu, ["--dir", dir, "import", "--all", "--adopt"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`wrote jobs/sales-load.yaml from job ${ids.sales} "Sales load"`);
    expect(imported.stdout).toContain(`wrote jobs/orders-hourly.yaml from job ${ids.orders} "Orders hourly"`);
    expect(imported.stdout).toContain(`wrote jobs/sales-load-2.yaml from job ${ids.copy} "Sales load"`);
    expect(imported.stderr).toContain(`note: job ${ids.other} belongs to project "other-team": skipped`);

    const projectText = readFileSync(join(dir, "jobform.yaml"), "utf8");
    expect(projectText).toBe(`${PROJECT_YAML}adopt:\n  sales-load: ${ids.sales}\n  orders-hourly: ${ids.orders}\n  sales-load-2: ${ids.copy}\n`);

    const sales = readFileSync(join(dir, "jobs/sales-load.yaml"), "utf8");
    expect(sales).toBe(`# yaml-language-server: $schema=../schemas/job.schema.json
# imported from job ${ids.sales}
name: Sales load
tags:
  team: sales
schedule:
  quartz_cron_expression: 0 0 6 * * ?
  timezone_id: Europe/Amsterdam
  pause_status: PAUSED
parameters:
  - name: run_date
    default: ""
tasks:
  - task_key: ingest
    notebook_task:
      notebook_path: /Shared/etl/ingest
      base_parameters:
        date: "{{job.parameters.run_date}}"
    job_cluster_key: small
  - task_key: is_weekday
    depends_on:
      - task_key: ingest
    condition_task:
      op: NOT_EQUAL
      left: "{{job.start_time.iso_weekday}}"
      right: "7"
  - task_key: publish
    depends_on:
      - task_key: is_weekday
        outcome: "true"
    notebook_task:
      notebook_path: /Shared/etl/publish
    job_cluster_key: small
    max_retries: 1
job_clusters:
  - job_cluster_key: small
    new_cluster:
      spark_version: 15.4.x-scala2.12
      node_type_id: Standard_DS3_v2
      num_workers: 2
      enable_elastic_disk: true
permissions:
  - user_name: ${"<OWNER>"}
    permission_level: IS_OWNER
  - group_name: data-eng
    permission_level: CAN_MANAGE_RUN
`.replace("<OWNER>", ownerIn(sales)));

    const validated = await jf(emu, ["--dir", dir, "validate"]);
    expect(validated.stderr).not.toMatch(/error/);
    expect(validated.code).toBe(0);

    const planned = await jf(emu, ["--dir", dir, "plan"]);
    expect(planned.code).toBe(0);
    // Per job: the headline, then only the ownership tags. Any other line would be a default not stripped.
    for (const [key, id] of [["orders-hourly", ids.orders], ["sales-load", ids.sales], ["sales-load-2", ids.copy]] as const) {
      const block = planned.stdout.split("\n\n").find((b) => b.includes(`~ update ${key} `)) ?? "";
      expect(block.split("\n").filter((l) => l.trim() !== "")).toEqual([
        expect.stringContaining(`(job ${id}) · adopting job ${id} · jobs/update`),
        ...ownershipLines(block, key),
      ]);
    }
    expect(planned.stdout).toContain("Plan: 0 to create, 3 to update, 0 to delete.");

    const before = (await requestLog(emu)).length;
    const applied = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(applied.stderr).not.toContain("failed");
    expect(applied.code).toBe(0);
    const writes = (await requestLog(emu)).slice(before).filter((q) => q.method !== "GET" && !q.path.startsWith("/api/2.0/workspace/"));
    expect(writes.map((q) => `${q.method} ${q.path}`).sort()).toEqual(["POST /api/2.2/jobs/update", "POST /api/2.2/jobs/update", "POST /api/2.2/jobs/update"]);
    const stored = await storedJobs(emu);
    expect(stored.length).toBe(4);
    expect(Object.fromEntries(stored.map((j) => [j.id, j.settings.tags]))).toEqual({
      [ids.sales]: { team: "sales", jobform_project: "acme-data", jobform_deployment: "dev", jobform_key: "sales-load" },
      [ids.orders]: { jobform_project: "acme-data", jobform_deployment: "dev", jobform_key: "orders-hourly" },
      [ids.copy]: { team: "sales", stage: "backfill", jobform_project: "acme-data", jobform_deployment: "dev", jobform_key: "sales-load-2" },
      [ids.other]: { jobform_project: "other-team", jobform_key: "x" },
    });

    // The adopt: entries have done their work: apply splices them out of jobform.yaml and says so.
    expect(applied.stdout).toContain("jobform.yaml: removed adopt: orders-hourly, sales-load, sales-load-2 (the jobs carry the ownership tags now)");
    expect(readFileSync(join(dir, "jobform.yaml"), "utf8")).toBe(PROJECT_YAML);

    const again = await jf(emu, ["--dir", dir, "plan"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
    expect(again.stdout).not.toContain("adopt.");
  });

  it("an apply with nothing to change still removes adopt: entries whose jobs an earlier apply tagged", async () => {
    emu = await emulator();
    const ids = await createJobs(emu);
    const dir = project();
    expect((await jf(emu, ["--dir", dir, "import", "--job-id", ids.orders, "--adopt"])).code).toBe(0);
    expect((await jf(emu, ["--dir", dir, "apply", "--auto-approve"])).code).toBe(0);
    writeFileSync(join(dir, "jobform.yaml"), `${PROJECT_YAML}adopt: {orders-hourly: ${ids.orders}}\n`);
    const noop = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toContain("jobform.yaml: removed adopt: orders-hourly (the job carries the ownership tags now)");
    expect(readFileSync(join(dir, "jobform.yaml"), "utf8")).toBe(PROJECT_YAML);
  });

  it("never overwrites an existing file without --force, and refuses another project's job", async () => {
    emu = await emulator();
    const ids = await createJobs(emu);
    const dir = project();
    const first = await jf(emu, ["--dir", dir, "import", "--job-id", ids.orders]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("note: these jobs stay untagged");
    const file = join(dir, "jobs/orders-hourly.yaml");
    writeFileSync(file, readFileSync(file, "utf8") + "# my edit\n");

    const second = await jf(emu, ["--dir", dir, "import", "--name", "^Orders"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`note: job ${ids.orders} is already in jobs/orders-hourly.yaml; not overwritten (--force overwrites it)`);
    expect(second.stdout).toContain("Nothing imported.");
    expect(readFileSync(file, "utf8")).toContain("# my edit\n");

    const forced = await jf(emu, ["--dir", dir, "import", "--job-id", ids.orders, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`wrote jobs/orders-hourly.yaml from job ${ids.orders}`);
    expect(readFileSync(file, "utf8")).not.toContain("# my edit");

    const refused = await jf(emu, ["--dir", dir, "import", "--job-id", ids.other, "--job-id", ids.sales, "--adopt"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`job ${ids.other} belongs to project "other-team"; jobform does not take over another project's job`);
    expect(readFileSync(join(dir, "jobform.yaml"), "utf8")).toBe(PROJECT_YAML);

    const none = await jf(emu, ["--dir", dir, "import"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("import needs exactly one of --job-id ID (repeatable), --all or --name REGEX");
  });

  it("a plan refuses an adopt entry naming another project's job", async () => {
    emu = await emulator();
    const ids = await createJobs(emu);
    const dir = project();
    await jf(emu, ["--dir", dir, "import", "--job-id", ids.sales]);
    writeFileSync(join(dir, "jobform.yaml"), `${PROJECT_YAML}adopt: { sales-load: "${ids.other}" }\n`);
    const planned = await jf(emu, ["--dir", dir, "plan"]);
    expect(planned.code).toBe(1);
    expect(planned.stdout + planned.stderr).toContain(`adopt.sales-load: job ${ids.other} belongs to project "other-team"`);
  });
});

/** The owner the emulator gave the job (the token's user), read back from the file. */
function ownerIn(text: string): string {
  return /- user_name: (.+)\n\s+permission_level: IS_OWNER/.exec(text)?.[1] ?? "(no owner)";
}

/** The lines a plan prints for the ownership tags of `key`, whatever form the diff takes. */
function ownershipLines(block: string, key: string): string[] {
  const lines = block.split("\n").slice(1).filter((l) => l.trim() !== "");
  // `~ tags:` over the added tags, or `+ tags:` and the block when the job had none.
  for (const l of lines) expect(l).toMatch(/^\s+(?:[~+] tags:|\+ (?: {2})?jobform_(?:project|deployment|key): \S)/);
  expect(lines.join("\n")).toContain(key);
  expect(lines.join("\n")).toContain("acme-data");
  return lines;
}
