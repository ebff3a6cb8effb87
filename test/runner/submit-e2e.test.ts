// jobform submit end to end: the command in-process, the emulator over real HTTP, the request body as logged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerSubmit } from "../../src/cli/commands/submit.js";
import { startEmulator } from "../../src/emulator/server.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { hurriedClock, requestLog, runCommand, tempDir } from "./harness.js";
import type { LoggedRequest } from "./harness.js";

const PROJECT = `project: acme
platforms:
  default: { compute_type: Serverless }
  etl: { compute_type: NewJobCluster, cluster_version: 15.4.x-scala2.12, node_type: Standard_DS3_v2, num_workers: 2, spark_conf: { spark.speculation: "true" } }
  interactive: { compute_type: ExistingInteractiveCluster, existing_cluster_id: 0101-abc }
  pool: { compute_type: ExistingInstancePool, instance_pool_id: pool-1, cluster_version: 15.4.x-scala2.12, autoscale: { min_workers: 1, max_workers: 3 } }
  deps: { compute_type: Serverless, environment: { environment_version: "2", dependencies: [ "pandas==2.2.2" ] } }
`;

const LOAD = `notebook_path: /Shared/etl/load
platform: etl
parameters:
  - { name: run_date, type: date, direction: input, default: "2024-01-01" }
  - { name: mode, type: string, direction: input_output, default: full }
  - { name: rows, type: int, direction: output }
  - { name: limit, type: int, default: 10 }
  - { name: dry, type: bool, default: false }
`;

let emu: RunningEmulator;
let dir: string;

async function start(options: Parameters<typeof startEmulator>[0] = {}) {
  const workspace = tempDir({
    "Shared/etl/load.py": "# Databricks notebook source\ndbutils.widgets.text('run_date', '')\n",
    "Shared/etl/crash.py": "# Databricks notebook source\n1/0\n",
    "Shared/etl/slow.py": "# Databricks notebook source\nimport time\n",
  });
  emu = await startEmulator({ port: 0, workspaceDir: workspace, checkPaths: true, runDurationMs: 30, runOutcomes: ["*/crash=FAILED"], ...options });
}

beforeEach(() => {
  dir = tempDir({ "jobform.yaml": PROJECT, "notebooks/load.yaml": LOAD, "notebooks/crash.yaml": "notebook_path: /Shared/etl/crash\n" });
});
afterEach(async () => {
  await emu?.close();
});

function submit(args: string[], opts: { signal?: AbortSignal | null; onOut?: (t: string) => void; live?: boolean } = {}) {
  // signal null: no injected signal, so the command's own SIGINT handler is what stops the watch.
  const signal = opts.signal === null ? undefined : (opts.signal ?? new AbortController().signal);
  return runCommand(
    (p, io) => registerSubmit(p, { openClient: io.openClient, stdout: io.out, stderr: io.err, clock: hurriedClock, signal, live: opts.live ?? false }),
    ["--dir", dir, "submit", ...args],
    emu.url,
    opts.onOut,
  );
}

async function submitted(): Promise<LoggedRequest & { body: Record<string, unknown> }> {
  const found = (await requestLog(emu.url)).filter((r) => r.path.endsWith("/jobs/runs/submit"));
  expect(found).toHaveLength(1);
  return found[0] as LoggedRequest & { body: Record<string, unknown> };
}

