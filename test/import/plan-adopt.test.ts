import { describe, expect, it } from "vitest";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob, PlanOptions } from "../../src/core/plan-types.js";
import type { DesiredJob } from "../../src/core/resolve.js";
import { renderPlanText } from "../../src/render/plan-text.js";

const desired = (key: string, document: Record<string, unknown>): DesiredJob => ({ key, file: `jobs/${key}.yaml`, document, locate: () => ({ file: `jobs/${key}.yaml`, line: 1, column: 1 }) }) as unknown as DesiredJob;
const settings = { name: "Nightly ETL", tasks: [{ task_key: "a", notebook_task: { notebook_path: "/a" } }] };
const live = (jobId: string, tags: Record<string, string> = {}): LiveJob => ({
  jobId,
  settings: { ...settings, tags, format: "MULTI_TASK", max_concurrent_runs: 1, tasks: [{ task_key: "a", notebook_task: { notebook_path: "/a", source: "WORKSPACE" }, run_if: "ALL_SUCCESS" }] },
  permissions: [{ user_name: "me@x.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] }],
  creatorUserName: "me@x.com",
});
const opts = (adopt: Record<string, string>): PlanOptions => ({ project: "acme", prune: false, deployer: "me@x.com", adopt });

describe("planJobs with adopt", () => {
  it("updates the adopted job, adding only the ownership tags, instead of creating one", () => {
    const plan = planJobs([desired("etl", settings)], [live("41")], opts({ etl: "41" }));
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 1, delete: 0, no_op: 0 });
    const [change] = plan.changes;
    expect(change).toMatchObject({ key: "etl", action: "update", job_id: "41", adopting: true, strategy: "update", permissions_put: false });
    // The job had no tags at all: the whole tags map is new, holding only the ownership tags.
    expect(change?.fields).toEqual([{ op: "add", path: "/tags", after: { jobform_key: "etl", jobform_project: "acme" } }]);
    expect(change?.update?.fields).toEqual(["tags"]);
    // No "look-alike" note for the job being adopted.
    expect(plan.notes).toEqual([]);
    expect(renderPlanText(plan, { color: false })).toContain('~ update etl "Nightly ETL" (job 41) · adopting job 41 · jobs/update');
  });

  it("without adopt the same job is left alone and a create is planned", () => {
    const plan = planJobs([desired("etl", settings)], [live("41")], opts({}));
    expect(plan.changes[0]?.action).toBe("create");
    expect(plan.changes[0]?.adopting).toBeUndefined();
  });

  it("says an entry is done once the key has a managed job", () => {
    const plan = planJobs([desired("etl", settings)], [live("41", { jobform_project: "acme", jobform_key: "etl" })], opts({ etl: "41" }));
    expect(plan.errors).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ action: "no-op", job_id: "41" });
    expect(plan.changes[0]?.adopting).toBeUndefined();
    expect(plan.notes).toEqual(["adopt.etl: already adopted (job 41 carries the tags); remove adopt.etl from jobform.yaml"]);
  });

  it("refuses a missing job, another project's job and one job under two keys", () => {
    const jobs = [desired("a", settings), desired("b", settings), desired("c", settings), desired("d", settings)];
    const plan = planJobs(jobs, [live("7", { jobform_project: "other", jobform_key: "x" }), live("8")], opts({ a: "404", b: "7", c: "8", d: "8" }));
    expect(plan.errors.map((e) => [e.code, e.key, e.job_ids])).toEqual([
      ["adopt-invalid", "a", ["404"]],
      ["adopt-invalid", "b", ["7"]],
      ["adopt-invalid", "d", ["8"]],
    ]);
    expect(plan.errors[0]?.message).toBe("adopt.a: job 404 does not exist in this workspace");
    expect(plan.errors[1]?.message).toBe('adopt.b: job 7 belongs to project "other"; jobform does not take over another project\'s job');
    expect(plan.errors[2]?.message).toBe("adopt.d: job 8 is also adopted as c; one job can be adopted by one key only");
    // Keys in error are not planned (a create would make the duplicate adoption is meant to avoid).
    expect(plan.changes.map((c) => [c.key, c.action, c.adopting])).toEqual([["c", "update", true]]);
  });

  it("notes an entry without a definition, and ignores entries outside --job", () => {
    expect(planJobs([desired("etl", settings)], [live("41")], opts({ gone: "41" })).notes).toContain(["adopt.gone: there is no jobs/gone.yaml for this target, so job 41 is not adopted"][0]);
    const scoped = planJobs([desired("etl", settings), desired("b", settings)], [live("41")], { ...opts({ etl: "41", b: "999" }), only: ["etl"] });
    expect(scoped.errors).toEqual([]);
    expect(scoped.changes.map((c) => c.key)).toEqual(["etl"]);
  });
});
