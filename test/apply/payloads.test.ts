import { describe, expect, it } from "vitest";
import { jobSettings, resetSettings, updateBody } from "../../src/apply/payloads.js";
import { dependencyOrder, jobRefsOf, resolveJobRefs } from "../../src/core/job-refs.js";

const doc = {
  name: "Nightly",
  tags: { team: "platform" },
  permissions: [{ user_name: "alice@example.com", permission_level: "IS_OWNER" }],
  tasks: [
    { task_key: "a", notebook_task: { notebook_path: "/a" } },
    { task_key: "b", run_job_task: { job_id: "${jobs.loader.id}" } },
    { task_key: "c", for_each_task: { inputs: "[1]", task: { task_key: "c1", run_job_task: { job_id: "${jobs.other.id}" } } } },
  ],
  job_clusters: [{ job_cluster_key: "small", new_cluster: { num_workers: 1 } }],
  schedule: { quartz_cron_expression: "0 0 1 * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
};

describe("jobSettings", () => {
  const s = jobSettings(doc, { project: "acme", key: "nightly", ids: new Map([["loader", "42"], ["other", "9007199254740993"]]) });

  it("drops permissions, adds the ownership tags and keeps the user's tags", () => {
    expect(s.permissions).toBeUndefined();
    expect(s.tags).toEqual({ team: "platform", jobform_project: "acme", jobform_key: "nightly" });
  });

  it("resolves ${jobs.<key>.id} to ids, also inside for_each, losslessly above 2^53", () => {
    const tasks = s.tasks as { run_job_task?: { job_id: unknown }; for_each_task?: { task: { run_job_task: { job_id: unknown } } } }[];
    expect(tasks[1]?.run_job_task?.job_id).toBe(42);
    expect(tasks[2]?.for_each_task?.task.run_job_task.job_id).toBe(9007199254740993n);
    expect((doc.tasks[1] as { run_job_task: { job_id: string } }).run_job_task.job_id).toBe("${jobs.loader.id}");
  });

  it("sends queue explicitly: enabled when git omits it, as git says otherwise", () => {
    expect(s.queue).toEqual({ enabled: true });
    expect(jobSettings({ ...doc, queue: { enabled: false } }, { project: "acme", key: "k", ids: new Map() }).queue).toEqual({ enabled: false });
  });
});

describe("resetSettings", () => {
  it("sends the owner as run_as when git has none, so a previous run_as does not stick", () => {
    expect(resetSettings({ name: "x" }, { kind: "user", name: "alice@example.com" }).run_as).toEqual({ user_name: "alice@example.com" });
    expect(resetSettings({ name: "x" }, { kind: "service_principal", name: "9f0e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f" }).run_as).toEqual({ service_principal_name: "9f0e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f" });
  });

  it("keeps run_as as git says it", () => {
    expect(resetSettings({ run_as: { user_name: "bob@example.com" } }, { kind: "user", name: "alice@example.com" }).run_as).toEqual({ user_name: "bob@example.com" });
  });
});

describe("updateBody", () => {
  const settings = jobSettings(doc, { project: "acme", key: "nightly", ids: new Map([["loader", "42"], ["other", "43"]]) });

  it("a pause-only change is the schedule alone, whole", () => {
    expect(updateBody(settings, { fields: ["schedule"], tasks: [], job_clusters: [], fields_to_remove: [] })).toEqual({ new_settings: { schedule: doc.schedule } });
  });

  it("sends changed tasks and clusters whole, by key, and removals by name", () => {
    const body = updateBody(settings, { fields: ["tags"], tasks: ["b"], job_clusters: ["small"], fields_to_remove: ["tasks/old", "timeout_seconds"] });
    expect(body.new_settings).toEqual({ tags: settings.tags, tasks: [{ task_key: "b", run_job_task: { job_id: 42 } }], job_clusters: doc.job_clusters });
    expect(body.fields_to_remove).toEqual(["tasks/old", "timeout_seconds"]);
  });

  it("a removal-only update carries no new_settings", () => {
    expect(updateBody(settings, { fields: [], tasks: [], job_clusters: [], fields_to_remove: ["health"] })).toEqual({ fields_to_remove: ["health"] });
  });
});

describe("job references", () => {
  it("lists and resolves only known keys", () => {
    expect(jobRefsOf(doc)).toEqual(["loader", "other"]);
    const partly = resolveJobRefs(doc, new Map([["loader", "7"]])) as typeof doc;
    expect((partly.tasks[1] as { run_job_task: { job_id: unknown } }).run_job_task.job_id).toBe(7);
    expect(JSON.stringify(partly)).toContain("${jobs.other.id}");
  });

  it("orders creates after the jobs they run", () => {
    const refs: Record<string, string[]> = { top: ["mid", "leaf"], mid: ["leaf"], leaf: [], alone: [] };
    expect(dependencyOrder(["top", "mid", "leaf", "alone"], (k) => refs[k] ?? [])).toEqual(["alone", "leaf", "mid", "top"]);
  });
});
