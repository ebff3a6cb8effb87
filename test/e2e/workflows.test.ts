// The CI flows we ship must keep working: each workflow's jobform steps are run here, command for command,
// against the emulator, and what they produce (the comment body, the drift issue body) is checked.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, ROOT } from "../support/cli.js";
import { cliAgainst, emulator, sampleProject, TOKEN } from "../support/emulator.js";

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
}

const ACTION = "./.github/actions/jobform";
const workflow = (name: string) => parse(readFileSync(join(ROOT, ".github/workflows", name), "utf8")) as Workflow;
const jobformSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps.filter((s) => s.uses === ACTION));

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

/** Runs one jobform step as the composite action would: the command's words, stdout to output-file if set. */
async function runStep(step: Step, dir: string) {
  const args = (step.with?.command ?? "").split(/\s+/).filter(Boolean);
  const r = await cliAgainst(emu!, args, dir);
  if (step.with?.["output-file"]) writeFileSync(join(dir, step.with["output-file"]), r.stdout);
  return r;
}

describe("shipped GitHub Actions workflows", () => {
  it("are valid YAML, use the composite action, and the action declares every input they pass", () => {
    const action = parse(readFileSync(join(ROOT, ".github/actions/jobform/action.yml"), "utf8")) as { inputs: Record<string, unknown>; runs: { using: string } };
    expect(action.runs.using).toBe("composite");
    const files = readdirSync(join(ROOT, ".github/workflows")).filter((f) => f.startsWith("jobform-"));
    expect(files.sort()).toEqual(["jobform-apply.yml", "jobform-drift.yml", "jobform-plan.yml"]);
    for (const f of files) {
      const steps = jobformSteps(workflow(f));
      expect(steps.length, f).toBeGreaterThan(0);
      for (const s of steps) for (const input of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs), `${f}: ${input}`).toContain(input);
    }
  });

  it("apply uses GitHub OIDC and one apply per workspace at a time", () => {
    const w = workflow("jobform-apply.yml");
    expect(w.permissions?.["id-token"]).toBe("write");
    expect(w.jobs.apply?.env?.DATABRICKS_AUTH_TYPE).toBe("github-oidc");
    expect(w.concurrency?.group).toContain("DATABRICKS_HOST");
    expect(w.concurrency?.["cancel-in-progress"]).toBe(false);
    expect(jobformSteps(w).map((s) => s.with?.command)).toEqual(["apply --auto-approve"]);
  });

  it("plan on pull requests: validates every target, then produces one sticky comment body and a JSON plan per target", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const [validate, plan] = jobformSteps(workflow("jobform-plan.yml"));
    expect(validate?.with?.command).toBe("validate --all-targets");
    expect((await runStep(validate as Step, dir)).code).toBe(0);
    const r = await runStep(plan as Step, dir);
    expect(r.code).toBe(2);
    const body = readFileSync(join(dir, "plan.md"), "utf8");
    expect(body).toMatch(/^### jobform plan: `acme-data` — 2 targets/);
    for (const target of ["dev", "prod"]) {
      expect(body).toContain(`### jobform plan: \`acme-data\` → \`${target}\``);
      expect(JSON.parse(readFileSync(join(dir, `plan.${target}.json`), "utf8")).summary.create).toBe(6);
    }
    expect(body.match(/\*\*Plan: 6 to create, 0 to update, 0 to delete\.\*\*/g)).toHaveLength(2);
  });

  it("drift cron: the issue body says what drifted and the exit code is 2", async () => {
    emu = await emulator();
    const dir = sampleProject();
    await fetch(`${emu.url}/api/2.2/jobs/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ name: "Retired", tags: { jobform_project: "acme-data", jobform_key: "retired" }, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] }),
    });
    const [drift] = jobformSteps(workflow("jobform-drift.yml"));
    const r = await runStep(drift as Step, dir);
    expect(r.code).toBe(2);
    const body = readFileSync(join(dir, "drift.md"), "utf8");
    expect(body).toContain("| retired | extra | 1 |");
    expect(body).toContain("Run `jobform apply` to bring the workspace back to git");
  });

  it("apply on merge, then the drift cron: apply succeeds and drift is clean (exit 0, issue would be closed)", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const [apply] = jobformSteps(workflow("jobform-apply.yml"));
    const r = await runStep(apply as Step, dir);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Apply: 6 created.");
    const [drift] = jobformSteps(workflow("jobform-drift.yml"));
    const d = await runStep(drift as Step, dir);
    expect(d.code).toBe(0);
    expect(readFileSync(join(dir, "drift.md"), "utf8")).toContain("**No drift: the workspace matches git.**");
  });
});
