// `npm run demo` is the first thing a new user runs: it must go validate → plan → apply → plan → drift cleanly.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { sampleProject } from "../support/emulator.js";

beforeAll(ensureBuilt);

describe("jobform demo", () => {
  it("applies the sample project to an embedded emulator, finds no spurious diff, and reports a UI edit as drift", async () => {
    const r = await runCliAsync(["--dir", sampleProject(), "demo"], { env: { DATABRICKS_HOST: "https://not-used.example.com", DATABRICKS_TOKEN: "not-used" } });
    expect(r.code).toBe(0);
    const steps = [...r.stdout.matchAll(/^── \d\. jobform (.+?) —/gm)].map((m) => m[1]);
    expect(steps).toEqual(["validate", expect.stringMatching(/^plan --out \S+plan\.json$/), expect.stringMatching(/^apply \S+plan\.json$/), "plan --detailed-exitcode", "drift"]);
    // The plan is printed once: in step 2; step 3 applies that saved plan and says so in one line.
    const applyStep = r.stdout.slice(r.stdout.indexOf("── 3."), r.stdout.indexOf("── 4."));
    expect(r.stdout.match(/^\+ create /gm)).toHaveLength(6);
    expect(applyStep).toMatch(/Applying \S+plan\.json: Plan: 6 to create, 0 to update, 0 to delete\./);
    const afterApply = r.stdout.slice(r.stdout.indexOf("── 4."));
    expect(afterApply).toContain("No changes.");
    expect(r.stdout).toContain("Apply: 6 created.");
    expect(r.stdout).toMatch(/~ max_concurrent_runs: 5 → 1/);
    expect(r.stdout).toContain("Drift: 1 changed, 0 missing, 0 extra");
  });
});
