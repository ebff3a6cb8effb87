// A job file that is a symlink is still the job's definition: apply --prune must not delete its job. A
// symlink inside the project is followed; one that dangles or leaves the project stops apply before any
// write, so nothing is deleted because a file could not be read.
import { mkdirSync, renameSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject } from "../support/emulator.js";
import { idsByKey, jf, jobWrites, KEYS } from "../e2e/apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("apply --prune and symlinked job files", () => {
  it("keeps the job of a symlinked file, and refuses to run while a job file dangles", async () => {
    emu = await emulator();
    const dir = sampleProject();
    expect((await jf(emu, ["--dir", dir, "apply", "--auto-approve"])).code).toBe(0);

    mkdirSync(join(dir, "shared"));
    renameSync(join(dir, "jobs", "sales-load.yaml"), join(dir, "shared", "sales-load.yaml"));
    symlinkSync("../shared/sales-load.yaml", join(dir, "jobs", "sales-load.yaml"));
    let from = (await requestLog(emu)).length;
    const linked = await jf(emu, ["--dir", dir, "apply", "--prune", "--auto-approve"]);
    expect(linked.code, linked.stderr).toBe(0);
    expect(await jobWrites(emu, from)).toEqual([]);
    expect(Object.keys(await idsByKey(emu)).sort()).toEqual(KEYS);

    renameSync(join(dir, "shared"), join(dir, "moved"));
    from = (await requestLog(emu)).length;
    const dangling = await jf(emu, ["--dir", dir, "apply", "--prune", "--auto-approve"]);
    expect(dangling.code).toBe(1);
    expect(dangling.stdout + dangling.stderr).toMatch(/jobs\/sales-load\.yaml: error JF090: .*dangling/);
    expect(await jobWrites(emu, from)).toEqual([]);
    expect(Object.keys(await idsByKey(emu)).sort()).toEqual(KEYS);
  });
});
