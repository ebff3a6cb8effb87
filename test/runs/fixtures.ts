// Shared fixtures for the run-operation tests: a small project, jobs created through the API with the
// ownership tags (as apply would leave them), and a watch clock that drives the emulator's run clock.
import type { Command } from "commander";
import type { RunsCommandDeps } from "../../src/runs/command-io.js";
import type { Clock } from "../../src/databricks/index.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { useManualClock } from "../../src/emulator/runs/clock.js";
import type { ManualClock } from "../../src/emulator/runs/clock.js";
import { runCommand, tempDir } from "../runner/harness.js";
import type { Io, Outcome } from "../runner/harness.js";

export const PROJECT_YAML = "project: acme\n";

/** ingest, then clean and stats side by side, then publish: a diamond, so the timeline shows parallel work. */
export const SALES_YAML = `name: Sales load
parameters:
  - { name: run_date, default: "" }
  - { name: mode, default: full }
environments:
  - { environment_key: default, spec: { client: "2" } }
tasks:
  - task_key: ingest
    environment_key: default
    spark_python_task: { python_file: /Shared/etl/ingest.py }
  - task_key: clean
    depends_on: [ { task_key: ingest } ]
    environment_key: default
    spark_python_task: { python_file: /Shared/etl/clean.py }
  - task_key: stats
    depends_on: [ { task_key: ingest } ]
    environment_key: default
    spark_python_task: { python_file: /Shared/etl/stats.py }
  - task_key: publish
    depends_on: [ { task_key: clean }, { task_key: stats } ]
    environment_key: default
    spark_python_task: { python_file: /Shared/etl/publish.py }
`;

export function salesSettings(project = "acme", key = "sales"): Record<string, unknown> {
  const py = (name: string) => ({ python_file: `/Shared/etl/${name}.py` });
  return {
    name: "Sales load",
    tags: { team: "sales", jobform_project: project, jobform_key: key },
    parameters: [
      { name: "run_date", default: "" },
      { name: "mode", default: "full" },
    ],
    environments: [{ environment_key: "default", spec: { client: "2" } }],
    tasks: [
      { task_key: "ingest", environment_key: "default", spark_python_task: py("ingest") },
      { task_key: "clean", depends_on: [{ task_key: "ingest" }], environment_key: "default", spark_python_task: py("clean") },
      { task_key: "stats", depends_on: [{ task_key: "ingest" }], environment_key: "default", spark_python_task: py("stats") },
      { task_key: "publish", depends_on: [{ task_key: "clean" }, { task_key: "stats" }], environment_key: "default", spark_python_task: py("publish") },
    ],
  };
}

export function projectDir(jobs: Record<string, string> = { sales: SALES_YAML }): string {
  const files: Record<string, string> = { "jobform.yaml": PROJECT_YAML };
  for (const [key, text] of Object.entries(jobs)) files[`jobs/${key}.yaml`] = text;
  return tempDir(files);
}

export async function api<T = Record<string, unknown>>(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: "Bearer dapi-test", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function createJob(emu: RunningEmulator, settings: Record<string, unknown>): Promise<number> {
  return (await api<{ job_id: number }>(emu, "POST", "/api/2.2/jobs/create", settings)).job_id;
}

export async function setOutcomes(emu: RunningEmulator, rules: string[]): Promise<void> {
  await api(emu, "POST", "/__emulator/outcomes", { rules });
}

/**
 * The watch's clock and the emulator's run clock as one: every poll delay moves simulated time, so runs
 * of minutes finish in milliseconds and every timing the tests see is exact.
 */
export function linkedClocks(emu: RunningEmulator, start = 1_700_000_000_000): { manual: ManualClock; clock: Clock; wallNow: () => number } {
  const manual = useManualClock(emu.workspace, start);
  const clock: Clock = {
    now: () => manual.t,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      manual.advance(ms);
      // Let the HTTP server and the client's sockets make progress between polls.
      await new Promise((r) => setImmediate(r));
    },
  };
  return { manual, clock, wallNow: manual.now };
}

export interface Invocation {
  emu: RunningEmulator;
  clock: Clock;
  wallNow: () => number;
  signal?: AbortSignal;
}

/** One command in-process, with the deps every run command takes. */
export function invoke(register: (p: Command, deps: RunsCommandDeps) => void, argv: string[], env: Invocation, onOut?: (t: string) => void): Promise<Outcome> {
  return runCommand(
    (p: Command, io: Io) =>
      register(p, { openClient: io.openClient, stdout: io.out, stderr: io.err, clock: env.clock, wallNow: env.wallNow, random: () => 0.5, signal: env.signal ?? new AbortController().signal }),
    argv,
    env.emu.url,
    onOut,
  );
}
