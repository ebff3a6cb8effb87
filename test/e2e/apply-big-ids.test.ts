// Job ids above 2^53 end to end: apply creates, references resolve exactly, and the next plan is empty.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { CONTROL, emulator, sampleProject } from "../support/emulator.js";
import { jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("ids above 2^53", () => {
  it("apply resolves run_job references to exact ids and the plan afterwards is empty", async () => {
    emu = await emulator({ idStart: "9007199254740993" });
    const dir = sampleProject();
    const applied = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(applied.code).toBe(0);
    const jobs = await storedJobs(emu);
    const id = (key: string) => jobs.find((j) => j.settings.tags?.jobform_key === key)?.id;
    expect(BigInt(id("sales-load") as string) > 9007199254740992n).toBe(true);
    const plan = await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode", "--format", "json"]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('"update": 0');
    const state = await (await fetch(`${emu.url}/__emulator/state`, { headers: CONTROL })).text();
    expect(state).toContain(`"job_id":${id("sales-load")}`);
  });
});
