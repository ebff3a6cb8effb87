import { describe, expect, it } from "vitest";
import { pruneRefusal, staleReasons } from "../../src/apply/guards.js";
import type { JobChange, Plan } from "../../src/core/plan-types.js";

const change = (key: string, over: Partial<JobChange> = {}): JobChange => ({
  key,
  action: "update",
  job_id: "1",
  strategy: "update",
  permissions_put: false,
  fields: [],
  permissions: [],
  risks: [],
  graph: [],
  fingerprint: `fnv1a64:${key.padEnd(16, "0").slice(0, 16)}`,
  desired_hash: "fnv1a64:aaaaaaaaaaaaaaaa",
  ...over,
});
const plan = (changes: JobChange[]): Plan => ({ format_version: 1, project: "p", target: "dev", host: "https://h", changes, notes: [], errors: [], summary: { create: 0, update: 0, delete: 0, no_op: 0 } });

describe("staleReasons", () => {
  it("accepts the same plan", () => {
    expect(staleReasons(plan([change("a"), change("b", { action: "create", job_id: undefined, fingerprint: undefined })]), plan([change("a"), change("b", { action: "create", job_id: undefined, fingerprint: undefined })]))).toEqual([]);
  });

  it("names each job that moved in the workspace, and each whose definition changed", () => {
    const reasons = staleReasons(plan([change("a"), change("b"), change("c")]), plan([change("a", { fingerprint: "fnv1a64:1111111111111111" }), change("b", { desired_hash: "fnv1a64:bbbbbbbbbbbbbbbb" }), change("c")]));
    expect(reasons).toEqual(["a (job 1): changed in the workspace since the plan was made", "b (job 1): its definition in git changed since the plan was made"]);
  });

  it("refuses changes the saved plan does not contain, and a job created meanwhile", () => {
    const saved = plan([change("a", { action: "create", job_id: undefined, fingerprint: undefined })]);
    const fresh = plan([change("a"), change("new", { action: "create", job_id: undefined, fingerprint: undefined })]);
    expect(staleReasons(saved, fresh)).toEqual(["a (job 1): now exists in the workspace since the plan was made", "new: would create, but the saved plan does not contain it"]);
  });

  it("refuses a plan for another target", () => {
    expect(staleReasons(plan([]), { ...plan([]), target: "prod" })).toEqual(["the plan is for target dev, this apply for prod"]);
  });
});

describe("pruneRefusal", () => {
  const deletes = (n: number) => plan(Array.from({ length: n }, (_, i) => change(`d${i}`, { action: "delete", strategy: "delete" })));

  it("allows up to the configured share of the managed jobs", () => {
    expect(pruneRefusal(deletes(2), 4, 2, 0.5)).toBeUndefined();
    expect(pruneRefusal(plan([change("a")]), 4, 0, 0.5)).toBeUndefined();
  });

  it("refuses more than the share, and any delete-all when git defines no job", () => {
    expect(pruneRefusal(deletes(3), 4, 1, 0.5)).toMatch(/3 of 4 managed jobs, more than apply.prune_max_fraction \(0.5\)/);
    expect(pruneRefusal(deletes(1), 1, 0, 1)).toMatch(/no job is defined/);
  });
});
