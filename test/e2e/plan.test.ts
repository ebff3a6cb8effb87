import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { cliAgainst, emulator, requestLog, sampleProject, TOKEN } from "../support/emulator.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("plan and drift against the emulator", () => {
  it("plans the sample project into an empty workspace with reads only", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const out = join(mkdtempSync(join(tmpdir(), "jobform-plan-")), "plan.json");
    const r = await cliAgainst(emu, ["--dir", dir, "plan", "--detailed-exitcode", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('+ create sales-load "Sales load"');
    expect(r.stdout.trim().split("\n").pop()).toBe("Plan: 6 to create, 0 to update, 0 to delete.");
    const saved = JSON.parse(readFileSync(out, "utf8")) as { format_version: number; summary: { create: number } };
    expect(saved.format_version).toBe(1);
    expect(saved.summary.create).toBe(6);
    const log = await requestLog(emu);
    expect(log.length).toBeGreaterThan(0);
    expect(log.filter((q) => q.method !== "GET")).toEqual([]);
  });

  it("limits the plan to --job and renders Markdown with a mermaid graph", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const r = await cliAgainst(emu, ["--dir", dir, "plan", "--job", "ml-training", "--format", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### jobform plan: `acme-data` → `dev`");
    expect(r.stdout).toContain("```mermaid");
    expect(r.stdout).toContain("**Plan: 1 to create, 0 to update, 0 to delete.**");
    expect(r.stdout).not.toContain("sales-load");
  });

  it("refuses an unknown --job and a project with errors before touching the workspace", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const unknown = await cliAgainst(emu, ["--dir", dir, "plan", "--job", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("--job nope: no such job in jobs/");
    const broken = await cliAgainst(emu, ["--dir", dir, "--target", "staging", "plan"]);
    expect(broken.stderr).toMatch(/the project has \d+ errors?; nothing was read from or written to the workspace/);
    expect(broken.code).toBe(1);
    expect(await requestLog(emu)).toEqual([]);
  });

  it("reports missing and changed jobs as drift (exit 2), and an extra managed job without deleting it", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const post = (path: string, body: unknown) => fetch(`${emu!.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    await post("/api/2.2/jobs/create", { name: "Old job", tags: { jobform_project: "acme-data", jobform_key: "retired" }, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] });
    const r = await cliAgainst(emu, ["--dir", dir, "drift"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("- retired (job 1): managed by this project, but no definition in git");
    expect(r.stdout).toContain("+ sales-load: no job in the workspace");
    expect(r.stdout).toContain("Drift: 0 changed, 6 missing, 1 extra");
    expect((await requestLog(emu)).filter((q) => q.method === "POST").map((q) => q.path)).toEqual(["/api/2.2/jobs/create"]);
  });

  it("writes the Markdown to the step summary in GitHub Actions", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const summary = join(dir, "summary.md");
    const { runCliAsync } = await import("../support/cli.js");
    const r = await runCliAsync(["--host", emu.url, "--dir", dir, "plan", "--job", "sales-load"], {
      env: { DATABRICKS_TOKEN: TOKEN, DATABRICKS_CONFIG_FILE: "/nonexistent", GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(0);
    expect(readFileSync(summary, "utf8")).toContain("### jobform plan: `acme-data`");
  });
});
