// `jobform runs list | head -1`: a reader that closed the pipe ends the command quietly with exit 0.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { emulator, TOKEN } from "../support/emulator.js";

let emu: RunningEmulator;
let runId = "";

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${emu.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  return (await r.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  ensureBuilt();
  emu = await emulator({ runDurationMs: 0 });
  for (let i = 0; i < 5; i++) {
    const job = await post("/api/2.2/jobs/create", { name: `job ${i}`, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] });
    runId = String((await post("/api/2.2/jobs/run-now", { job_id: job.job_id })).run_id);
  }
});
afterAll(async () => emu?.close());

/** The CLI with its stdout pipe closed by the reader before anything is written. */
function withClosedStdout(args: string[]) {
  return runCliAsync(["--host", emu.url, ...args], {
    env: { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined },
    onSpawn: (child) => child.stdout?.destroy(),
  });
}

describe("a closed stdout", () => {
  for (const args of [["runs", "list"], ["jobs", "list"], ["runs", "get", "RUN"], ["--help"]]) {
    it(`ends \`jobform ${args.join(" ")}\` with exit 0 and no stack trace`, async () => {
      const r = await withClosedStdout(args.map((a) => (a === "RUN" ? runId : a)));
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    });
  }
});
