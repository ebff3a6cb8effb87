import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject } from "../support/emulator.js";
import { api, idsByKey, jf, jobWrites, KEYS, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

/** A fresh emulator with the sample project applied once. */
async function applied(): Promise<{ emu: RunningEmulator; dir: string; ids: Record<string, string> }> {
  emu = await emulator();
  const dir = sampleProject();
  const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
  expect(r.stderr).not.toContain("failed");
  expect(r.code).toBe(0);
  const ids = Object.fromEntries(Object.entries(await idsByKey(emu)).map(([k, v]) => [k, v[0] as string]));
  return { emu, dir, ids };
}

const edit = (dir: string, key: string, change: (doc: Record<string, unknown>) => void) => {
  const file = join(dir, "jobs", `${key}.yaml`);
  const doc = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(doc);
  writeFileSync(file, stringify(doc));
};

describe("one apply of the sample project", () => {
  // Read-only checks of the same applied workspace share one apply.
  let state: Awaited<ReturnType<typeof applied>>;
  beforeAll(async () => {
    state = await applied();
    emu = undefined; // closed in afterAll, not after the first test
  });
  afterAll(async () => state.emu.close());

  it("creates every job once; a plan right after is empty and writes nothing", async () => {
    expect(Object.keys(state.ids).sort()).toEqual(KEYS);
    expect(Object.values(await idsByKey(state.emu)).every((v) => v.length === 1)).toBe(true);
    const before = (await requestLog(state.emu)).length;
    const plan = await jf(state.emu, ["--dir", state.dir, "plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("No changes.");
    expect(plan.code).toBe(0);
    expect((await requestLog(state.emu)).slice(before).filter((q) => q.method !== "GET")).toEqual([]);
  });

  it("resolves run_job references to the real ids, creating the referenced jobs first", async () => {
    const creates = (await requestLog(state.emu)).filter((q) => q.path === "/api/2.2/jobs/create").map((q) => (q.body as { tags: Record<string, string> }).tags.jobform_key);
    expect(creates.indexOf("nightly-orchestrator")).toBeGreaterThan(creates.indexOf("sales-load"));
    expect(creates.indexOf("nightly-orchestrator")).toBeGreaterThan(creates.indexOf("ml-training"));
    const nightly = (await storedJobs(state.emu)).find((j) => j.id === state.ids["nightly-orchestrator"]);
    const runs = Object.fromEntries((nightly?.settings.tasks ?? []).filter((t) => t.run_job_task).map((t) => [t.task_key, String(t.run_job_task?.job_id)]));
    expect(runs).toEqual({ sales: state.ids["sales-load"], ml: state.ids["ml-training"] });
  });

  it("lands permissions exactly: the YAML's grants plus the inherited admins", async () => {
    const acl = (await api(state.emu, "GET", `/api/2.0/permissions/jobs/${state.ids["sales-load"]}`)).access_control_list as Record<string, unknown>[];
    const flat = acl.map((e) => `${String(e.user_name ?? e.group_name ?? e.service_principal_name)}=${(e.all_permissions as { permission_level: string; inherited: boolean }[]).map((p) => `${p.permission_level}${p.inherited ? " (inherited)" : ""}`).join(",")}`);
    expect(flat.sort()).toEqual(["admins=CAN_MANAGE (inherited)", "alice@contoso.com=IS_OWNER", "analysts=CAN_VIEW", "data-eng=CAN_MANAGE_RUN"]);
  });
});

describe("apply against the emulator", () => {
  it("sends a pause-only change as one jobs/update, a return to a server default as jobs/reset", async () => {
    const { emu, dir, ids } = await applied();
    edit(dir, "sales-load", (d) => ((d.schedule as Record<string, unknown>).pause_status = "UNPAUSED"));
    edit(dir, "files-ingest", (d) => delete d.max_concurrent_runs);
    const from = (await requestLog(emu)).length;
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(r.code).toBe(0);
    const writes = (await requestLog(emu)).slice(from).filter((q) => q.path.startsWith("/api/2.2/jobs/") && q.method === "POST");
    expect(writes.map((q) => `${q.path} ${String((q.body as { job_id: number }).job_id)}`)).toEqual([`/api/2.2/jobs/update ${ids["sales-load"]}`, `/api/2.2/jobs/reset ${ids["files-ingest"]}`].sort());
    expect((writes.find((q) => q.path.endsWith("update"))?.body as { new_settings: unknown }).new_settings).toEqual({ schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "Europe/Amsterdam", pause_status: "UNPAUSED" } });
    expect(r.stdout).toMatch(/sales-load\s+\d+\s+updated\s+jobs\/update/);
    expect(r.stdout).toMatch(/files-ingest\s+\d+\s+reset\s+jobs\/reset/);
    expect((await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("reports a UI edit as drift and reverts it", async () => {
    const { emu, dir, ids } = await applied();
    await api(emu, "POST", "/api/2.2/jobs/update", { job_id: Number(ids["sales-load"]), new_settings: { timeout_seconds: 999 } });
    const drift = await jf(emu, ["--dir", dir, "drift"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("timeout_seconds");
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(r.code).toBe(0);
    expect((await storedJobs(emu)).find((j) => j.id === ids["sales-load"])?.settings.timeout_seconds).toBe(7200);
    expect((await jf(emu, ["--dir", dir, "drift"])).code).toBe(0);
  });

  it("treats reordered tasks in YAML as no change", async () => {
    const { emu, dir } = await applied();
    edit(dir, "ml-training", (d) => (d.tasks as unknown[]).reverse());
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(r.stdout).toContain("No changes.");
    expect(r.code).toBe(0);
  });

  it("deletes a job whose file was removed only with --prune, and never an unmanaged job", async () => {
    const { emu, dir, ids } = await applied();
    const other = (await api(emu, "POST", "/api/2.2/jobs/create", { name: "Sales load", tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] })).job_id;
    rmSync(join(dir, "jobs", "reports-refresh.yaml"));
    const from = (await requestLog(emu)).length;
    const keep = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(keep.code).toBe(0);
    expect(keep.stdout).toContain("plan with --prune to delete it");
    expect(await jobWrites(emu, from)).toEqual([]);
    const prune = await jf(emu, ["--dir", dir, "apply", "--auto-approve", "--prune"]);
    expect(prune.code).toBe(0);
    expect(prune.stdout).toMatch(/reports-refresh\s+\d+\s+deleted/);
    expect(await jobWrites(emu, from)).toEqual(["POST /api/2.2/jobs/delete"]);
    const left = (await storedJobs(emu)).map((j) => j.id);
    expect(left).toContain(String(other));
    expect(left).not.toContain(ids["reports-refresh"]);
  });

  it("refuses a prune beyond apply.prune_max_fraction before writing anything", async () => {
    const { emu, dir } = await applied();
    const project = join(dir, "jobform.yaml");
    writeFileSync(project, readFileSync(project, "utf8") + "apply:\n  prune_max_fraction: 0.3\n");
    rmSync(join(dir, "jobs", "files-ingest.yaml"));
    rmSync(join(dir, "jobs", "orders-stream.yaml"));
    const from = (await requestLog(emu)).length;
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve", "--prune"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--prune would delete 2 of 6 managed jobs, more than apply.prune_max_fraction (0.3) allows");
    expect(await jobWrites(emu, from)).toEqual([]);
  });

  it("refuses on a non-terminal without --auto-approve, before touching the workspace", async () => {
    emu = await emulator();
    const r = await jf(emu, ["--dir", sampleProject(), "apply"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("jobform: refusing to apply without confirmation: not a terminal; pass --auto-approve or apply a saved plan (jobform plan --out FILE)\n");
    expect(await requestLog(emu)).toEqual([]);
  });
});
