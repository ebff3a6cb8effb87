import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { cliAgainst, emulator, requestLog, sampleProject, TOKEN } from "../support/emulator.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

async function api(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${emu!.url}${path}`, { method: body ? "POST" : "GET", headers: { authorization: `Bearer ${TOKEN}` }, body: body ? JSON.stringify(body) : undefined });
  return (await r.json()) as Record<string, unknown>;
}

describe("pause / unpause", () => {
  it("edits the YAML and, with --apply, sends one jobs/update carrying only the schedule", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const created = await api("/api/2.2/jobs/create", {
      name: "Sales load",
      schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "Europe/Amsterdam", pause_status: "PAUSED" },
      tags: { jobform_project: "acme-data", jobform_key: "sales-load" },
      tasks: [{ task_key: "ingest", notebook_task: { notebook_path: "/x" } }],
    });
    const r = await cliAgainst(emu, ["--dir", dir, "unpause", "sales-load", "--apply"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("jobs/sales-load.yaml: schedule unpaused");
    expect(readFileSync(join(dir, "jobs/sales-load.yaml"), "utf8")).toContain("  pause_status: UNPAUSED\n");
    const writes = (await requestLog(emu)).filter((q) => q.method === "POST" && q.status === 200 && !q.path.endsWith("/create"));
    expect(writes.map((q) => q.path)).toEqual(["/api/2.2/jobs/update"]);
    expect(writes[0]?.body).toEqual({ job_id: created.job_id, new_settings: { schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "Europe/Amsterdam", pause_status: "UNPAUSED" } } });
    const live = await api(`/api/2.2/jobs/get?job_id=${created.job_id}`);
    expect((live.settings as { schedule: { pause_status: string } }).schedule.pause_status).toBe("UNPAUSED");
  });

  it("warns when the target overrides pause_status, and refuses a job that is not deployed", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const r = await cliAgainst(emu, ["--dir", dir, "--target", "prod", "pause", "sales-load", "--apply"]);
    expect(r.stderr).toContain('warning: target "prod" overrides pause_status of schedule');
    expect(r.stderr).toContain('job "sales-load" is not in the workspace yet');
    expect(r.code).toBe(1);
  });

  it("says so when there is nothing to pause", async () => {
    const dir = sampleProject();
    const r = await cliAgainst({ url: "http://127.0.0.1:9" }, ["--dir", dir, "pause", "no-such-job"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`jobform: no job "no-such-job": there is no jobs/no-such-job.yaml in ${dir}`);
  });
});
