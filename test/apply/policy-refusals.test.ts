import { describe, expect, it } from "vitest";
import { policyRefusals, staleReasons } from "../../src/apply/guards.js";
import type { JobChange, Plan } from "../../src/core/plan-types.js";

const change = (key: string, action: JobChange["action"]): JobChange => ({ key, action, strategy: action === "create" ? "create" : "update", permissions_put: false, fields: [], permissions: [], risks: [], graph: [] });

const plan = (): Plan => ({
  format_version: 1,
  project: "p",
  target: null,
  host: null,
  changes: [change("a", "create"), change("b", "update"), change("c", "create")],
  notes: [],
  errors: [
    { code: "cluster-policy", key: "a", job_ids: [], message: "jobs/a.yaml:3:5: a broke it" },
    { code: "cluster-policy", key: "a", job_ids: [], message: "jobs/a.yaml:4:5: a broke it again" },
  ],
  summary: { create: 2, update: 1, delete: 0, no_op: 0 },
});

describe("cluster policy refusals", () => {
  it("leave out only the jobs that break a policy, with the summary counted again", () => {
    const { plan: rest, refused } = policyRefusals(plan());
    expect(refused).toEqual(["a"]);
    expect(rest.changes.map((c) => c.key)).toEqual(["b", "c"]);
    expect(rest.errors).toEqual([]);
    expect(rest.summary).toEqual({ create: 1, update: 1, delete: 0, no_op: 0 });
  });

  it("keep other errors, which still stop the whole apply", () => {
    const p = plan();
    p.errors.push({ code: "duplicate-tags", key: "b", job_ids: ["1", "2"], message: "two jobs" });
    expect(policyRefusals(p).plan.errors.map((e) => e.code)).toEqual(["duplicate-tags"]);
  });

  it("do not make a saved plan stale: its jobs are refused one by one instead", () => {
    expect(staleReasons(plan(), plan())).toEqual([]);
  });
});
