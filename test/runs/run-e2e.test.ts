// jobform run end to end: the command in-process, the emulator over real HTTP, simulated time for both.
import { afterEach, describe, expect, it } from "vitest";
import { registerRun } from "../../src/cli/commands/run.js";
import { registerRuns } from "../../src/cli/commands/runs.js";
import { parseJson } from "../../src/lib/json.js";
import { startEmulator } from "../../src/emulator/server.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { requestLog } from "../runner/harness.js";
import { createJob, invoke, linkedClocks, projectDir, salesSettings } from "./fixtures.js";
import type { Invocation } from "./fixtures.js";

let emu: RunningEmulator;
afterEach(async () => {
  await emu?.close();
});

async function setup(runOutcomes: string[] = []): Promise<Invocation & { jobId: number; dir: string }> {
  emu = await startEmulator({ port: 0, runDurationMs: 60_000, runOutcomes });
  const clocks = linkedClocks(emu);
  const jobId = await createJob(emu, salesSettings());
  return { emu, ...clocks, jobId, dir: projectDir() };
}

function run(env: Invocation & { dir: string }, args: string[]) {
  return invoke(registerRun, ["--dir", env.dir, "run", ...args], env);
}

async function runNowBodies(): Promise<Record<string, unknown>[]> {
  return (await requestLog(emu.url)).filter((r) => r.path.endsWith("/jobs/run-now")).map((r) => r.body as Record<string, unknown>);
}

