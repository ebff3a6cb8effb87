// `ignore:` in plan, drift and validate: fields operators own are left out of both sides of the comparison
// and of the live fingerprint, named once per rule in the notes, and checked for shape and for rules
// that name no job.
import { describe, expect, it } from "vitest";
import { loadSchemas } from "../../src/cli/schemas.js";
import { globMatches } from "../../src/core/glob.js";
import { keepLiveValues, rulesForJob, withoutIgnored } from "../../src/core/ignore.js";
import type { IgnoreRule } from "../../src/core/ignore.js";
import { KEY_TAG, PROJECT_TAG } from "../../src/core/ownership.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob, PlanOptions } from "../../src/core/plan-types.js";
import { checkProject } from "../../src/core/project.js";

const PROJECT = "shop";

const JOB = `name: Orders
schedule: { quartz_cron_expression: "0 30 2 * * ?", timezone_id: UTC, pause_status: UNPAUSED }
max_concurrent_runs: 1
parameters:
  - { name: region, default: eu }
tasks:
  - task_key: extract
    notebook_task: { notebook_path: /Shared/orders/extract }
    timeout_seconds: 600
  - task_key: load
    depends_on: [{ task_key: extract }]
    notebook_task: { notebook_path: /Shared/orders/load }
    timeout_seconds: 900
`;

function checked(projectYaml: string, jobs: Record<string, string> = { orders: JOB, returns: JOB.replace("Orders", "Returns") }) {
  const files = [{ path: "jobform.yaml", bytes: Buffer.from(projectYaml) }, ...Object.entries(jobs).map(([k, text]) => ({ path: `jobs/${k}.yaml`, bytes: Buffer.from(text) }))];
  return checkProject(files, { vars: {}, env: {} }, loadSchemas());
}