describe("jobform submit", () => {
  it("runs a definition by name: typed defaults, --param overrides, its platform's cluster, one task", async () => {
    await start();
    const r = await submit(["load", "--param", "limit=0025", "--param", "dry=yes"]);
    expect(r.stderr).toMatch(/warning: parameter "rows" is an output and is not sent: .*dbutils\.notebook\.exit/);
    expect(r.code).toBe(0);
    const body = (await submitted()).body;
    expect(body.run_name).toBe("load");
    expect(body.idempotency_token).toMatch(/^jobform-/);
    expect(body.tasks).toEqual([
      {
        task_key: "notebook",
        notebook_task: { notebook_path: "/Shared/etl/load", source: "WORKSPACE", base_parameters: { run_date: "2024-01-01", mode: "full", limit: "25", dry: "true" } },
        new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "Standard_DS3_v2", num_workers: 2, spark_conf: { "spark.speculation": "true" } },
      },
    ]);
    // the link comes before the watch, verbatim from runs/get
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Run \d+ submitted: http:\/\/127\.0\.0\.1:\d+\/\?o=\d+#job\/\d+\/run\/\d+$/);
    expect(lines.at(-1)).toMatch(/^Run \d+ succeeded after /);
    expect(r.stdout).toMatch(/\] Succeeded$/m);
  });

  it.each([
    ["interactive", { existing_cluster_id: "0101-abc" }, {}],
    ["pool", { new_cluster: { spark_version: "15.4.x-scala2.12", autoscale: { min_workers: 1, max_workers: 3 }, instance_pool_id: "pool-1" } }, {}],
    ["default", {}, {}],
    ["deps", { environment_key: "default" }, { environments: [{ environment_key: "default", spec: { environment_version: "2", dependencies: ["pandas==2.2.2"] } }] }],
  ])("runs by path on platform %s", async (platform, taskCompute, runFields) => {
    await start();
    const r = await submit(["/Shared/etl/load", "--platform", platform, "--param", "x=1", "--run-name", "adhoc"]);
    expect(r.code).toBe(0);
    const body = (await submitted()).body;
    expect(body).toMatchObject({ run_name: "adhoc", ...runFields });
    expect(body.tasks).toEqual([{ task_key: "notebook", notebook_task: { notebook_path: "/Shared/etl/load", source: "WORKSPACE", base_parameters: { x: "1" } }, ...taskCompute }]);
  });

  it("refuses a bad typed value before anything is sent, naming the parameter", async () => {
    await start();
    const r = await submit(["load", "--param", "run_date=31/01/2024"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('parameter "run_date" (date) from --param: expected a date as YYYY-MM-DD, got "31/01/2024"');
    expect(await requestLog(emu.url)).toEqual([]);
  });

  it("reports a broken definition with file:line:col and sends nothing", async () => {
    await start();
    dir = tempDir({ "jobform.yaml": PROJECT, "notebooks/bad.yaml": "notebook_path: /x\nparameters:\n  - { name: a, type: integer }\n" });
    const r = await submit(["bad"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/notebooks\/bad\.yaml:3:\d+: error JF\d+/);
    expect(await requestLog(emu.url)).toEqual([]);
  });

  it("shows the task's error and trace when the run fails, from the task run", async () => {
    await start();
    const r = await submit(["crash"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Run \d+ failed after \d+m?\d*s?: Task notebook failed/);
    expect(r.stderr).toMatch(/task notebook \(run \d+\) failed: \S/);
    const outputs = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/get-output"));
    const parent = /Run (\d+) submitted/.exec(r.stdout)?.[1];
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.every((q) => (q as unknown as { query: { run_id: string } }).query.run_id !== parent)).toBe(true);
  });

  it("explains a notebook path that is not in the workspace", async () => {
    await start();
    const r = await submit(["/Shared/etl/gone"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("RESOURCE_DOES_NOT_EXIST");
    expect(r.stderr).toMatch(/hint: \/Shared\/etl\/gone is not a notebook in this workspace.*jobform notebooks import/);
  });

  it("--no-wait prints the run and exits 0 after one runs/get", async () => {
    await start({ runDurationMs: 60_000 });
    const r = await submit(["/Shared/etl/slow", "--no-wait"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Run \d+ submitted: http/);
    expect((await requestLog(emu.url)).map((q) => q.path.replace(/^\/api\/2\.\d\//, ""))).toEqual(["jobs/runs/submit", "jobs/runs/get"]);
  });

  it("Ctrl-C cancels the run and exits 130; --detach leaves it going", async () => {
    await start({ runDurationMs: 60_000 });
    const ac = new AbortController();
    const r = await submit(["/Shared/etl/slow"], { signal: ac.signal, onOut: (t) => t.startsWith("[") && ac.abort() });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: cancel requested for run \d+/);
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"))).toHaveLength(1);

    const ac2 = new AbortController();
    const d = await submit(["/Shared/etl/slow", "--detach"], { signal: ac2.signal, onOut: (t) => t.startsWith("[") && ac2.abort() });
    expect(d.code).toBe(130);
    expect(d.stderr).toMatch(/goes on \(--detach\)/);
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"))).toHaveLength(1);
  });

  it("a real SIGINT reaches the command's handler: cancel, exit 130, handler removed afterwards", async () => {
    await start({ runDurationMs: 60_000 });
    const before = process.listenerCount("SIGINT");
    const r = await submit(["/Shared/etl/slow"], { signal: null, onOut: (t) => t.startsWith("[") && process.emit("SIGINT") });
    expect(r.code).toBe(130);
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"))).toHaveLength(1);
    expect(process.listenerCount("SIGINT")).toBe(before);
  });

  it("draws a live status line on a terminal and ends it before the result", async () => {
    await start();
    const r = await submit(["/Shared/etl/load"], { live: true });
    expect(r.code).toBe(0);
    const clear = "\r\u001b[K";
    expect(r.stdout).toMatch(new RegExp(`${clear.replace("[", "\\[")}\\[\\d+s\\] (Pending|Running)`));
    expect(r.stdout).toContain(`${clear}Run `);
  });

  it("--timeout cancels and exits 4, or leaves the run with --no-cancel-on-timeout", async () => {
    await start({ runDurationMs: 60_000 });
    const r = await submit(["/Shared/etl/slow", "--timeout", "150ms"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--timeout reached after .*: cancel requested/);
    const cancels = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"));
    expect(cancels).toHaveLength(1);
    const runId = /Run (\d+) submitted/.exec(r.stdout)?.[1];
    expect(String((cancels[0]?.body as { run_id: unknown }).run_id)).toBe(runId);

    const n = await submit(["/Shared/etl/slow", "--timeout", "100ms", "--no-cancel-on-timeout"]);
    expect(n.code).toBe(4);
    expect((await requestLog(emu.url)).filter((q) => q.path.endsWith("/runs/cancel"))).toHaveLength(1);
  });

  it("refuses an unknown definition, platform or duration in one line", async () => {
    await start();
    expect((await submit(["nope"])).stderr).toMatch(/no notebook definition notebooks\/nope\.yaml \(known: crash, load\)/);
    expect((await submit(["/x", "--platform", "gpu"])).stderr).toMatch(/platform "gpu" is not defined in jobform\.yaml \(defined: default, deps, etl, interactive, pool\)/);
    expect((await submit(["/x", "--timeout", "soon"])).stderr).toMatch(/--timeout soon: expected a duration/);
    expect(await requestLog(emu.url)).toEqual([]);
  });
});