describe("jobform run", () => {
  it("runs the job found by its tags, prints the link first, shows each task's state, exits 0", async () => {
    const env = await setup();
    // A look-alike by name without the tags must never be the one that runs.
    await createJob(emu, { name: "Sales load", tasks: [{ task_key: "x", spark_python_task: { python_file: "/x.py" } }] });
    const r = await run(env, ["sales", "--param", "run_date=2024-05-01"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Run \d+ of sales started: http:\/\/127\.0\.0\.1:\d+\/\?o=\d+#job\/\d+\/run\/\d+$/);
    const [body] = await runNowBodies();
    expect(body).toMatchObject({ job_id: env.jobId, job_parameters: { run_date: "2024-05-01" } });
    expect(body?.idempotency_token).toMatch(/^jobform-/);
    for (const task of ["ingest", "clean", "stats", "publish"]) {
      expect(r.stdout).toMatch(new RegExp(`\\] task ${task} Running`));
      expect(r.stdout).toMatch(new RegExp(`\\] task ${task} Succeeded`));
    }
    // ingest ends before clean starts: its Succeeded line comes first.
    expect(r.stdout.indexOf("task ingest Succeeded")).toBeLessThan(r.stdout.indexOf("task clean Running"));
    // clean and stats ran side by side: same start offset in the timeline.
    const clean = lines.find((l) => l.startsWith("clean "));
    const stats = lines.find((l) => l.startsWith("stats "));
    expect(clean).toMatch(/Succeeded\s+\+1m00s\s+1m00s/);
    expect(stats).toMatch(/Succeeded\s+\+1m00s\s+1m00s/);
    expect(lines.at(-1)).toMatch(/^Run \d+ succeeded after 3m\d\ds$/);
  });

  it("a failing task: exit 1, its error and trace from get-output of the task run, and the repair hint", async () => {
    const env = await setup(["*stats*=FAILED"]);
    const r = await run(env, ["sales"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/task stats Failed/);
    expect(r.stdout).toMatch(/^Run (\d+) failed after 2m\d\ds: Task stats failed with message/m);
    expect(r.stdout).not.toContain("INTERNAL_ERROR");
    expect(r.stdout).toMatch(/^publish\s+0\s+Upstream failed\s+-\s+-\s+\|\s+\|$/m);
    expect(r.stderr).toMatch(/^task stats \(run \d+\) failed: Exception: emulated failure of \/Shared\/etl\/stats\.py/m);
    expect(r.stderr).toContain('  raise Exception("emulated failure of /Shared/etl/stats.py")');
    expect(r.stderr).toContain("not run because an upstream task did not succeed: publish");
    const runId = /^Run (\d+) of sales started/m.exec(r.stdout)?.[1];
    expect(r.stderr).toContain(`jobform runs repair ${runId} --all-failed`);
    const outputs = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/get-output"));
    // Only the failed task's own run is asked; the parent id would be refused.
    expect(outputs).toHaveLength(1);
  });

  it("a run that succeeds with failures says so, lists each failed task with its error, exits 0 (1 with --fail-on-task-failure)", async () => {
    for (const strict of [false, true]) {
      emu = await startEmulator({ port: 0, runDurationMs: 60_000, runOutcomes: ["*stats*=FAILED"] });
      const env = { emu, ...linkedClocks(emu), dir: projectDir() };
      // publish runs whatever its upstream did, and it is the only leaf: stats failing leaves the run SUCCESS_WITH_FAILURES.
      const settings = salesSettings();
      const tasks = settings.tasks as Record<string, unknown>[];
      (tasks[3] as Record<string, unknown>).run_if = "ALL_DONE";
      await createJob(emu, settings);
      const r = await run(env, ["sales", ...(strict ? ["--fail-on-task-failure"] : [])]);
      expect(r.code).toBe(strict ? 1 : 0);
      expect(r.stdout).toMatch(/^Run \d+ succeeded with failures after 3m\d\ds$/m);
      expect(r.stdout).toMatch(/^stats\s+0\s+Failed\s/m);
      expect(r.stdout).toMatch(/^publish\s+0\s+Succeeded\s/m);
      expect(r.stderr).toMatch(/^task stats \(run \d+\) failed: Exception: emulated failure of \/Shared\/etl\/stats\.py/m);
      expect(r.stderr).toContain("--all-failed");
      // Only the failed task's own run is asked for its output.
      expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/get-output"))).toHaveLength(1);
      const id = /^Run (\d+)/.exec(r.stdout)?.[1] as string;
      const shown = await invoke(registerRuns, ["--dir", env.dir, "runs", "get", id, "--watch", ...(strict ? ["--fail-on-task-failure"] : [])], env);
      expect(shown.stdout).toContain("status:   Succeeded with failures");
      expect(shown.stderr).toContain(`jobform runs output ${id}`);
      expect(shown.code).toBe(strict ? 1 : 0);
      await emu.close();
    }
  });

  it("a for_each task shows its iteration counts in the timeline and in JSON", async () => {
    emu = await startEmulator({ port: 0, runDurationMs: 60_000 });
    const env = { emu, ...linkedClocks(emu), dir: projectDir() };
    const settings = salesSettings();
    const tasks = settings.tasks as Record<string, unknown>[];
    tasks[2] = {
      task_key: "stats",
      depends_on: [{ task_key: "ingest" }],
      for_each_task: { inputs: '["emea","amer","apac"]', concurrency: 2, task: { task_key: "stats_region", environment_key: "default", spark_python_task: { python_file: "/Shared/etl/stats.py", parameters: ["{{input}}"] } } },
    };
    await createJob(emu, settings);
    const r = await run(env, ["sales"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stats\s+0\s+Succeeded \(3\/3 iterations\)\s/m);
    const id = /^Run (\d+)/.exec(r.stdout)?.[1] as string;
    const view = parseJson((await invoke(registerRuns, ["--dir", env.dir, "--format", "json", "runs", "get", id], env)).stdout) as { tasks: { task_key: string; iterations?: unknown }[] };
    expect(view.tasks.find((t) => t.task_key === "stats")?.iterations).toEqual({ total: 3, completed: 3, succeeded: 3, failed: 0 });
  });

  it("--only runs the chosen tasks; an unknown one is refused before anything starts", async () => {
    const env = await setup();
    const bad = await run(env, ["sales", "--only", "nope"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--only nope: job sales has no task "nope" (its tasks: clean, ingest, publish, stats)');
    expect(await runNowBodies()).toEqual([]);
    const r = await run(env, ["sales", "--only", "ingest"]);
    expect(r.code).toBe(0);
    expect((await runNowBodies())[0]?.only).toEqual(["ingest"]);
    expect(r.stdout).toContain("task ingest Succeeded");
    expect(r.stdout).not.toContain("task publish");
  });

  it("an unknown --param is an error naming the job's parameters; nothing is started", async () => {
    const env = await setup();
    const r = await run(env, ["sales", "--param", "rundate=2024-05-01"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--param rundate: job sales has no parameter "rundate" (its parameters: run_date, mode)');
    expect(await runNowBodies()).toEqual([]);
  });

  it("a key that is in jobs/ but not in the workspace says to apply; an unknown key names the known ones", async () => {
    emu = await startEmulator({ port: 0 });
    const env = { emu, ...linkedClocks(emu), dir: projectDir() };
    const r = await run(env, ["sales"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("job sales is not deployed yet: run jobform apply");
    const other = await run(env, ["nope"]);
    expect(other.stderr).toContain('no job "nope" in jobs/ or in the workspace (project acme; known: sales)');
  });

  it("another project's job with the same key is not ours", async () => {
    emu = await startEmulator({ port: 0 });
    await createJob(emu, salesSettings("someone-else"));
    const r = await run({ emu, ...linkedClocks(emu), dir: projectDir() }, ["sales"]);
    expect(r.stderr).toContain("not deployed yet");
  });

  it("--no-wait prints the run and returns at once", async () => {
    const env = await setup();
    const r = await run(env, ["sales", "--no-wait"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/get"))).toHaveLength(1);
  });

  it("--timeout: exit 4 and the run is cancelled", async () => {
    const env = await setup();
    const r = await run(env, ["sales", "--timeout", "90s"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--timeout reached after 1m30s: cancel requested for run \d+/);
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"))).toHaveLength(1);
  });

  it("Ctrl-C cancels the run (exit 130); with --detach it is left going", async () => {
    for (const detach of [false, true]) {
      const env = await setup();
      const ctrlC = new AbortController();
      const r = await invoke(registerRun, ["--dir", env.dir, "run", "sales", ...(detach ? ["--detach"] : [])], { ...env, signal: ctrlC.signal }, (t) => {
        if (t.includes("task ingest Running")) ctrlC.abort(new Error("interrupted"));
      });
      expect(r.code).toBe(130);
      const cancels = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"));
      expect(cancels).toHaveLength(detach ? 0 : 1);
      if (detach) expect(r.stderr).toMatch(/goes on \(--detach\)/);
      await emu.close();
    }
  });

  it("ids beyond 2^53 survive run → runs get → --format json exactly", async () => {
    emu = await startEmulator({ port: 0, runDurationMs: 60_000, idStart: 2n ** 60n });
    const env = { emu, ...linkedClocks(emu), dir: projectDir() };
    await createJob(emu, salesSettings());
    const started = await run(env, ["sales"]);
    expect(started.code).toBe(0);
    const id = /^Run (\d+)/.exec(started.stdout)?.[1] as string;
    expect(BigInt(id)).toBeGreaterThan(2n ** 60n);
    const r = await invoke(registerRuns, ["--dir", env.dir, "--format", "json", "runs", "get", id], env);
    expect(r.code).toBe(0);
    const view = parseJson(r.stdout) as { run_id: bigint; tasks: { run_id: bigint }[] };
    expect(view.run_id).toBe(BigInt(id));
    expect(r.stdout).toContain(`"run_id": ${id},`);
    expect(view.tasks).toHaveLength(4);
  });
});
