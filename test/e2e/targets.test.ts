// Targets are deployments (issue #13): dev and prod of the sample project on one workspace, the migration
// of jobs applied before the deployment tag existed, and development mode's per-developer copies.
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../src/emulator/auth.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject } from "../support/emulator.js";
import { api, jf, KEYS, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

/** deployment → sorted keys, from the jobs' ownership tags. */
async function deployments(e: RunningEmulator): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const j of await storedJobs(e)) (out[j.settings.tags?.jobform_deployment ?? "(none)"] ??= []).push(j.settings.tags?.jobform_key ?? "?");
  for (const keys of Object.values(out)) keys.sort();
  return out;
}

describe("targets on one workspace", () => {
  it("dev and prod applied side by side: two sets of jobs, each plan empty, neither touching the other", async () => {
    emu = await emulator();
    const dir = sampleProject();
    expect((await jf(emu, ["--dir", dir, "--target", "dev", "apply", "--auto-approve"])).code).toBe(0);
    const before = (await requestLog(emu)).length;
    const prod = await jf(emu, ["--dir", dir, "--target", "prod", "apply", "--auto-approve"]);
    expect(prod.code).toBe(0);
    expect(prod.stdout).toContain("Plan: 6 to create, 0 to update, 0 to delete.");
    // prod's apply wrote only its own creates and their permissions.
    const writes = (await requestLog(emu)).slice(before).filter((q) => q.method !== "GET" && !q.path.startsWith("/api/2.0/workspace/"));
    expect(writes.filter((q) => q.path === "/api/2.2/jobs/create")).toHaveLength(6);
    expect(writes.filter((q) => !["/api/2.2/jobs/create"].includes(q.path) && !q.path.startsWith("/api/2.0/permissions/jobs/"))).toEqual([]);
    expect(await deployments(emu)).toEqual({ dev: KEYS, prod: KEYS });
    for (const target of ["dev", "prod"]) {
      const plan = await jf(emu, ["--dir", dir, "--target", target, "plan", "--detailed-exitcode"]);
      expect(plan.stdout, target).toContain("No changes.");
      expect(plan.code, target).toBe(0);
    }
    // The other target's jobs are another deployment's: neither drift nor extra.
    const drift = await jf(emu, ["--dir", dir, "--target", "dev", "drift"]);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain('6 jobs of project acme-data belong to deployment "prod" (another target): left alone');
  });

  it("a project applied before deployments migrates with tag-only updates and no creates; prod creates its own", async () => {
    emu = await emulator();
    const dir = sampleProject();
    expect((await jf(emu, ["--dir", dir, "--target", "dev", "apply", "--auto-approve"])).code).toBe(0);
    // What an apply before this change left: the ownership tags without jobform_deployment.
    for (const j of await storedJobs(emu)) {
      const { jobform_deployment: _gone, ...tags } = j.settings.tags ?? {};
      await api(emu, "POST", "/api/2.2/jobs/update", { job_id: Number(j.id), new_settings: { tags } });
    }
    expect(await deployments(emu)).toEqual({ "(none)": KEYS });
    // prod is not the target that takes over the legacy jobs on this workspace (dev is the default).
    const prodPlan = await jf(emu, ["--dir", dir, "--target", "prod", "plan"]);
    expect(prodPlan.stdout).toContain("Plan: 6 to create, 0 to update, 0 to delete.");
    expect(prodPlan.stdout).toContain("6 jobs of project acme-data without a deployment tag belong to another target");
    const devPlan = await jf(emu, ["--dir", dir, "--target", "dev", "plan", "--format", "json"]);
    const plan = JSON.parse(devPlan.stdout) as { summary: Record<string, number>; changes: { migrating?: boolean; fields: { path: string }[]; update?: { fields: string[]; tasks: string[] } }[]; notes: string[] };
    expect(plan.summary).toEqual({ create: 0, update: 6, delete: 0, no_op: 0 });
    for (const c of plan.changes) {
      expect(c.migrating).toBe(true);
      expect(c.fields.map((f) => f.path)).toEqual(["/tags/jobform_deployment"]);
      expect(c.update).toEqual({ fields: ["tags"], tasks: [], job_clusters: [], fields_to_remove: [] });
    }
    expect(plan.notes.some((n) => n.includes("were applied before deployments existed: this plan adds the tag jobform_deployment=dev"))).toBe(true);
    const from = (await requestLog(emu)).length;
    expect((await jf(emu, ["--dir", dir, "--target", "dev", "apply", "--auto-approve"])).code).toBe(0);
    const writes = (await requestLog(emu)).slice(from).filter((q) => q.method !== "GET" && !q.path.startsWith("/api/2.0/workspace/"));
    expect(writes.map((q) => q.path)).toEqual(Array(6).fill("/api/2.2/jobs/update"));
    expect(writes.map((q) => Object.keys((q.body as { new_settings: object }).new_settings))).toEqual(Array(6).fill(["tags"]));
    expect(await deployments(emu)).toEqual({ dev: KEYS });
    expect((await jf(emu, ["--dir", dir, "--target", "dev", "plan", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("development mode", () => {
  it("names prefixed, schedules paused, one copy per developer side by side", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const yaml = readFileSync(`${dir}/jobform.yaml`, "utf8").replace("    default: true\n", "    default: true\n    mode: development\n");
    writeFileSync(`${dir}/jobform.yaml`, yaml);
    const bob = issueToken(emu.workspace, { kind: "user", name: "bob@contoso.com" });
    // A second workspace admin, so the sample project's access lists do not lock bob out.
    emu.workspace.admins.add("bob@contoso.com");
    const asMe = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(asMe.code, asMe.stderr).toBe(0);
    const asBob = await jf(emu, ["--dir", dir, "apply", "--auto-approve"], { env: { DATABRICKS_TOKEN: bob } });
    expect(asBob.code, asBob.stderr).toBe(0);
    expect(asBob.stdout).toContain("Plan: 6 to create, 0 to update, 0 to delete.");
    const jobs = await storedJobs(emu);
    const bobs = jobs.filter((j) => j.settings.tags?.jobform_deployment === "dev-bob");
    expect(bobs).toHaveLength(6);
    expect(jobs.filter((j) => j.settings.tags?.jobform_deployment !== "dev-bob")).toHaveLength(6);
    for (const j of bobs) {
      expect(j.settings.name).toMatch(/^\[dev bob\] /);
      expect(j.settings.tags?.dev).toBe("bob");
      expect(j.settings.max_concurrent_runs).toBeGreaterThanOrEqual(4);
      for (const f of ["schedule", "trigger", "continuous"]) {
        const v = j.settings[f] as { pause_status?: string } | undefined;
        if (v) expect(v.pause_status, `${j.settings.name} ${f}`).toBe("PAUSED");
      }
    }
    // run finds the caller's own copy, not the other developer's.
    const run = await jf(emu, ["--dir", dir, "run", "sales-load", "--no-wait"], { env: { DATABRICKS_TOKEN: bob } });
    expect(run.code, run.stderr).toBe(0);
    const runs = [...emu.workspace.runs.values()].filter((r) => (r as { kind?: string }).kind === "run") as { job_id: string }[];
    const bobsSales = bobs.find((j) => j.settings.tags?.jobform_key === "sales-load")?.id;
    expect(runs.map((r) => String(r.job_id))).toEqual([bobsSales]);
    for (const token of [undefined, bob]) {
      const plan = await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode"], token ? { env: { DATABRICKS_TOKEN: token } } : {});
      expect(plan.code, plan.stdout).toBe(0);
    }
  });
});
