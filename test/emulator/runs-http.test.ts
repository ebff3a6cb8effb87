// The run life cycle over a real socket with a short --run-duration-ms: submit, then poll runs/get.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";
import { parseJson, stringifyJson } from "../../src/lib/json.js";

type J = Record<string, unknown>;
let emu: RunningEmulator;
const dir = mkdtempSync(join(tmpdir(), "runs-http-"));
const stateFile = join(dir, "state.json");

beforeAll(async () => {
  emu = await startEmulator({ runDurationMs: 30, stateFile });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(e: RunningEmulator, method: string, path: string, body?: unknown): Promise<J> {
  const init: RequestInit = { method, headers: { authorization: "Bearer t" } };
  if (body !== undefined) init.body = stringifyJson(body);
  const res = await fetch(`${e.url}${path}`, init);
  const parsed = parseJson(await res.text()) as J;
  if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe("runs over HTTP", () => {
  it("submits a run, polls it to TERMINATED/SUCCESS, and keeps it across a restart with --state", async () => {
    const { run_id } = await api(emu, "POST", "/api/2.2/jobs/runs/submit", { run_name: "one-off", tasks: [{ task_key: "nb", notebook_task: { notebook_path: "/Shared/x" } }] });
    const seen = new Set<string>();
    let run: J = {};
    for (let i = 0; i < 200; i++) {
      run = await api(emu, "GET", `/api/2.2/jobs/runs/get?run_id=${String(run_id)}`);
      const life = (run.state as J).life_cycle_state as string;
      seen.add(life);
      if (life === "TERMINATED") break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(run).toMatchObject({ run_name: "one-off", run_type: "SUBMIT_RUN", state: { life_cycle_state: "TERMINATED", result_state: "SUCCESS" } });
    expect(run.run_page_url).toMatch(new RegExp(`^${emu.url}/\\?o=\\d+#job/\\d+/run/${String(run_id)}$`));
    expect(seen.has("TERMINATED")).toBe(true);
    await emu.close();
    emu = await startEmulator({ runDurationMs: 30, stateFile });
    const again = await api(emu, "GET", `/api/2.2/jobs/runs/get?run_id=${String(run_id)}`);
    expect(again.state).toMatchObject({ result_state: "SUCCESS" });
  });
});
