// The pull-request flow plans with read-only credentials. Reading a job's access list takes CAN_MANAGE, so
// such a plan must still compare settings, say plainly that permissions were not compared, and a saved plan
// made that way must not be applied as if it had vouched for them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, sampleProject } from "../support/emulator.js";
import { api, jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("plan with read-only credentials", () => {
  it("compares settings, notes the unreadable access lists, and its saved plan is refused by apply", async () => {
    emu = await emulator({ oauthClients: ["plan-sp:s3cret"] });
    emu.workspace.admins.delete("plan-sp");
    const dir = sampleProject();
    expect((await jf(emu, ["--dir", dir, "apply", "--auto-approve"])).code).toBe(0);
    for (const job of await storedJobs(emu)) {
      await api(emu, "PATCH", `/api/2.0/permissions/jobs/${job.id}`, { access_control_list: [{ service_principal_name: "plan-sp", permission_level: "CAN_VIEW" }] });
    }
    const asPlanner = { DATABRICKS_TOKEN: "", DATABRICKS_CLIENT_ID: "plan-sp", DATABRICKS_CLIENT_SECRET: "s3cret" };
    const out = join(mkdtempSync(join(tmpdir(), "jobform-ro-")), "plan.json");
    const r = await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode", "--out", out], { env: asPlanner });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("these credentials may not read the access lists of");
    expect(r.stdout).toContain("No changes.");
    expect(r.code).toBe(0);

    const applied = await jf(emu, ["--dir", dir, "apply", out]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain("could not read its permissions");
  });
});
