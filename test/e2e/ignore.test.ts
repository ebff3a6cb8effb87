// Field ownership end to end: an operator pauses sales-load and raises its concurrency through the API (as
// the UI would); with `ignore:` rules for those fields drift stays quiet, and a later apply that has to send
// the schedule for a new cron keeps the operator's pause instead of reverting it.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject } from "../support/emulator.js";
import { api, idsByKey, jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const RULES = `
ignore:
  - path: /schedule/pause_status
    jobs: [sales-load]
    reason: operators pause schedules during incidents
  - path: /max_concurrent_runs
    jobs: [sales-*]
    reason: on-call raises concurrency to catch up after an outage
`;

const setInFile = (dir: string, file: string, from: string, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
};

/** The sample project applied with sales-load running, then paused and widened by an operator. */
async function operated(): Promise<{ emu: RunningEmulator; dir: string; id: string }> {
  const e = (emu = await emulator());
  const dir = sampleProject();
  // The sample ships sales-load paused in dev; run it, so the operator has something to pause.
  setInFile(dir, "jobs/sales-load.yaml", "pause_status: PAUSED", "pause_status: UNPAUSED");
  const first = await jf(e, ["--dir", dir, "apply", "--auto-approve"]);
  expect(first.code).toBe(0);
  const id = (await idsByKey(e))["sales-load"]?.[0] as string;
  const job = await api(e, "GET", `/api/2.2/jobs/get?job_id=${id}`);
  const schedule = (job.settings as { schedule: Record<string, unknown> }).schedule;
  expect(schedule.pause_status).toBe("UNPAUSED");
  // What the UI sends: jobs/update replaces schedule wholesale, so the whole block goes with the new pause.
  await api(e, "POST", "/api/2.2/jobs/update", { job_id: Number(id), new_settings: { schedule: { ...schedule, pause_status: "PAUSED" }, max_concurrent_runs: 5 } });
  return { emu: e, dir, id };
}

describe("ignore: fields operators own", () => {
  it("without rules, drift reports the operator's pause and concurrency", async () => {
    const { emu: e, dir } = await operated();
    const drift = await jf(e, ["--dir", dir, "drift"]);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("~ sales-load");
    expect(drift.stdout).toMatch(/max_concurrent_runs.*5.*1/);
    expect(drift.stdout).toMatch(/pause_status.*PAUSED.*UNPAUSED/);
    expect(drift.stdout).not.toContain("ignored ");
  });

  it("with rules, drift is quiet and a cron change keeps the pause and the concurrency", async () => {
    const { emu: e, dir, id } = await operated();
    appendFileSync(join(dir, "jobform.yaml"), RULES);

    const drift = await jf(e, ["--dir", dir, "drift"]);
    expect(drift.stderr).toBe("");
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain("No drift: the workspace matches git.");
    expect(drift.stdout).toContain("· ignored /schedule/pause_status on sales-load: operators pause schedules during incidents");
    expect(drift.stdout).toContain("· ignored /max_concurrent_runs on sales-load: on-call raises concurrency to catch up after an outage");

    setInFile(dir, "jobs/sales-load.yaml", '"0 0 6 * * ?"', '"0 30 5 * * ?"');
    const from = (await requestLog(e)).length;
    const apply = await jf(e, ["--dir", dir, "apply", "--auto-approve"]);
    expect(apply.stderr).not.toContain("failed");
    expect(apply.code).toBe(0);
    expect(apply.stdout).not.toContain("did not converge");
    const writes = (await requestLog(e)).slice(from).filter((q) => q.method === "POST" && q.path.startsWith("/api/2.2/jobs/"));
    expect(writes.map((q) => q.path)).toEqual(["/api/2.2/jobs/update"]);
    expect(writes[0]?.body).toEqual({
      job_id: Number(id),
      new_settings: { schedule: { quartz_cron_expression: "0 30 5 * * ?", timezone_id: "Europe/Amsterdam", pause_status: "PAUSED" } },
    });

    const stored = (await storedJobs(e)).find((j) => j.id === id);
    expect(stored?.settings.schedule).toEqual({ quartz_cron_expression: "0 30 5 * * ?", timezone_id: "Europe/Amsterdam", pause_status: "PAUSED" });
    expect(stored?.settings.max_concurrent_runs).toBe(5);

    const plan = await jf(e, ["--dir", dir, "plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("No changes.");
    expect(plan.code).toBe(0);
  });

  it("validate warns about a rule naming no job, at its line in jobform.yaml", async () => {
    const e = (emu = await emulator());
    const dir = sampleProject();
    appendFileSync(join(dir, "jobform.yaml"), RULES.replace("jobs: [sales-load]", "jobs: [sales-lod]"));
    const lines = readFileSync(join(dir, "jobform.yaml"), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("sales-lod")) + 1;
    const r = await jf(e, ["--dir", dir, "validate"]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(`jobform.yaml:${line}:`);
    expect(r.stdout + r.stderr).toContain('"sales-lod" names no job in jobs/');
  });
});
