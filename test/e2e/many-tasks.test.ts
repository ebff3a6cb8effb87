// A job with more than 100 tasks: jobs/list?expand_tasks cuts its tasks at 100 (has_more), jobs/get pages them
// at 100 on API 2.2. Plan must read all of them (fallback to jobs/get, pages joined) or it would delete 50.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog } from "../support/emulator.js";
import { jf } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("jobs with more than 100 tasks", () => {
  it("apply creates all 150 tasks and the next plan is empty, reading the rest with paged jobs/get", async () => {
    emu = await emulator();
    const dir = mkdtempSync(join(tmpdir(), "jobform-wide-"));
    mkdirSync(join(dir, "jobs"));
    writeFileSync(join(dir, "jobform.yaml"), "project: wide\n");
    const tasks = Array.from({ length: 150 }, (_, i) => ({
      task_key: `t${String(i).padStart(3, "0")}`,
      notebook_task: { notebook_path: `/Shared/step_${i}` },
      ...(i > 0 ? { depends_on: [{ task_key: `t${String(i - 1).padStart(3, "0")}` }] } : {}),
    }));
    writeFileSync(join(dir, "jobs", "wide.yaml"), JSON.stringify({ name: "Wide", tasks }));
    const applied = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(applied.code).toBe(0);
    const before = (await requestLog(emu)).length;
    const plan = await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("No changes.");
    expect(plan.code).toBe(0);
    const reads = (await requestLog(emu)).slice(before).map((q) => `${q.method} ${q.path}`);
    expect(reads.filter((r) => r === "GET /api/2.2/jobs/get").length).toBe(2);
  });
});