/** The job as jobs/get would return it after an apply of JOB, with `change` made by an operator. */
function liveJob(key: string, id: string, change: (s: Record<string, unknown>) => void = () => undefined): LiveJob {
  const settings: Record<string, unknown> = {
    name: key === "orders" ? "Orders" : "Returns",
    schedule: { quartz_cron_expression: "0 30 2 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
    max_concurrent_runs: 1,
    parameters: [{ name: "region", default: "eu" }],
    tasks: [
      { task_key: "load", depends_on: [{ task_key: "extract" }], notebook_task: { notebook_path: "/Shared/orders/load" }, timeout_seconds: 900 },
      { task_key: "extract", notebook_task: { notebook_path: "/Shared/orders/extract" }, timeout_seconds: 600 },
    ],
    tags: { [PROJECT_TAG]: PROJECT, [KEY_TAG]: key },
  };
  change(settings);
  // The access list is out of this test's scope: unread, so permissions are not compared.
  return { jobId: id, settings, permissions: [], aclUnreadable: true };
}

const pauseAndRaise = (s: Record<string, unknown>) => {
  (s.schedule as Record<string, unknown>).pause_status = "PAUSED";
  s.max_concurrent_runs = 5;
};

const RULES: IgnoreRule[] = [
  { path: "/schedule/pause_status", jobs: ["ord*"], reason: "operators pause schedules during incidents" },
  { path: "/max_concurrent_runs", jobs: ["orders"], reason: "on-call raises concurrency to catch up" },
];

/** The plan's notes about ignored fields (the fixtures' unread access lists add one of their own). */
const ignoredNotes = (p: { notes: string[] }) => p.notes.filter((n) => n.startsWith("ignored "));

function plan(live: LiveJob[], ignore: readonly IgnoreRule[] | undefined, jobs?: Record<string, string>) {
  const project = checked(`project: ${PROJECT}\n`, jobs);
  const opts: PlanOptions = { project: PROJECT, prune: false, deployer: "ci@example.com", ...(ignore ? { ignore } : {}) };
  return planJobs(project.resolved.jobs, live, opts);
}

describe("matching rules to jobs", () => {
  it("takes keys and globs; no `jobs` means every job", () => {
    expect(globMatches("sales-*", "sales-load")).toBe(true);
    expect(globMatches("sales-?", "sales-load")).toBe(false);
    expect(globMatches("a.b", "axb")).toBe(false);
    const every: IgnoreRule = { path: "/x", reason: "r" };
    expect(rulesForJob([...RULES, every], "orders")).toEqual([...RULES, every]);
    expect(rulesForJob([...RULES, every], "returns")).toEqual([every]);
  });
});

describe("removing owned fields from a canonical form", () => {
  const canonical = () => ({
    schedule: { quartz_cron_expression: "c", pause_status: "PAUSED" },
    trigger: { pause_status: "PAUSED" },
    tasks: { a: { timeout_seconds: 1, max_retries: 2 }, b: { timeout_seconds: 3 } },
  });

  it("removes the addressed fields, `*` matching any one segment, and reports the rules that hit", () => {
    const input = canonical();
    const rules: IgnoreRule[] = [
      { path: "/schedule/pause_status", reason: "r1" },
      { path: "/tasks/*/timeout_seconds", reason: "r2" },
      { path: "/continuous/pause_status", reason: "r3" },
    ];
    const { settings, matched } = withoutIgnored(input, rules);
    // b had nothing else, so its block goes too: empty is absent on both sides.
    expect(settings).toEqual({ schedule: { quartz_cron_expression: "c" }, trigger: { pause_status: "PAUSED" }, tasks: { a: { max_retries: 2 } } });
    expect(matched.map((r) => r.reason)).toEqual(["r1", "r2"]);
    expect(input).toEqual(canonical());
  });

  it("removes an element of a plain list without disturbing the others", () => {
    const { settings } = withoutIgnored({ cmd: ["a", "b", "c"] }, [{ path: "/cmd/*", reason: "r" }]);
    expect(settings).toEqual({});
    expect(withoutIgnored({ cmd: ["a", "b", "c"] }, [{ path: "/cmd/1", reason: "r" }]).settings).toEqual({ cmd: ["a", "c"] });
  });
});

describe("keeping live values in an API-shape payload", () => {
  const live = {
    schedule: { quartz_cron_expression: "old", pause_status: "PAUSED" },
    max_concurrent_runs: 5,
    parameters: [{ name: "region", default: "us" }, { name: "day", default: "today" }],
    job_clusters: [{ job_cluster_key: "big", new_cluster: { num_workers: 9 } }],
    tasks: [
      { task_key: "b", timeout_seconds: 99 },
      { task_key: "a", timeout_seconds: 77 },
    ],
  };
  const payload = () => ({
    schedule: { quartz_cron_expression: "new", pause_status: "UNPAUSED" },
    max_concurrent_runs: 1,
    parameters: [{ name: "region", default: "eu" }],
    job_clusters: [{ job_cluster_key: "big", new_cluster: { num_workers: 2 } }],
    tasks: [
      { task_key: "a", timeout_seconds: 10 },
      { task_key: "b", timeout_seconds: 20 },
      { task_key: "c", timeout_seconds: 30 },
    ],
  });

  it("copies the workspace's value into the field that is sent around it", () => {
    const out = keepLiveValues(payload(), live, [
      { path: "/schedule/pause_status", reason: "r" },
      { path: "/max_concurrent_runs", reason: "r" },
    ]);
    expect(out.schedule).toEqual({ quartz_cron_expression: "new", pause_status: "PAUSED" });
    expect(out.max_concurrent_runs).toBe(5);
    expect(out.tasks).toEqual(payload().tasks);
  });

  it("finds list elements by their key, not their position", () => {
    const out = keepLiveValues(payload(), live, [
      { path: "/tasks/*/timeout_seconds", reason: "r" },
      { path: "/job_clusters/big/new_cluster/num_workers", reason: "r" },
      { path: "/parameters/region/default", reason: "r" },
    ]);
    // c has no workspace value: it is left out, and the server's default applies.
    expect(out.tasks).toEqual([{ task_key: "a", timeout_seconds: 77 }, { task_key: "b", timeout_seconds: 99 }, { task_key: "c" }]);
    expect(out.job_clusters).toEqual([{ job_cluster_key: "big", new_cluster: { num_workers: 9 } }]);
    expect(out.parameters).toEqual([{ name: "region", default: "us" }]);
  });

  it("keeps or drops whole keyed elements", () => {
    const out = keepLiveValues(payload(), live, [{ path: "/parameters/day", reason: "r" }, { path: "/tasks/c", reason: "r" }]);
    expect(out.parameters).toEqual([{ name: "region", default: "eu" }, { name: "day", default: "today" }]);
    expect((out.tasks as { task_key: string }[]).map((t) => t.task_key)).toEqual(["a", "b"]);
  });

  it("leaves the value out when the workspace has none, and never builds a block the payload does not send", () => {
    expect(keepLiveValues({ schedule: { quartz_cron_expression: "x", pause_status: "PAUSED" } }, {}, [{ path: "/schedule/pause_status", reason: "r" }])).toEqual({ schedule: { quartz_cron_expression: "x" } });
    // git dropped the schedule: a lone pause_status would not be a valid schedule.
    expect(keepLiveValues({ name: "n" }, live, [{ path: "/schedule/pause_status", reason: "r" }])).toEqual({ name: "n" });
  });

  it("does not modify its inputs", () => {
    const p = payload();
    keepLiveValues(p, live, [{ path: "/schedule/pause_status", reason: "r" }]);
    expect(p).toEqual(payload());
  });
});

describe("plan with ignore rules", () => {
  it("baseline: an unchanged job plans as no-op, and the operator's edits show without rules", () => {
    expect(plan([liveJob("orders", "1"), liveJob("returns", "2")], undefined).summary).toEqual({ create: 0, update: 0, delete: 0, no_op: 2 });
    const p = plan([liveJob("orders", "1", pauseAndRaise), liveJob("returns", "2")], undefined);
    expect(p.changes.find((c) => c.key === "orders")?.fields.map((f) => f.path)).toEqual(["/max_concurrent_runs", "/schedule/pause_status"]);
    expect(ignoredNotes(p)).toEqual([]);
  });

  it("leaves owned fields out of the diff and says so once per rule", () => {
    const p = plan([liveJob("orders", "1", pauseAndRaise), liveJob("returns", "2", pauseAndRaise)], RULES);
    const orders = p.changes.find((c) => c.key === "orders");
    expect(orders?.action).toBe("no-op");
    expect(orders?.fields).toEqual([]);
    // The rules name orders only: the same edits on returns are still drift.
    expect(p.changes.find((c) => c.key === "returns")?.fields.map((f) => f.path)).toEqual(["/max_concurrent_runs", "/schedule/pause_status"]);
    expect(ignoredNotes(p)).toEqual(["ignored /schedule/pause_status on orders: operators pause schedules during incidents", "ignored /max_concurrent_runs on orders: on-call raises concurrency to catch up"]);
  });

  it("lists every job a rule touched in its one note", () => {
    const rule: IgnoreRule = { path: "/schedule/pause_status", reason: "incidents" };
    const p = plan([liveJob("orders", "1", pauseAndRaise), liveJob("returns", "2", pauseAndRaise)], [rule]);
    expect(ignoredNotes(p)).toEqual(["ignored /schedule/pause_status on orders, returns: incidents"]);
  });

  it("does not count an operator's edit of an owned field as a change of the live fingerprint", () => {
    const before = plan([liveJob("orders", "1"), liveJob("returns", "2")], RULES).changes.find((c) => c.key === "orders");
    const after = plan([liveJob("orders", "1", pauseAndRaise), liveJob("returns", "2")], RULES).changes.find((c) => c.key === "orders");
    expect(after?.fingerprint).toBe(before?.fingerprint);
    // Any other edit still moves it.
    const renamed = plan([liveJob("orders", "1", (s) => (s.name = "Other")), liveJob("returns", "2")], RULES).changes.find((c) => c.key === "orders");
    expect(renamed?.fingerprint).not.toBe(before?.fingerprint);
  });

  it("still plans git's other changes to a field around an owned one", () => {
    const jobs = { orders: JOB.replace("0 30 2 * * ?", "0 0 4 * * ?"), returns: JOB.replace("Orders", "Returns") };
    const orders = plan([liveJob("orders", "1", pauseAndRaise), liveJob("returns", "2")], RULES, jobs).changes.find((c) => c.key === "orders");
    expect(orders?.action).toBe("update");
    expect(orders?.fields).toEqual([{ op: "replace", path: "/schedule/quartz_cron_expression", before: "0 30 2 * * ?", after: "0 0 4 * * ?" }]);
    expect(orders?.update).toEqual({ fields: ["schedule"], tasks: [], job_clusters: [], fields_to_remove: [] });
    expect(orders?.risks).toEqual([]);
  });

  it("reaches into tasks by task_key", () => {
    const live = liveJob("orders", "1", (s) => ((s.tasks as Record<string, unknown>[])[0] as Record<string, unknown>).timeout_seconds = 1800);
    const rule: IgnoreRule = { path: "/tasks/load/timeout_seconds", jobs: ["orders"], reason: "tuned by on-call" };
    expect(plan([live, liveJob("returns", "2")], [rule]).changes.find((c) => c.key === "orders")?.action).toBe("no-op");
    expect(plan([live, liveJob("returns", "2")], undefined).changes.find((c) => c.key === "orders")?.fields.map((f) => f.path)).toEqual(["/tasks/load/timeout_seconds"]);
  });

  it("does not touch creates: a new job takes every value from git", () => {
    const jobs = { orders: JOB.replace("max_concurrent_runs: 1", "max_concurrent_runs: 3").replace("UNPAUSED", "PAUSED"), returns: JOB };
    const p = plan([], RULES, jobs);
    const orders = p.changes.find((c) => c.key === "orders");
    expect(orders?.action).toBe("create");
    expect(orders?.fields.find((f) => f.path === "/max_concurrent_runs")?.after).toBe(3);
    expect(orders?.fields.find((f) => f.path === "/schedule")?.after).toMatchObject({ pause_status: "PAUSED" });
    expect(ignoredNotes(p)).toEqual([]);
  });

  it("makes no note for a rule that matched nothing", () => {
    const p = plan([liveJob("orders", "1"), liveJob("returns", "2")], [{ path: "/trigger/pause_status", reason: "never set" }]);
    expect(p.summary.no_op).toBe(2);
    expect(ignoredNotes(p)).toEqual([]);
  });
});

describe("validate ignore rules", () => {
  const yaml = (rules: string) => `project: ${PROJECT}\nignore:\n${rules}`;
  const diagnostics = (rules: string) => checked(yaml(rules)).all.filter((d) => d.file === "jobform.yaml");

  it("accepts well-formed rules", () => {
    expect(diagnostics("  - { path: /schedule/pause_status, jobs: [orders, 're*'], reason: incidents }\n  - { path: '/tasks/*/timeout_seconds', reason: tuning }\n")).toEqual([]);
  });

  it("rejects a path that is not a pointer, and a rule without a reason", () => {
    const ds = diagnostics("  - { path: schedule.pause_status, reason: incidents }\n  - { path: /max_concurrent_runs }\n  - { path: /x, reason: '  ' }\n");
    expect(ds.map((d) => [d.severity, d.path, d.line])).toEqual([
      ["error", "/ignore/0/path", 3],
      ["error", "/ignore/1", 4],
      ["error", "/ignore/2/reason", 5],
    ]);
  });

  it("warns (JF010) at each job pattern that names no job", () => {
    const ds = diagnostics("  - path: /schedule/pause_status\n    jobs: [orders, sales-*]\n    reason: incidents\n");
    expect(ds).toEqual([
      {
        severity: "warning",
        code: "JF010",
        message: 'ignore rule for /schedule/pause_status: "sales-*" names no job in jobs/ (known: orders, returns), so it ignores nothing there',
        file: "jobform.yaml",
        line: 4,
        column: 20,
        path: "/ignore/0/jobs/1",
      },
    ]);
  });
});

describe("ignore rules and the ownership tags", () => {
  it("refuses a rule that would hand the ownership tags to operators", async () => {
    const { ignoreRuleWarnings } = await import("../../src/core/validate.js");
    const { loadFile } = await import("../../src/core/load.js");
    const text = "project: p\nignore:\n  - { path: /tags/jobform_key, reason: x }\n  - { path: /tags, reason: y }\n  - { path: /tags/team, reason: fine }\n";
    const doc = loadFile({ path: "jobform.yaml", bytes: Buffer.from(text) }).document;
    const ds = ignoreRuleWarnings(doc, ["a"]);
    expect(ds.map((d) => [d.severity, d.line, d.path])).toEqual([
      ["error", 3, "/ignore/0/path"],
      ["error", 4, "/ignore/1/path"],
    ]);
  });
});
