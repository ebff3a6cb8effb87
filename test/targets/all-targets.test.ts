import { describe, expect, it } from "vitest";
import { combineExitCodes, mergeTargetDiagnostics, targetsToRun } from "../../src/core/all-targets.js";
import type { JobChange, Plan } from "../../src/core/plan-types.js";
import { renderPlansMarkdown } from "../../src/render/plans-markdown.js";
import { targetPlanFile } from "../../src/cli/commands/plan.js";

describe("several targets", () => {
  it("exit codes combine: 1 beats 2 beats 0", () => {
    expect(combineExitCodes([0, 2, 1])).toBe(1);
    expect(combineExitCodes([2, 0])).toBe(2);
    expect(combineExitCodes([0, 0])).toBe(0);
    expect(combineExitCodes([])).toBe(0);
  });
  it("--all-targets takes every target in jobform.yaml order; --target a,b the ones named", () => {
    const project = { targets: { dev: {}, prod: {}, eu: {} } };
    expect(targetsToRun(project, { all: true, target: undefined })).toEqual({ targets: ["dev", "prod", "eu"] });
    expect(targetsToRun(project, { all: false, target: "eu, dev,eu" })).toEqual({ targets: ["eu", "dev"] });
    expect(targetsToRun(project, { all: false, target: "dev" })).toEqual({});
    expect(targetsToRun(project, { all: true, target: "dev" }).error).toBe("--all-targets and --target: give one of them");
    expect(targetsToRun({}, { all: true, target: undefined }).error).toBe("--all-targets: jobform.yaml defines no targets");
  });
  it("a diagnostic shared by targets is said once, naming them", () => {
    const d = (message: string, line: number) => ({ severity: "error" as const, code: "JF021", message, file: "jobs/a.yaml", line, column: 1, path: "/x" });
    const merged = mergeTargetDiagnostics([
      { target: "dev", diagnostics: [d("shared", 1)] },
      { target: "prod", diagnostics: [d("shared", 1), d("prod only", 2)] },
    ]);
    expect(merged.map((m) => m.message)).toEqual(["shared [targets dev, prod]", "prod only [target prod]"]);
  });
  it("saved plans go one file per target", () => {
    expect(targetPlanFile("out/plan.json", "prod")).toBe("out/plan.prod.json");
    expect(targetPlanFile("plan", "dev")).toBe("plan.dev");
  });
});

function bigPlan(target: string, jobs: number): Plan {
  const changes: JobChange[] = Array.from({ length: jobs }, (_, i) => ({
    key: `job-${i}`,
    action: "create",
    strategy: "create",
    permissions_put: true,
    fields: Array.from({ length: 20 }, (_, f) => ({ op: "add" as const, path: `/tasks/t${f}/notebook_task/notebook_path`, after: `/Repos/team/project/notebooks/${"x".repeat(40)}/${f}` })),
    permissions: [],
    risks: [],
    graph: [],
  }));
  return { format_version: 1, project: "acme", target, host: `https://${target}.example.com`, changes, notes: [], errors: [], summary: { create: jobs, update: 0, delete: 0, no_op: 0 } };
}

describe("the several-target comment", () => {
  it("stays within GitHub's limit, keeps every target's row and section, and points at the full plans", () => {
    const results = ["dev", "prod", "eu"].map((t) => ({ target: t, plan: bigPlan(t, 60) }));
    const md = renderPlansMarkdown("acme", [...results, { target: "qa", error: "workspace unreachable" }], { artifact: "`plan.<target>.json`" });
    expect(md.length).toBeLessThanOrEqual(65_536);
    for (const t of ["dev", "prod", "eu"]) {
      expect(md).toContain(`| ${t} | https://${t}.example.com | 60 | 0 | 0 |  | changes |`);
      expect(md).toContain(`<details><summary>target <b>${t}</b>: 60 to create, 0 to update, 0 to delete</summary>`);
    }
    expect(md).toContain("| qa | | | | | | ❌ workspace unreachable |");
    expect(md).toContain("the full plans are in `plan.<target>.json`");
  });
  it("a short comment is left whole, without the pointer", () => {
    const md = renderPlansMarkdown("acme", [{ target: "dev", plan: bigPlan("dev", 1) }]);
    expect(md).not.toContain("shortened");
    expect(md).toContain("### jobform plan: `acme` → `dev`");
  });
});
