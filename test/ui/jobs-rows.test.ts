// The jobs table's sync status and the job view's task sides, from a plan and a workspace read.
import { describe, expect, it } from "vitest";
import { jobRows, pauseState, syncOf } from "../../src/ui/server/jobs-rows.js";
import { jobDetail } from "../../src/ui/server/job-detail.js";
import type { JobChange, Plan } from "../../src/core/plan-types.js";
import type { LiveState } from "../../src/live/read-live.js";
import type { DesiredJob } from "../../src/core/resolve.js";

const change = (key: string, action: JobChange["action"], fields: JobChange["fields"] = []): JobChange => ({ key, action, strategy: "none", permissions_put: false, fields, permissions: [], risks: [], graph: [] });
const desired = (key: string, document: Record<string, unknown>): DesiredJob => ({ key, file: `jobs/${key}.yaml`, document, locate: () => ({ file: "", line: 0, column: 0 }) as never });
const tags = (key: string) => ({ jobform_project: "p", jobform_key: key, team: "x" });

describe("jobs table rows", () => {
  const plan = {
    changes: [change("a", "no-op"), change("b", "update", [{ op: "replace", path: "/timeout_seconds", before: 1, after: 2 }, { op: "add", path: "/tags/y", after: "1" }]), change("c", "create")],
  } as unknown as Plan;
  const live: LiveState = {
    managed: [
      { jobId: "1", key: "a", settings: {}, permissions: [] },
      { jobId: "2", key: "b", settings: {}, permissions: [] },
      { jobId: "4", key: "gone", settings: {}, permissions: [] },
    ],
    unmanaged: [{ jobId: "3", settings: {}, permissions: [] }],
    listed: [
      { job_id: 1, creator_user_name: "ann", settings: { name: "A", tags: tags("a"), tasks: [{ task_key: "t" }], schedule: { quartz_cron_expression: "0 0 1 * * ?", pause_status: "PAUSED" } } },
      { job_id: 2, settings: { name: "B", tags: tags("b"), tasks: [] } },
      { job_id: 3, settings: { name: "Hand made" } },
      { job_id: 4, has_more: true, settings: { name: "Gone", tags: tags("gone") } },
    ],
  };
  const rows = jobRows(plan, live, [desired("a", {}), desired("b", {}), desired("c", { name: "C", tasks: [{ task_key: "x" }, { task_key: "y" }], continuous: { pause_status: "UNPAUSED" } })]);

  it("says Synced, OutOfSync (n), Missing, Not in git and Unmanaged", () => {
    expect(rows.map((r) => [r.name, r.ref, r.sync, r.changed])).toEqual([
      ["A", "a", "Synced", undefined],
      ["B", "b", "OutOfSync", 2],
      ["C", "c", "Missing", undefined],
      ["Gone", "gone", "Not in git", undefined],
      ["Hand made", "id:3", "Unmanaged", undefined],
    ]);
  });

  it("keeps what a person scans for: tasks, trigger and pause, creator, user tags", () => {
    const a = rows[0];
    expect(a).toMatchObject({ job_id: "1", file: "jobs/a.yaml", task_count: 1, paused: true, creator: "ann", tags: { team: "x" } });
    expect(a?.trigger).toBe("cron 0 0 1 * * ? (paused)");
    expect(rows[2]).toMatchObject({ task_count: 2, paused: false, trigger: "continuous" });
    expect(rows[3]?.task_count).toBeUndefined();
    expect(rows[4]?.paused).toBeUndefined();
  });

  it("reads pause state from every starter, and sync from the plan's change", () => {
    expect(pauseState({ schedule: { pause_status: "PAUSED" }, trigger: { pause_status: "UNPAUSED" } })).toBe(false);
    expect(pauseState({})).toBeUndefined();
    expect(syncOf(change("x", "delete"))).toEqual({ sync: "Not in git" });
    expect(syncOf(undefined)).toEqual({ sync: "Not in git" });
  });
});

describe("job detail", () => {
  it("pairs each task's git and workspace sides, lists the plan's paths inside it, and masks secrets", () => {
    const git = { tasks: [{ task_key: "t", notebook_task: { notebook_path: "/n", base_parameters: { pw: "hunter22secret" } } }, { task_key: "new", condition_task: { op: "EQUAL_TO", left: "1", right: "1" } }] };
    const ws = { tasks: [{ task_key: "t", notebook_task: { notebook_path: "/n", base_parameters: { pw: "hunter22secret" } }, timeout_seconds: 5 }], max_concurrent_runs: 2 };
    const c = change("k", "update", [
      { op: "remove", path: "/tasks/t/timeout_seconds", before: 5 },
      { op: "add", path: "/tasks/new", after: {} },
    ]);
    c.graph = [{ task_key: "new", depends_on: [], type: "condition" }, { task_key: "t", depends_on: [], type: "notebook" }];
    const d = jobDetail({ row: { ref: "k", name: "K", sync: "OutOfSync", trigger: "manual", tags: {} }, desired: desired("k", git), settings: ws, change: c, secrets: ["hunter22secret"] });
    expect(d.tasks.t?.changed).toEqual(["/timeout_seconds"]);
    expect(d.tasks.new).toMatchObject({ workspace: undefined, changed: ["/"] });
    expect(JSON.stringify(d)).not.toContain("hunter22secret");
    expect(d.dag.nodes.map((n) => [n.id, n.shape, n.mark])).toEqual([
      ["new", "condition", "added"],
      ["t", "task", "changed"],
    ]);
    expect(d.details.find((f) => f.field === "max_concurrent_runs")).toEqual({ field: "max_concurrent_runs", workspace: 2, changed: false });
  });
});
