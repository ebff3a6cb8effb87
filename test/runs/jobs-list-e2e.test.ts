// jobform jobs list against the emulator: ownership by tags, last run per job, and the filters.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerJobs } from "../../src/cli/commands/jobs.js";
import { registerRun } from "../../src/cli/commands/run.js";
import { parseJson } from "../../src/lib/json.js";
import { startEmulator } from "../../src/emulator/server.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { requestLog } from "../runner/harness.js";
import { createJob, invoke, linkedClocks, projectDir, salesSettings } from "./fixtures.js";
import type { Invocation } from "./fixtures.js";

let emu: RunningEmulator;
let env: Invocation & { dir: string };
const ids: Record<string, number> = {};

beforeEach(async () => {
  emu = await startEmulator({ port: 0, runDurationMs: 60_000, runOutcomes: ["*stats*=FAILED"], user: "alice@contoso.com" });
  env = { emu, ...linkedClocks(emu), dir: projectDir() };
  ids.sales = await createJob(emu, salesSettings());
  ids.other = await createJob(emu, { ...salesSettings("finance", "ledger"), name: "Ledger close", tags: { team: "finance", jobform_project: "finance", jobform_key: "ledger" }, schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "PAUSED" } });
  ids.adhoc = await createJob(emu, { name: "Ad hoc export", tasks: [{ task_key: "x", spark_python_task: { python_file: "/x.py" } }], trigger: { periodic: { interval: 1, unit: "HOURS" } } });
  // One finished (failed) run of sales.
  expect((await invoke(registerRun, ["--dir", env.dir, "run", "sales"], env)).code).toBe(1);
});
afterEach(async () => {
  await emu?.close();
});

const jobs = (args: string[]) => invoke(registerJobs, ["--dir", env.dir, ...args], env);

interface Row {
  job_id: number;
  name: string;
  task_count?: number;
  trigger: string;
  creator?: string;
  tags: Record<string, string>;
  ownership: { kind: string; key?: string; project?: string };
  last_run?: { state: string; phase: string };
}

describe("jobform jobs list", () => {
  it("every job with tasks, last run, trigger, creator, tags and whose it is", async () => {
    const narrow = await jobs(["jobs", "list"]);
    expect(narrow.code).toBe(0);
    expect(narrow.stdout.trim().split("\n")[0]).toMatch(/^JOB ID\s+NAME\s+TASKS\s+LAST RUN\s+STATUS\s+TRIGGER\s+OWNERSHIP$/);
    const r = await jobs(["jobs", "list", "--wide"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^JOB ID\s+NAME\s+TASKS\s+LAST RUN\s+STATUS\s+TRIGGER\s+CREATOR\s+OWNERSHIP\s+TAGS$/);
    expect(lines[1]).toMatch(new RegExp(`^${ids.adhoc}\\s+Ad hoc export\\s+1\\s+-\\s+never run\\s+periodic\\s+alice@contoso\\.com\\s+unmanaged\\s+-$`));
    expect(lines[2]).toMatch(new RegExp(`^${ids.other}\\s+Ledger close\\s+4\\s+-\\s+never run\\s+cron 0 0 6 \\* \\* \\? \\(paused\\)\\s+alice@contoso\\.com\\s+project finance: ledger\\s+team=finance$`));
    expect(lines[3]).toMatch(new RegExp(`^${ids.sales}\\s+Sales load\\s+4\\s+2023-11-14 22:13:20Z\\s+Failed\\s+manual\\s+alice@contoso\\.com\\s+managed: sales\\s+team=sales$`));
    // One runs/list (limit 1) per job shown.
    const lists = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/jobs/runs/list"));
    expect(lists).toHaveLength(6);
  });

  it("filters: --tag, --status, --search, --owner; runs/list is spent only on jobs the static filters keep", async () => {
    const json = async (args: string[]) => parseJson((await jobs(["--format", "json", "jobs", "list", ...args])).stdout) as Row[];
    expect((await json(["--tag", "team=sales"])).map((j) => j.name)).toEqual(["Sales load"]);
    expect((await json(["--tag", "team"])).map((j) => j.name)).toEqual(["Ledger close", "Sales load"]);
    expect((await json(["--status", "failed"])).map((j) => j.name)).toEqual(["Sales load"]);
    expect((await json(["--status", "never"])).map((j) => j.name)).toEqual(["Ad hoc export", "Ledger close"]);
    expect((await json(["--search", "LEDGER"])).map((j) => j.job_id)).toEqual([ids.other]);
    expect(await json(["--owner", "bob@contoso.com"])).toEqual([]);
    const before = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/jobs/runs/list")).length;
    await json(["--tag", "team=sales"]);
    const after = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/jobs/runs/list")).length;
    expect(after - before).toBe(1);
    const [sales] = await json(["--search", "sales"]);
    expect(sales).toMatchObject({ ownership: { kind: "managed", key: "sales" }, tags: { team: "sales" }, task_count: 4, last_run: { phase: "failed" } });
  });
});
