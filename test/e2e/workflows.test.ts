// The CI flows we ship must keep working: each workflow's jobform steps are run here, command for command,
// against the emulator, and what they produce (the comment body, the drift issue body) is checked.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, ROOT } from "../support/cli.js";
import { cliAgainst, editJob, EMULATOR_ENV, emulator, managedJobId, sampleProject, TOKEN } from "../support/emulator.js";
import { fakeTools, runScript } from "../support/fake-gh.js";
import { commitWithRemote, git } from "../support/git-repo.js";

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
  env?: Record<string, string>;
  jobs: Record<string, { steps: Step[]; env?: Record<string, string>; permissions?: Record<string, string>; if?: string }>;
}

const ACTION = "./.github/actions/jobform";
const workflow = (name: string) => parse(readFileSync(join(ROOT, ".github/workflows", name), "utf8")) as Workflow;
const jobformSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps.filter((s) => s.uses === ACTION));

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const DRIFT_SCRIPT = join(ROOT, ".github/scripts/jobform-drift.sh");

/** The drift workflow's script as its job runs it: `jobform` and `gh` from PATH (here: the emulator and a fake). */
function runDriftScript(mode: string, dir: string, tools: ReturnType<typeof fakeTools>, targets = "") {
  return runScript(DRIFT_SCRIPT, dir, { ...EMULATOR_ENV, ...tools.env, JOBFORM_DRIFT_MODE: mode, JOBFORM_DRIFT_TARGETS: targets, JOBFORM_CLI: undefined, JOBFORM_DRIFT_TOKEN: undefined, GH_TOKEN: "fake" });
}

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

  it("drift: report and revert in one job with read-only contents, adopt in another with write access to branches and pull requests, both run the script", () => {
    const w = workflow("jobform-drift.yml");
    expect(w.permissions).toEqual({});
    expect(w.jobs.report?.permissions).toEqual({ contents: "read", issues: "write", "id-token": "write" });
    expect(w.jobs.adopt?.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    for (const job of ["report", "adopt"]) expect(w.jobs[job]?.steps.some((s) => s.run === ".github/scripts/jobform-drift.sh"), job).toBe(true);
    expect(w.jobs.adopt?.if).toContain("'adopt'");
    expect(w.jobs.report?.if).toContain("!= 'adopt'");
    expect(w.jobs.adopt?.env?.JOBFORM_DRIFT_TOKEN).toContain("secrets.JOBFORM_DRIFT_TOKEN");
    expect(w.env?.JOBFORM_DRIFT_MODE).toContain("inputs.mode");
  });

  it("drift cron (report): one issue is opened with the report and its remedies; the next run updates it", async () => {
    emu = await emulator();
    const dir = sampleProject();
    await fetch(`${emu.url}/api/2.2/jobs/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ name: "Retired", tags: { jobform_project: "acme-data", jobform_key: "retired" }, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] }),
    });
    const tools = fakeTools(emu.url);
    const r = await runDriftScript("report", dir, tools, "dev");
    expect(r.stderr).not.toContain("::error::");
    expect(r.code).toBe(0);
    const create = tools.calls().find((c) => c.args[1] === "create" && c.args[0] === "issue");
    expect(create?.args).toContain("jobform-drift");
    expect(create?.body).toContain("| retired | extra | 1 |");
    expect(create?.body).toContain("**revert** `jobform apply --target dev --prune`");
    expect(create?.body).toContain("Run `jobform apply` to bring the workspace back to git");
    const again = await runDriftScript("report", dir, tools, "dev");
    expect(again.code).toBe(0);
    expect(tools.calls().filter((c) => c.args[1] === "create" && c.args[0] === "issue")).toHaveLength(1);
    expect(tools.calls().at(-1)?.args.slice(0, 3)).toEqual(["issue", "edit", "101"]);
  }, 120_000);

  it("drift cron (report): a target that fails fails the run, yet the other targets' drift still reaches the issue", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const tools = fakeTools(emu.url);
    const r = await runDriftScript("report", dir, tools, "dev,nosuch");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("::error::jobform drift (nosuch) failed with exit code 1");
    const create = tools.calls().find((c) => c.args[0] === "issue" && c.args[1] === "create");
    expect(create?.body).toContain("### jobform drift: `acme-data` → `dev`");
    expect(create?.body).not.toContain("nosuch");
  }, 120_000);

  it("drift cron (revert): a drifted target is applied back to git, so no issue is opened", async () => {
    emu = await emulator();
    const dir = sampleProject();
    expect((await cliAgainst(emu, ["apply", "--auto-approve"], dir)).code).toBe(0);
    await editJob(emu, "sales-load", { timeout_seconds: 600 });
    const tools = fakeTools(emu.url);
    const r = await runDriftScript("revert", dir, tools);
    expect(r.stderr).not.toContain("::error::");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("jobform drift: default drifted; reverting it with jobform apply");
    expect(r.stdout).toContain("jobform drift: default is in sync");
    expect(tools.calls().map((c) => c.args.slice(0, 2))).toEqual([["issue", "list"]]);
    expect((await cliAgainst(emu, ["drift"], dir)).code).toBe(0);
  }, 120_000);

  it("drift script: a wrong mode or target name is refused before anything runs", async () => {
    const tools = fakeTools("http://127.0.0.1:1");
    const dir = sampleProject();
    const bad = await runDriftScript("merge", dir, tools);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('JOBFORM_DRIFT_MODE must be report, revert or adopt, not "merge"');
    const target = await runDriftScript("adopt", dir, tools, "dev, ../x");
    expect(target.code).toBe(1);
    expect(target.stderr).toContain('"../x" is not a target name');
    expect(tools.calls()).toEqual([]);
  });

  it("apply on merge, then the drift cron: apply succeeds and drift is clean, so the open drift issue is closed", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const [apply] = jobformSteps(workflow("jobform-apply.yml"));
    const r = await runStep(apply as Step, dir);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Apply: 6 created.");
    const tools = fakeTools(emu.url);
    tools.openIssue();
    const d = await runDriftScript("report", dir, tools);
    expect(d.stderr).not.toContain("::error::");
    expect(d.code).toBe(0);
    expect(d.stdout).toContain("jobform drift: default is in sync");
    expect(tools.calls().map((c) => c.args.slice(0, 3))).toEqual([["issue", "list", "--label"], ["issue", "close", "101"]]);
  }, 120_000);

  it("drift cron (adopt), back in sync: the target's open pull request is closed and its branch deleted; nothing is committed", async () => {
    emu = await emulator();
    const dir = sampleProject();
    commitWithRemote(dir);
    expect((await cliAgainst(emu, ["apply", "--auto-approve", "--target", "dev"], dir)).code).toBe(0);
    const tools = fakeTools(emu.url);
    tools.openPr("jobform/drift-dev");
    // No targets named: the default target, by its name (dev), names the branch.
    const r = await runDriftScript("adopt", dir, tools);
    expect(r.stderr).not.toContain("::error::");
    expect(r.code).toBe(0);
    const close = tools.calls().find((c) => c.args[1] === "close");
    expect(close?.args.slice(0, 3)).toEqual(["pr", "close", "101"]);
    expect(close?.args).toContain("--delete-branch");
    expect(git(dir, "rev-list", "--count", "HEAD")).toBe("1\n");
    expect(git(dir, "status", "--porcelain")).toBe("");
  }, 120_000);

  it("drift cron (adopt): drift pull leaves alone (a templated value) opens no pull request, only a warning", async () => {
    emu = await emulator();
    const dir = sampleProject();
    commitWithRemote(dir);
    expect((await cliAgainst(emu, ["apply", "--auto-approve", "--target", "dev"], dir)).code).toBe(0);
    // ${jobs.ml-training.id} in git; the UI points the task at sales-load's job instead.
    const headers = { authorization: `Bearer ${TOKEN}` };
    const id = await managedJobId(emu, "nightly-orchestrator");
    const got = (await (await fetch(`${emu.url}/api/2.2/jobs/get?job_id=${id}`, { headers })).json()) as { settings: { tasks: { task_key: string; run_job_task?: { job_id: number } }[] } };
    const other = await managedJobId(emu, "sales-load");
    const tasks = got.settings.tasks.map((t) => (t.task_key === "ml" ? { ...t, run_job_task: { ...t.run_job_task, job_id: other } } : t));
    await editJob(emu, "nightly-orchestrator", { tasks });
    const tools = fakeTools(emu.url);
    const r = await runDriftScript("adopt", dir, tools, "dev");
    expect(r.stderr).not.toContain("::error::");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("::warning::jobform pull --target dev wrote nothing: what drifted in dev cannot be adopted");
    expect(tools.calls().map((c) => c.args.slice(0, 2))).toEqual([["pr", "list"]]);
    expect(git(dir, "ls-remote", "--heads", "origin")).not.toContain("jobform/drift-dev");
    expect(git(dir, "symbolic-ref", "--short", "HEAD")).toBe("main\n");
  }, 120_000);

  // The adopt flow end to end: a UI edit becomes a commit on jobform/drift-dev and one pull request, rewritten
  // (not duplicated) by the next run, left alone once someone else commits on it, closed once in sync.
  it("drift cron (adopt): pull's edits are committed on jobform/drift-<target>, pushed, and one pull request carries the report and the edits", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const remote = commitWithRemote(dir);
    expect((await cliAgainst(emu, ["apply", "--auto-approve", "--target", "dev"], dir)).code).toBe(0);
    await editJob(emu, "sales-load", { timeout_seconds: 600 });
    const deleted = await fetch(`${emu.url}/api/2.2/jobs/delete`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ job_id: await managedJobId(emu, "files-ingest") }) });
    expect(deleted.status).toBe(200);

    // An untracked file of the checkout (as the installed CLI's node_modules would be) is not pull's to commit.
    writeFileSync(join(dir, "install.log"), "npm ci\n");
    const tools = fakeTools(emu.url);
    const r = await runDriftScript("adopt", dir, tools, "dev");
    expect(r.stderr).not.toContain("::error::");
    expect(r.code).toBe(0);
    const create = tools.calls().find((c) => c.args[0] === "pr" && c.args[1] === "create");
    expect(create?.args).toEqual(expect.arrayContaining(["--base", "main", "--head", "jobform/drift-dev"]));
    expect(create?.body).toContain("### jobform drift: `acme-data` → `dev`");
    expect(create?.body).toContain("**adopt** `jobform pull --target dev --job sales-load`");
    expect(create?.body).toContain("### Edits made by `jobform pull --target dev --delete-missing`");
    expect(create?.body).toContain("jobs/sales-load.yaml");
    // The branch on the remote holds the edit; the checkout is back on main, untouched.
    const pushed = git(remote, "rev-parse", "refs/heads/jobform/drift-dev").trim();
    expect(git(remote, "show", "jobform/drift-dev:jobs/sales-load.yaml")).toMatch(/^timeout_seconds: 600$/m);
    // The job deleted in the workspace is adopted by deleting its file.
    expect(git(remote, "diff", "--name-status", "main", "jobform/drift-dev")).toBe("D\tjobs/files-ingest.yaml\nM\tjobs/sales-load.yaml\n");
    expect(git(dir, "symbolic-ref", "--short", "HEAD")).toBe("main\n");
    expect(git(dir, "status", "--porcelain")).toBe("?? install.log\n");

    // The next night, same drift: the pull request is edited, not duplicated, and the same tree is not pushed again.
    const again = await runDriftScript("adopt", dir, tools, "dev");
    expect(again.code).toBe(0);
    expect(tools.calls().filter((c) => c.args[1] === "create")).toHaveLength(1);
    expect(tools.calls().at(-1)?.args.slice(0, 3)).toEqual(["pr", "edit", "101"]);
    expect(git(remote, "rev-parse", "refs/heads/jobform/drift-dev").trim()).toBe(pushed);

    // A reviewer's commit on the branch is never pushed over.
    const review = sampleProject();
    git(review, "clone", "-q", "-b", "jobform/drift-dev", remote, "r");
    const clone = join(review, "r");
    writeFileSync(join(clone, "NOTE.md"), "reviewed\n");
    git(clone, "add", "NOTE.md");
    git(clone, "commit", "-q", "-m", "review note");
    git(clone, "push", "-q", "origin", "jobform/drift-dev");
    const kept = git(remote, "rev-parse", "refs/heads/jobform/drift-dev");
    const third = await runDriftScript("adopt", dir, tools, "dev");
    expect(third.code).toBe(0);
    expect(third.stdout).toContain("jobform/drift-dev has commits this workflow did not make");
    expect(git(remote, "rev-parse", "refs/heads/jobform/drift-dev")).toBe(kept);
    expect(tools.calls().at(-1)?.args.slice(0, 3)).toEqual(["pr", "comment", "101"]);

    // Reverted in the workspace: back in sync, the pull request is closed.
    expect((await cliAgainst(emu, ["apply", "--auto-approve", "--target", "dev"], dir)).code).toBe(0);
    const synced = await runDriftScript("adopt", dir, tools, "dev");
    expect(synced.code).toBe(0);
    const close = tools.calls().at(-1)?.args ?? [];
    expect(close.slice(0, 3)).toEqual(["pr", "close", "101"]);
    // Its branch holds the reviewer's commit: closed, not deleted.
    expect(close).not.toContain("--delete-branch");
  }, 240_000);
});
