// `jobform pull` end to end: the built CLI against `jobform serve` over HTTP, on a copy of the sample project.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { cliAgainst, emulator, sampleProject, TOKEN } from "../support/emulator.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${emu!.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  const out = (await r.json()) as Record<string, unknown>;
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(out)}`);
  return out;
}

type Settings = Record<string, unknown> & { tasks: Record<string, unknown>[] };

/** The id of a managed job by its key tag. */
async function jobId(key: string): Promise<string> {
  const list = (await api("GET", "/api/2.2/jobs/list?limit=100")) as { jobs: { job_id: number; settings: { tags?: Record<string, string> } }[] };
  const hit = list.jobs.find((j) => j.settings.tags?.jobform_key === key);
  if (!hit) throw new Error(`no job ${key}`);
  return String(hit.job_id);
}

/** Two UI edits through REST: sales-load's timeout and a task's retries, orders-stream paused off and a viewer granted. */
async function editTwoJobs(): Promise<void> {
  const sales = await jobId("sales-load");
  const got = (await api("GET", `/api/2.2/jobs/get?job_id=${sales}`)) as { settings: Settings };
  const tasks = got.settings.tasks.map((t) => (t.task_key === "ingest" ? { ...t, max_retries: 4 } : t));
  await api("POST", "/api/2.2/jobs/update", { job_id: Number(sales), new_settings: { timeout_seconds: 5400, tasks } });
  const orders = await jobId("orders-stream");
  await api("POST", "/api/2.2/jobs/update", { job_id: Number(orders), new_settings: { max_concurrent_runs: 3 } });
  await api("PATCH", `/api/2.0/permissions/jobs/${orders}`, { access_control_list: [{ user_name: "bob@contoso.com", permission_level: "CAN_VIEW" }] });
}

function gitInit(dir: string): void {
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "ignore", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "sample");
}

/** The sample project in a git work tree, applied to a fresh emulator, then edited in the "UI". */
async function appliedAndEdited(): Promise<string> {
  emu = await emulator();
  const dir = sampleProject();
  gitInit(dir);
  expect((await cliAgainst(emu, ["--dir", dir, "apply", "--auto-approve"])).code).toBe(0);
  await editTwoJobs();
  return dir;
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), "utf8");

describe("jobform pull", () => {
  it("brings two jobs' UI edits into their files, after which plan is empty; a dry run writes nothing", { timeout: 180_000 }, async () => {
    const dir = await appliedAndEdited();
    const before = new Map(["jobform.yaml", "jobs/sales-load.yaml", "jobs/orders-stream.yaml", "jobs/ml-training.yaml"].map((f) => [f, read(dir, f)]));

    const dry = await cliAgainst(emu!, ["--dir", dir, "pull", "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("--- a/jobs/sales-load.yaml\n+++ b/jobs/sales-load.yaml\n");
    expect(dry.stdout).toContain("-timeout_seconds: 7200\n+timeout_seconds: 5400\n");
    for (const [f, t] of before) expect(read(dir, f)).toBe(t);

    const r = await cliAgainst(emu!, ["--dir", dir, "pull"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("jobs/sales-load.yaml:13: sales-load /timeout_seconds: 7200 → 5400 (job file)");
    const sales = read(dir, "jobs/sales-load.yaml");
    expect(sales).toBe(before.get("jobs/sales-load.yaml")!.replace("timeout_seconds: 7200", "timeout_seconds: 5400").replace("max_retries: 2", "max_retries: 4"));
    const orders = read(dir, "jobs/orders-stream.yaml");
    expect(orders).toContain("max_concurrent_runs: 3\n");
    expect(orders).toContain("  - { user_name: bob@contoso.com, permission_level: CAN_VIEW }\n");
    expect(read(dir, "jobform.yaml")).toBe(before.get("jobform.yaml"));
    expect(read(dir, "jobs/ml-training.yaml")).toBe(before.get("jobs/ml-training.yaml"));

    const plan = await cliAgainst(emu!, ["--dir", dir, "plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("No changes");
    expect(plan.code).toBe(0);
    expect((await cliAgainst(emu!, ["--dir", dir, "drift"])).code).toBe(0);
  });

  it("refuses a file with uncommitted changes unless --force, and prints every edit as JSON", { timeout: 180_000 }, async () => {
    const dir = await appliedAndEdited();
    const mine = read(dir, "jobs/sales-load.yaml") + "# my unsaved thought\n";
    writeFileSync(join(dir, "jobs/sales-load.yaml"), mine);

    const refused = await cliAgainst(emu!, ["--dir", dir, "pull"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("jobs/sales-load.yaml has uncommitted changes");
    expect(read(dir, "jobs/sales-load.yaml")).toBe(mine);

    const r = await cliAgainst(emu!, ["--dir", dir, "pull", "--force", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { settled: boolean; written: string[]; edits: Record<string, unknown>[]; left_alone: unknown[]; missing: string[] };
    expect(out.settled).toBe(true);
    expect(out.written.sort()).toEqual(["jobs/orders-stream.yaml", "jobs/sales-load.yaml"]);
    expect(out.edits.map((e) => `${e.key} ${e.pointer} ${e.routed_to}`).sort()).toEqual([
      "orders-stream /max_concurrent_runs job file",
      "orders-stream /permissions/bob@contoso.com job file",
      "sales-load /tasks/ingest/max_retries job file",
      "sales-load /timeout_seconds job file",
    ]);
    expect(Object.keys(out.edits[0] ?? {}).sort()).toEqual(["after", "before", "file", "key", "line", "pointer", "routed_to"]);
    expect(out.left_alone).toEqual([]);
    expect(read(dir, "jobs/sales-load.yaml").endsWith("# my unsaved thought\n")).toBe(true);

    // A job deleted in the workspace: reported and kept, removed with --delete-missing.
    await api("POST", "/api/2.2/jobs/delete", { job_id: Number(await jobId("reports-refresh")) });
    const kept = await cliAgainst(emu!, ["--dir", dir, "pull", "--force"]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain("missing: job reports-refresh is not in the workspace");
    expect(existsSync(join(dir, "jobs/reports-refresh.yaml"))).toBe(true);
    // ml-training is gone too, but nightly-orchestrator still runs it through ${jobs.ml-training.id}: its file stays.
    await api("POST", "/api/2.2/jobs/delete", { job_id: Number(await jobId("ml-training")) });
    const gone = await cliAgainst(emu!, ["--dir", dir, "pull", "--force", "--delete-missing"]);
    expect(gone.code).toBe(0);
    expect(gone.stdout).toContain("deleted: jobs/reports-refresh.yaml");
    expect(existsSync(join(dir, "jobs/reports-refresh.yaml"))).toBe(false);
    expect(gone.stderr).toContain("warning: jobs/ml-training.yaml is kept: nightly-orchestrator runs it through ${jobs.ml-training.id}");
    expect(existsSync(join(dir, "jobs/ml-training.yaml"))).toBe(true);
  });
});
