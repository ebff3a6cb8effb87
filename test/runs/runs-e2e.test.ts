// jobform runs list | get | output | repair | cancel end to end against the emulator, on simulated time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerRun } from "../../src/cli/commands/run.js";
import { registerRuns } from "../../src/cli/commands/runs.js";
import { parseJson } from "../../src/lib/json.js";
import { startEmulator } from "../../src/emulator/server.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { requestLog } from "../runner/harness.js";
import { api, createJob, invoke, linkedClocks, projectDir, salesSettings, setOutcomes } from "./fixtures.js";
import type { Invocation } from "./fixtures.js";

let emu: RunningEmulator;
let env: Invocation & { dir: string };

beforeEach(async () => {
  emu = await startEmulator({ port: 0, runDurationMs: 60_000, runOutcomes: ["*stats*=FAILED"] });
  env = { emu, ...linkedClocks(emu), dir: projectDir() };
  await createJob(emu, salesSettings());
});
afterEach(async () => {
  await emu?.close();
});

const runs = (args: string[], onOut?: (t: string) => void) => invoke(registerRuns, ["--dir", env.dir, ...args], env, onOut);

/** A finished failed run of `sales`; returns its id. */
async function failedRun(): Promise<string> {
  const r = await invoke(registerRun, ["--dir", env.dir, "run", "sales"], env);
  expect(r.code).toBe(1);
  return /^Run (\d+) of sales started/m.exec(r.stdout)?.[1] as string;
}

