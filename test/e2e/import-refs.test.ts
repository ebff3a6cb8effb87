// Imports keep references (issue #15): a workspace job that runs another imported job is written with
// `${jobs.<key>.id}`, so apply knows the order and the plan after it is empty; a run_job task that runs a
// job the project does not hold keeps its id, with a note.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator } from "../support/emulator.js";
import { api, jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-import-refs-"));
  writeFileSync(join(dir, "jobform.yaml"), "project: acme-data\n");
  return dir;
}

const cluster = { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 1 };
const id = async (e: RunningEmulator, body: unknown) => String((await api(e, "POST", "/api/2.2/jobs/create", body)).job_id);

describe("import keeps run_job references", () => {
  it("writes ${jobs.<key>.id} for an imported job; apply --adopt takes both over and the next plan is empty", async () => {
    emu = await emulator();
    const outside = await id(emu, { name: "Other team's export", tags: { jobform_project: "other-team", jobform_key: "export" }, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" }, new_cluster: cluster }] });
    const child = await id(emu, { name: "Load", tasks: [{ task_key: "load", notebook_task: { notebook_path: "/Shared/load" }, new_cluster: cluster }] });
    const parent = await id(emu, {
      name: "Orchestrate",
      tasks: [
        { task_key: "run_load", run_job_task: { job_id: Number(child) } },
        { task_key: "run_export", depends_on: [{ task_key: "run_load" }], run_job_task: { job_id: Number(outside) } },
      ],
    });
    const dir = project();

    const imported = await jf(emu, ["--dir", dir, "import", "--job-id", child, "--job-id", parent, "--adopt"]);
    expect(imported.stderr).not.toMatch(/error/i);
    expect(imported.code).toBe(0);
    const orchestrate = readFileSync(join(dir, "jobs/orchestrate.yaml"), "utf8");
    expect(orchestrate).toContain("run_job_task:\n      job_id: ${jobs.load.id}\n");
    expect(orchestrate).toContain(`run_job_task:\n      job_id: ${outside}\n`);
    expect(imported.stderr).toContain(`note: jobs/orchestrate.yaml: task run_export runs job ${outside}, which this project neither imports nor manages: its id is kept as it is`);

    expect((await jf(emu, ["--dir", dir, "validate"])).code).toBe(0);
    const planned = await jf(emu, ["--dir", dir, "plan"]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("Plan: 0 to create, 2 to update, 0 to delete.");
    // The reference resolves to the job it came from: no field of run_load changes.
    expect(planned.stdout).not.toContain("run_job_task");

    const applied = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(applied.stderr).not.toContain("failed");
    expect(applied.code).toBe(0);
    const stored = await storedJobs(emu);
    expect(stored.length).toBe(3);
    const byId = new Map(stored.map((j) => [j.id, j]));
    expect(byId.get(parent)?.settings.tasks?.find((t) => t.task_key === "run_load")?.run_job_task?.job_id).toBe(Number(child));

    const again = await jf(emu, ["--dir", dir, "plan"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
  }, 120_000);

  it("without --adopt the copies run each other: apply creates the runner after the job it runs", async () => {
    emu = await emulator();
    const child = await id(emu, { name: "Load", tasks: [{ task_key: "load", notebook_task: { notebook_path: "/Shared/load" }, new_cluster: cluster }] });
    const parent = await id(emu, { name: "Orchestrate", tasks: [{ task_key: "run_load", run_job_task: { job_id: Number(child) } }] });
    const dir = project();
    expect((await jf(emu, ["--dir", dir, "import", "--job-id", parent, "--job-id", child])).code).toBe(0);
    const applied = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(applied.code).toBe(0);
    const stored = await storedJobs(emu);
    expect(stored.length).toBe(4);
    const copyOf = (key: string) => stored.find((j) => j.settings.tags?.jobform_key === key);
    const load = copyOf("load");
    expect(load && load.id !== child).toBe(true);
    expect(copyOf("orchestrate")?.settings.tasks?.[0]?.run_job_task?.job_id).toBe(Number(load?.id));
    expect((await jf(emu, ["--dir", dir, "plan"])).stdout).toContain("No changes.");
  }, 120_000);
});
