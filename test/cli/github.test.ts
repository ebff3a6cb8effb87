import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotations } from "../../src/cli/github.js";
import { ensureBuilt, runCli } from "../support/cli.js";

beforeAll(ensureBuilt);

describe("GitHub Actions output", () => {
  it("escapes annotation data and properties", () => {
    const line = annotations([{ severity: "error", code: "JF020", message: 'unknown field "a"\nnext: 100%', file: "jobs/a,b.yaml", line: 3, column: 5, path: "/a" }]);
    expect(line).toBe('::error file=jobs/a%2Cb.yaml,line=3,col=5,title=JF020::unknown field "a"%0Anext: 100%25\n');
    expect(annotations([{ severity: "warning", code: "JF010", message: "m", file: "jobform.yaml", line: 0, column: 0, path: "" }])).toBe("::warning file=jobform.yaml,title=JF010::m\n");
  });

  it("masks secrets before anything else and annotates validation errors with file and line, on stderr", () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-gh-"));
    mkdirSync(join(dir, "jobs"));
    writeFileSync(join(dir, "jobform.yaml"), "project: p\nvariables:\n  api_token: { default: tok-12345 }\n");
    writeFileSync(
      join(dir, "jobs/a.yaml"),
      'name: a\ntasks:\n  - task_key: t\n    notebook_task:\n      notebook_path: /x\n      base_parameters: { db_password: hunter22, token: "${var.api_token}" }\n    run_iff: ALL_DONE\n',
    );
    const r = runCli(["validate", "--dir", dir], { env: { GITHUB_ACTIONS: "true" } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("::");
    const lines = r.stderr.split("\n");
    expect(lines.slice(0, 2).sort()).toEqual(["::add-mask::hunter22", "::add-mask::tok-12345"]);
    expect(lines).toContain('::error file=jobs/a.yaml,line=7,col=5,title=JF020::unknown field "run_iff"; did you mean "run_if"?');
    expect(lines.some((l) => l.startsWith("::warning file=jobs/a.yaml,line=6,") && l.includes("db_password"))).toBe(true);
  });

  it("in a monorepo, names files from the repository root (GITHUB_WORKSPACE) in annotations and diagnostics", () => {
    const root = mkdtempSync(join(tmpdir(), "jobform-repo-"));
    const dir = join(root, "services", "etl");
    mkdirSync(join(dir, "jobs"), { recursive: true });
    writeFileSync(join(dir, "jobform.yaml"), "project: p\n");
    writeFileSync(join(dir, "jobs/a.yaml"), "name: a\ntasks:\n  - task_key: t\n    notebook_task: { notebook_path: /x }\n    run_iff: ALL_DONE\n");
    const env = { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: root };
    const validated = runCli(["validate", "--dir", dir], { env });
    expect(validated.stderr).toContain("::error file=services/etl/jobs/a.yaml,line=5,col=5,title=JF020::");
    expect(validated.stdout).toContain("services/etl/jobs/a.yaml:5:5: error JF020");
    expect(validated.stdout).toContain("> 5 |     run_iff: ALL_DONE");
    const planned = runCli(["plan", "--dir", dir], { env });
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain("::error file=services/etl/jobs/a.yaml,line=5,");
    expect(planned.stderr).toContain("services/etl/jobs/a.yaml:5:5: error JF020");
    const local = runCli(["validate", "--dir", dir], { env: { GITHUB_WORKSPACE: root } });
    expect(local.stdout).toContain("\njobs/a.yaml:5:5: error JF020".slice(1));
    expect(local.stdout).not.toContain("services/etl");
  });
});
