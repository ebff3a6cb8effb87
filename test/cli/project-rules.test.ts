// `jobform validate` with policies: as a user runs it: exit codes, --all-targets, --strict and the GitHub
// annotations on the offending lines.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCliAsync } from "../support/cli.js";
import { CASES_DIR } from "../support/cases.js";

beforeAll(ensureBuilt);
const env = { GITHUB_ACTIONS: undefined, GITHUB_WORKSPACE: undefined };

describe("validate with policies:", () => {
  it("an error rule fails validate only in the targets it holds for", { timeout: 60_000 }, async () => {
    const dir = join(CASES_DIR, "validate-rules-schedule-paused-in");
    const staging = await runCliAsync(["--dir", dir, "validate"], { env });
    expect(staging.code).toBe(1);
    expect(staging.stdout).toContain("jobs/scheduled.yaml:2:84: error JF105: schedule is UNPAUSED in target staging");
    const prod = await runCliAsync(["--dir", dir, "validate", "--target", "prod"], { env });
    expect(prod.stdout).not.toContain("JF105");
    expect(prod.code).toBe(0);
    const all = await runCliAsync(["--dir", dir, "validate", "--all-targets", "--format", "json"], { env });
    expect(all.code).toBe(1);
    const ds = JSON.parse(all.stdout) as { code: string; message: string; file: string; line: number }[];
    expect(ds.filter((d) => d.code === "JF105").map((d) => `${d.file}:${d.line}`)).toEqual(["jobs/continuous.yaml:2", "jobs/multi.yaml:5", "jobs/multi.yaml:7", "jobs/scheduled.yaml:2"]);
    for (const d of ds.filter((x) => x.code === "JF105")) expect(d.message).toMatch(/\[target staging\]$/);
  });

  it("warnings pass unless --strict, and are annotated in GitHub Actions", { timeout: 60_000 }, async () => {
    const dir = join(CASES_DIR, "validate-rules-require-timeout");
    const plain = await runCliAsync(["--dir", dir, "validate"], { env });
    expect(plain.code).toBe(0);
    expect((await runCliAsync(["--dir", dir, "validate", "--strict"], { env })).code).toBe(1);
    const gha = await runCliAsync(["--dir", dir, "validate"], { env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: undefined } });
    expect(gha.stderr).toContain("::warning file=jobs/zero.yaml,line=2,col=18,title=JF106::timeout_seconds 0 means no timeout — policies[0] require_timeout: a stuck run burns compute all weekend\n");
    expect(gha.stderr).toContain("::warning file=jobs/none.yaml,line=1,col=1,title=JF106::");
  });

  it("an unknown rule kind is an error at its line with the kind it probably meant", { timeout: 60_000 }, async () => {
    const r = await runCliAsync(["--dir", join(CASES_DIR, "validate-rules-shape"), "validate"], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('jobform.yaml:5:5: error JF020: unknown field "require_tag"; did you mean "require_tags"?');
  });

  it("the example in docs/project-rules finds what its comments promise", { timeout: 60_000 }, async () => {
    const r = await runCliAsync(["--dir", join(ROOT, "docs/project-rules"), "validate", "--all-targets", "--format", "json"], { env });
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout) as { severity: string; code: string; line: number; message: string }[];
    const found = ds.map((d) => `${d.severity} ${d.code} ${d.line} ${/\[(targets? [^\]]+)\]$/.exec(d.message)?.[1] ?? ""}`);
    expect(found).toEqual([
      "warning JF106 2 targets dev, prod",
      "error JF108 2 target prod",
      "error JF100 3 targets dev, prod",
      "warning JF103 7 targets dev, prod",
      "error JF102 7 targets dev, prod",
      "error JF101 14 target prod",
      "error JF104 17 target prod",
    ]);
    // Development mode pauses the UNPAUSED schedule before anything is sent, so the dev rule holds.
    expect(ds.some((d) => d.code === "JF105")).toBe(false);
  });
});