describe("jobform runs", () => {
  it("list: a table of the job's runs, newest first; --format json keeps ids exact", async () => {
    const first = await failedRun();
    const started = await invoke(registerRun, ["--dir", env.dir, "run", "sales", "--no-wait"], env);
    const second = /^Run (\d+)/.exec(started.stdout)?.[1];
    const r = await runs(["runs", "list", "sales"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^RUN ID\s+JOB\s+STATUS\s+START\s+DURATION\s+TRIGGER$/);
    expect(lines[1]).toMatch(new RegExp(`^${second}\\s+Sales load\\s+(Pending|Running|Queued)\\s+2023-11-14 \\d\\d:\\d\\d:\\d\\dZ\\s+\\S+\\s+ONE_TIME$`));
    expect(lines[2]).toMatch(new RegExp(`^${first}\\s+Sales load\\s+Failed\\s+.*2m00s\\s+ONE_TIME$`));
    const active = await runs(["runs", "list", "--active"]);
    expect(active.stdout.trim().split("\n")).toHaveLength(2);
    const json = parseJson((await runs(["--format", "json", "runs", "list", "--limit", "1"])).stdout) as { run_id: number; phase: string }[];
    expect(json).toHaveLength(1);
    expect(String(json[0]?.run_id)).toBe(second);
  });

  it("get: the per-task timeline shows the parallel middle of the diamond; failed runs point at output and repair", async () => {
    const id = await failedRun();
    const r = await runs(["runs", "get", id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Run ${id}: Sales load (job `);
    const bars = Object.fromEntries(r.stdout.split("\n").filter((l) => l.includes("|")).map((l) => [l.split(/\s+/)[0], /\|(.*)\|/.exec(l)?.[1]]));
    expect(bars.ingest).toBe(`${"=".repeat(20)}${" ".repeat(20)}`);
    expect(bars.clean).toBe(`${" ".repeat(20)}${"=".repeat(20)}`);
    expect(bars.stats).toBe(`${" ".repeat(20)}${"x".repeat(20)}`);
    expect(bars.publish).toBe(" ".repeat(40));
    expect(r.stderr).toContain(`jobform runs output ${id}`);
    expect(r.stderr).toContain(`jobform runs repair ${id} --all-failed`);
  });

  it("output: every task's output, with the failed one's error and full trace", async () => {
    const id = await failedRun();
    const r = await runs(["runs", "output", id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/== task stats \(run \d+\): Failed\n {2}error: Exception: emulated failure of \/Shared\/etl\/stats\.py/);
    expect(r.stdout).toContain("  trace:\n    Traceback (most recent call last):");
    expect(r.stdout).toMatch(/== task ingest \(run \d+\): Succeeded\n {2}logs:\n {4}\[emulator\] spark_python_task ingest ran to completion\./);
    const json = parseJson((await runs(["--format", "json", "runs", "output", id])).stdout) as { task_key: string; error?: string }[];
    expect(json.map((o) => o.task_key).sort()).toEqual(["clean", "ingest", "publish", "stats"]);
    expect(json.find((o) => o.task_key === "stats")?.error).toMatch(/emulated failure/);
  });

  it("repair: the failed task reruns and the run succeeds; a second repair sends latest_repair_id", async () => {
    const id = await failedRun();
    await setOutcomes(emu, ["*stats*=SUCCESS"]);
    const r = await runs(["runs", "repair", id, "--all-failed"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Repair \\d+ of run ${id} started \\(all failed tasks\\)`));
    expect(r.stdout).toMatch(/task stats \(repair 1\) Succeeded/);
    expect(r.stdout).toMatch(/task publish \(repair 1\) Succeeded/);
    // Tasks that were not rerun stay quiet.
    expect(r.stdout).not.toMatch(/task ingest/);
    expect(r.stdout).toMatch(/^stats\s+0 repair 1\s+Succeeded/m);
    expect(r.stdout).toMatch(new RegExp(`^Run ${id} succeeded`, "m"));

    const again = await runs(["runs", "repair", id, "--task", "clean", "--no-wait"]);
    expect(again.code).toBe(0);
    const repairs = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/repair")).map((q) => q.body as Record<string, unknown>);
    expect(repairs[0]).toEqual({ run_id: Number(id), rerun_all_failed_tasks: true });
    const firstRepairId = Number(/^Repair (\d+)/.exec(r.stdout)?.[1]);
    expect(repairs[1]).toEqual({ run_id: Number(id), rerun_tasks: ["clean"], rerun_dependent_tasks: true, latest_repair_id: firstRepairId });
  });

  it("repair refuses an unknown task and a run with nothing failed", async () => {
    const id = await failedRun();
    const bad = await runs(["runs", "repair", id, "--task", "nope"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`--task nope: not a task of run ${id}`);
    await setOutcomes(emu, ["*stats*=SUCCESS"]);
    expect((await runs(["runs", "repair", id, "--all-failed"])).code).toBe(0);
    const none = await runs(["runs", "repair", id, "--all-failed"]);
    expect(none.stderr).toContain(`run ${id} has no failed task to repair`);
  });

  it("cancel: cancels a running run, and says so when it had already finished", async () => {
    const started = await invoke(registerRun, ["--dir", env.dir, "run", "sales", "--no-wait"], env);
    const id = /^Run (\d+)/.exec(started.stdout)?.[1] as string;
    const r = await runs(["runs", "cancel", id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Cancel requested for run ${id} \\(it was \\w+\\)`));
    // Cancellation is asynchronous; the emulator's clock only moves when the test moves it.
    const view = await api<{ state: { life_cycle_state: string; result_state?: string } }>(emu, "GET", `/api/2.2/jobs/runs/get?run_id=${id}`);
    expect(["TERMINATING", "TERMINATED"]).toContain(view.state.life_cycle_state);
    await env.clock.sleep(60_000);
    const again = await runs(["runs", "cancel", id]);
    expect(again.stdout).toMatch(new RegExp(`^Run ${id} had already finished \\(Canceled`));
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"))).toHaveLength(1);
  });

  it("get --watch follows a running run to its end with the run's exit code; a missing run is one line", async () => {
    const started = await invoke(registerRun, ["--dir", env.dir, "run", "sales", "--no-wait"], env);
    const id = /^Run (\d+)/.exec(started.stdout)?.[1] as string;
    const r = await runs(["runs", "get", id, "--watch"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/task stats Failed/);
    const missing = await runs(["runs", "get", "999999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("run 999999 does not exist");
  });
});
