// The principal preflight end to end: a typo in a principal stops plan with a located error and apply
// writes no job, because the real service would refuse the ACL only after creating the job.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { cliAgainst, emulator, requestLog, sampleProject, SAMPLE_PRINCIPALS } from "../support/emulator.js";
import { jobWrites } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const SCIM_LIST = /^\/api\/2\.0\/preview\/scim\/v2\/(Users|Groups|ServicePrincipals)$/;

/** Renames data-eng to data-engg in orders-stream.yaml; returns the 1-based line and column of the new name. */
function typo(dir: string): { line: number; column: number } {
  const file = join(dir, "jobs", "orders-stream.yaml");
  const lines = readFileSync(file, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes("group_name: data-eng"));
  lines[line] = (lines[line] as string).replace("group_name: data-eng", "group_name: data-engg");
  writeFileSync(file, lines.join("\n"));
  return { line: line + 1, column: (lines[line] as string).indexOf("data-engg") + 1 };
}

describe("principal preflight", () => {
  it("plan of the sample project asks SCIM once per distinct principal and passes", async () => {
    emu = await emulator();
    const r = await cliAgainst(emu, ["--dir", sampleProject(), "plan"]);
    expect(r.code).toBe(0);
    const lookups = (await requestLog(emu)).filter((q) => SCIM_LIST.test(q.path));
    expect(lookups).toHaveLength(SAMPLE_PRINCIPALS.length);
  });

  it("a principal typo stops plan with a located JF071 error and apply writes no job", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const at = typo(dir);
    const plan = await cliAgainst(emu, ["--dir", dir, "plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`jobs/orders-stream.yaml:${at.line}:${at.column}`);
    expect(plan.stderr).toContain("JF071");
    expect(plan.stderr).toContain('group_name "data-engg": no group of that name exists');
    expect(plan.stdout).toBe("");
    const apply = await cliAgainst(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("nothing was written");
    expect(await jobWrites(emu)).toEqual([]);
  });

  it("an unknown run_as service principal is reported at its line", async () => {
    emu = await emulator({ principals: SAMPLE_PRINCIPALS.filter((p) => !p.startsWith("service_principal:")) });
    const r = await cliAgainst(emu, ["--dir", sampleProject(), "plan"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/jobs\/nightly-orchestrator\.yaml:13:\d+/);
    expect(r.stderr).toContain('service_principal_name "9f0e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f": no service principal of that name exists');
  });
});
