import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitState } from "../../src/cli/git-state.js";
import { personRunAs, productionRefusal, targetSettings } from "../../src/core/deployment.js";

const prod = targetSettings({ targets: { prod: { mode: "production" } } }, "prod");

describe("production mode", () => {
  it("applies only from a clean work tree on the configured branch (main by default)", () => {
    expect(productionRefusal(prod, { branch: "main", dirty: [] })).toBeUndefined();
    expect(productionRefusal(prod, { branch: "feature/x", dirty: [] })).toBe('target "prod" is in production mode: apply only from branch main (this is feature/x); set targets.prod.branch to change it');
    expect(productionRefusal(prod, { branch: "main", dirty: ["jobs/etl.yaml"] })).toContain("uncommitted changes (jobs/etl.yaml)");
    expect(productionRefusal(prod, undefined)).toContain("apply only from a git work tree");
    expect(productionRefusal(targetSettings({ targets: { prod: { mode: "production", branch: "release" } } }, "prod"), { branch: "release", dirty: [] })).toBeUndefined();
    expect(productionRefusal(targetSettings({ targets: { dev: {} } }, "dev"), undefined)).toBeUndefined();
  });
  it("reads the branch and the uncommitted files of a real work tree", () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-git-"));
    const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.email=t@x", "-c", "user.name=t", ...args], { stdio: "ignore" });
    git("init", "-q", "-b", "main");
    writeFileSync(join(dir, "jobform.yaml"), "project: p\n");
    git("add", ".");
    git("commit", "-q", "-m", "one");
    expect(gitState(dir, {})).toEqual({ branch: "main", dirty: [] });
    writeFileSync(join(dir, "jobform.yaml"), "project: q\n");
    expect(gitState(dir, {})?.dirty).toEqual(["jobform.yaml"]);
    git("checkout", "-q", "--detach");
    expect(gitState(dir, { GITHUB_REF_TYPE: "branch", GITHUB_REF_NAME: "main" })?.branch).toBe("main");
    expect(gitState(mkdtempSync(join(tmpdir(), "jobform-nogit-")), {})).toBeUndefined();
  });
  it("names the jobs that would run as a person", () => {
    const jobs = [
      { key: "sp", document: { run_as: { service_principal_name: "9f0c" } } },
      { key: "user", document: { run_as: { user_name: "ann@x.com" } } },
      { key: "deployer", document: {} },
    ];
    expect(personRunAs(jobs, "me@x.com")).toEqual(["deployer", "user"]);
    expect(personRunAs(jobs, "9f0c-deploy-sp")).toEqual(["user"]);
  });
});
