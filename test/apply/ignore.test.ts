// Apply with `ignore:` rules: whatever body apply sends (jobs/update's wholesale top-level fields, or
// jobs/reset's whole job), an operator-owned path in it carries the workspace's value, not git's.
import { describe, expect, it } from "vitest";
import { executePlan } from "../../src/apply/execute.js";
import type { IgnoreRule } from "../../src/core/ignore.js";
import { KEY_TAG, PROJECT_TAG } from "../../src/core/ownership.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob } from "../../src/core/plan-types.js";
import type { DesiredJob } from "../../src/core/resolve.js";

type Obj = Record<string, unknown>;

const job = (key: string, document: Obj): DesiredJob => ({ key, file: `jobs/${key}.yaml`, document, locate: () => ({ file: "", line: 0, column: 0, path: "" }) });

/** Git's definition of the job; `change` edits it the way a commit would. */
function definition(change: (d: Obj) => void = () => undefined): Obj {
  const d: Obj = {
    name: "Billing",
    schedule: { quartz_cron_expression: "0 0 1 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
    max_concurrent_runs: 1,
    tasks: [
      { task_key: "bill", notebook_task: { notebook_path: "/Shared/bill" }, timeout_seconds: 300 },
      { task_key: "mail", depends_on: [{ task_key: "bill" }], notebook_task: { notebook_path: "/Shared/mail" }, timeout_seconds: 60 },
    ],
  };
  change(d);
  return d;
}

/** The workspace's copy of the job after an operator paused it, raised concurrency and tuned a timeout. */
function operated(): Obj {
  const s = { ...definition(), tags: { [PROJECT_TAG]: "fin", [KEY_TAG]: "billing" }, queue: { enabled: true } } as Obj;
  s.schedule = { quartz_cron_expression: "0 0 1 * * ?", timezone_id: "UTC", pause_status: "PAUSED" };
  s.max_concurrent_runs = 5;
  s.tasks = [
    { task_key: "bill", notebook_task: { notebook_path: "/Shared/bill" }, timeout_seconds: 300 },
    { task_key: "mail", depends_on: [{ task_key: "bill" }], notebook_task: { notebook_path: "/Shared/mail" }, timeout_seconds: 600 },
  ];
  return s;
}

const RULES: IgnoreRule[] = [
  { path: "/schedule/pause_status", reason: "incidents" },
  { path: "/max_concurrent_runs", jobs: ["billing"], reason: "catching up" },
  { path: "/tasks/*/timeout_seconds", jobs: ["bill*"], reason: "tuned by on-call" },
];

/** Records the bodies of settings writes. */
function fakeClient() {
  const sent: { call: string; body: Obj }[] = [];
  const client = {
    jobs: {
      update: async (body: Obj) => void sent.push({ call: "update", body }),
      reset: async (_id: unknown, settings: Obj) => void sent.push({ call: "reset", body: settings }),
    },
    permissions: { setJob: async () => undefined },
  };
  return { client: client as never, sent };
}

async function applyWith(doc: Obj, opts: { rules?: IgnoreRule[]; keepLive?: boolean } = {}) {
  const live: LiveJob = { jobId: "42", settings: operated(), permissions: [], aclUnreadable: true };
  const desired = [job("billing", doc)];
  const plan = planJobs(desired, [live], { project: "fin", prune: false, deployer: "ci@example.com", ...(opts.rules ? { ignore: opts.rules } : {}) });
  const { client, sent } = fakeClient();
  const results = await executePlan({
    client,
    project: "fin",
    plan,
    desired,
    liveIds: new Map([["billing", "42"]]),
    deployer: { name: "ci@example.com", groups: [] },
    allowLockout: false,
    ...(opts.rules ? { ignore: opts.rules } : {}),
    ...(opts.keepLive === false ? {} : { liveSettings: new Map([["billing", live.settings]]) }),
  });
  return { plan, sent, results };
}

describe("apply keeps operator-owned values", () => {
  it("sends the new cron with the operator's pause, and leaves max_concurrent_runs alone", async () => {
    const { plan, sent } = await applyWith(definition((d) => ((d.schedule as Obj).quartz_cron_expression = "0 0 3 * * ?")), { rules: RULES });
    expect(plan.changes[0]?.update).toEqual({ fields: ["schedule"], tasks: [], job_clusters: [], fields_to_remove: [] });
    expect(sent).toEqual([{ call: "update", body: { job_id: 42, new_settings: { schedule: { quartz_cron_expression: "0 0 3 * * ?", timezone_id: "UTC", pause_status: "PAUSED" } } } }]);
  });

  it("without the rules, the same change reverts the operator (git's UNPAUSED goes out)", async () => {
    const { sent } = await applyWith(definition((d) => ((d.schedule as Obj).quartz_cron_expression = "0 0 3 * * ?")));
    // max_concurrent_runs going back to its default of 1 takes a reset, which carries the whole job.
    expect(sent[0]?.call).toBe("reset");
    const body = sent[0]?.body as Obj;
    expect(body.schedule).toEqual({ quartz_cron_expression: "0 0 3 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" });
    expect(body.max_concurrent_runs).toBe(1);
  });

  it("keeps a task's owned field when the task is sent whole for another change", async () => {
    const doc = definition((d) => (((d.tasks as Obj[])[1] as Obj).notebook_task = { notebook_path: "/Shared/mail-v2" }));
    const { plan, sent } = await applyWith(doc, { rules: RULES });
    expect(plan.changes[0]?.update?.tasks).toEqual(["mail"]);
    expect((sent[0]?.body as { new_settings: Obj }).new_settings).toEqual({
      tasks: [{ task_key: "mail", depends_on: [{ task_key: "bill" }], notebook_task: { notebook_path: "/Shared/mail-v2" }, timeout_seconds: 600 }],
    });
  });

  it("keeps every owned value in a jobs/reset, which replaces the whole job", async () => {
    // git drops the queue setting the workspace has off: only reset restores a server default.
    const live = operated();
    live.queue = { enabled: false };
    const doc = definition((d) => (d.description = "monthly billing"));
    const desired = [job("billing", doc)];
    const plan = planJobs(desired, [{ jobId: "42", settings: live, permissions: [], aclUnreadable: true }], { project: "fin", prune: false, deployer: "ci@example.com", ignore: RULES });
    expect(plan.changes[0]?.strategy).toBe("reset");
    const { client, sent } = fakeClient();
    await executePlan({ client, project: "fin", plan, desired, liveIds: new Map([["billing", "42"]]), deployer: { name: "ci@example.com", groups: [] }, allowLockout: false, ignore: RULES, liveSettings: new Map([["billing", live]]) });
    const body = sent[0]?.body as Obj;
    expect(sent[0]?.call).toBe("reset");
    expect(body.description).toBe("monthly billing");
    expect(body.schedule).toEqual({ quartz_cron_expression: "0 0 1 * * ?", timezone_id: "UTC", pause_status: "PAUSED" });
    expect(body.max_concurrent_runs).toBe(5);
    expect((body.tasks as Obj[]).map((t) => t.timeout_seconds)).toEqual([300, 600]);
  });

  it("falls back to git's values when apply was not given the live settings", async () => {
    const { sent } = await applyWith(definition((d) => ((d.schedule as Obj).quartz_cron_expression = "0 0 3 * * ?")), { rules: RULES, keepLive: false });
    expect(((sent[0]?.body as { new_settings: Obj }).new_settings.schedule as Obj).pause_status).toBe("UNPAUSED");
  });

  it("writes nothing when only owned fields differ", async () => {
    const { plan, sent, results } = await applyWith(definition(), { rules: RULES });
    expect(plan.summary.no_op).toBe(1);
    expect(sent).toEqual([]);
    expect(results[0]?.outcome).toBe("unchanged");
  });
});
