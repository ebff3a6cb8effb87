import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../support/cli.js";

beforeAll(ensureBuilt);

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-smoke-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe("built CLI (plain node)", () => {
  it("validates the sample project with exit 0", () => {
    const r = runCli(["validate"]);
    expect(r.stderr).toContain("no problems");
    expect(r.code).toBe(0);
  });

  it("validates the sample project for the prod target", () => {
    const r = runCli(["validate", "--target", "prod", "--format", "json"]);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("exits 1 with located JSON diagnostics for a broken project", () => {
    const dir = project({ "jobform.yaml": "project: p\n", "jobs/a.yaml": "name: a\ntasks:\n  - task_key: t\n    notebok_task: { notebook_path: /x }\n" });
    const r = runCli(["validate", "--dir", dir, "--format", "json"]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(ds[0]).toMatchObject({ severity: "error", code: "JF024", file: "jobs/a.yaml", line: 3, column: 5, path: "/tasks/0" });
    expect(ds.find((d) => d.code === "JF020")).toMatchObject({ line: 4, column: 5, path: "/tasks/0/notebok_task" });
    expect(Object.keys(ds[0] as object).sort()).toEqual(["code", "column", "file", "line", "message", "path", "severity"]);
  });

  it("keeps warnings at exit 0 unless --strict", () => {
    const dir = project({ "jobform.yaml": "project: p\n", "jobs/a.yaml": "name: a\ntasks:\n  - task_key: t\n    run_if: ALL_DONE\n    notebook_task: { notebook_path: /x }\n" });
    expect(runCli(["validate", "--dir", dir]).code).toBe(0);
    const strict = runCli(["validate", "--dir", dir, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("jobs/a.yaml:4:13: warning JF035");
  });

  it("reports a 30 MB file by size, checks the other files, and never prints a stack trace", () => {
    const big = Buffer.alloc(30 * 1024 * 1024, "a");
    const dir = project({ "jobform.yaml": "project: p\n", "jobs/huge.yaml": big, "jobs/b.yaml": "name: b\ntasks: oops\n" });
    const r = runCli(["validate", "--dir", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("jobs/huge.yaml: error JF004: file is 30.0 MB");
    expect(r.stdout).toContain("jobs/b.yaml:2:8: error JF021");
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it("says what is wrong with a missing directory and a bad --var in one line", () => {
    const missing = runCli(["validate", "--dir", "/nonexistent/jobform"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("jobform: project directory /nonexistent/jobform does not exist");
    const badVar = runCli(["validate", "--var", "novalue"]);
    expect(badVar.code).toBe(1);
    expect(badVar.stderr).toContain("--var novalue: expected name=value");
  });
});
