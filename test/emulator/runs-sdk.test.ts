// The official JS SDK submits a run to the emulator and reads it back (configured like sdk.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";

let emu: RunningEmulator;
let w: WorkspaceClient;

beforeAll(async () => {
  emu = await startEmulator({ token: "sdk-token", user: "sdk@example.com", runDurationMs: 20 });
  w = new WorkspaceClient({ host: emu.url, token: "sdk-token", authType: "pat", configFile: "/nonexistent/databrickscfg" });
});
afterAll(async () => {
  await emu.close();
});

describe("@databricks/sdk-experimental runs against the emulator", () => {
  it("submits a run and gets it until it terminates", async () => {
    const waiter = await w.jobs.submit({ run_name: "sdk run", tasks: [{ task_key: "t", notebook_task: { notebook_path: "/Shared/t" } }] });
    const runId = waiter.run_id as number;
    expect(typeof runId).toBe("number");
    let run = await w.jobs.getRun({ run_id: runId });
    for (let i = 0; i < 200 && run.state?.life_cycle_state !== "TERMINATED"; i++) {
      await new Promise((r) => setTimeout(r, 5));
      run = await w.jobs.getRun({ run_id: runId });
    }
    expect(run.run_name).toBe("sdk run");
    expect(run.state?.result_state).toBe("SUCCESS");
    expect(run.status?.termination_details?.code).toBe("SUCCESS");
    const taskRunId = run.tasks?.[0]?.run_id as number;
    const out = await w.jobs.getRunOutput({ run_id: taskRunId });
    expect(out.metadata?.run_id).toBe(taskRunId);
    expect(out.notebook_output).toEqual({});
  });
});
