import { describe, expect, it } from "vitest";
import { heldBackJobs, staleReasons } from "../../../src/apply/guards.js";
import { developmentJob } from "../../../src/core/deployment.js";
import { planJobs } from "../../../src/core/plan.js";
import type { LiveJob, Plan } from "../../../src/core/plan-types.js";
import { gateJobs } from "../../../src/core/project-rules/plan-gate.js";
import { projectRules } from "../../../src/core/project-rules/rules.js";
import type { DesiredJob } from "../../../src/core/resolve.js";

const job = (key: string, document: Record<string, unknown>): DesiredJob => ({ key, file: `jobs/${key}.yaml`, document, locate: (segments) => ({ file: `jobs/${key}.yaml`, line: 3, column: 5, path: segments.length ? `/${segments.join("/")}` : "" }) });
const tagged = (key: string, settings: Record<string, unknown>) => ({ ...settings, tags: { ...(settings.tags as object), jobform_project: "p", jobform_key: key } });
const base = { tasks: [{ task_key: "a", notebook_task: { notebook_path: "/a" } }] };
const ctx = { target: "dev", deployer: "ci@contoso.com", development: false, ignore: [] };

describe("gateJobs", () => {
  const rules = projectRules({
    policies: [
      { schedule_paused_in: ["dev"], severity: "error", reason: "by hand in dev" },
      { require_tags: ["team"], severity: "warning", reason: "dashboards" },
    ],
  });

  it("holds back a job to create (no ids) and reports warnings without holding anything back", () => {
    const running = job("load", { ...base, schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" } });
    const { errors, findings } = gateJobs(rules, [{ written: running, deployed: running.document }, { written: job("calm", base), deployed: { ...base } }], ctx);
    expect(errors).toEqual([
      { code: "project-rule", key: "load", job_ids: [], message: "jobs/load.yaml:3:5: JF105 schedule is UNPAUSED in target dev; it must be PAUSED here — policies[0] schedule_paused_in: by hand in dev [load is left out of this plan]", file: "jobs/load.yaml", line: 3, column: 5 },
    ]);
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["error JF105", "warning JF100", "warning JF100"]);
  });

  it("sees the job as development mode deploys it", () => {
    const written = job("load", { ...base, tags: { team: "x" }, max_concurrent_runs: 1, schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC" } });
    const deployed = developmentJob(written.document, "load", "jane@contoso.com");
    expect(gateJobs(rules, [{ written, deployed }], { ...ctx, development: true })).toEqual({ errors: [], findings: [] });
    const narrow = projectRules({ policies: [{ max_concurrent_runs: 2, severity: "error", reason: "small warehouse" }] });
    const [e] = gateJobs(narrow, [{ written, deployed }], { ...ctx, development: true }).errors;
    expect(e?.message).toContain("max_concurrent_runs 4 is above the maximum of 2 (development mode sets it for target dev)");
  });

  it("takes the workspace's value only where ignore: leaves the field to operators", () => {
    const written = job("load", { ...base, tags: { team: "x" }, schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "PAUSED" } });
    const live = { jobId: "42", settings: { ...written.document, schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" } } };
    expect(gateJobs(rules, [{ written, deployed: written.document, live }], ctx).errors).toEqual([]);
    const ignore = [{ path: "/schedule/pause_status", reason: "operators" }];
    const [e] = gateJobs(rules, [{ written, deployed: written.document, live }], { ...ctx, ignore }).errors;
    expect(e).toMatchObject({ key: "load", job_ids: ["42"] });
    expect(e?.message).toContain("(the workspace's value, kept because ignore: leaves this field to operators)");
  });

  it("in development mode, a pause an operator lifted is the workspace's value even where git says UNPAUSED", () => {
    const schedule = { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" };
    const written = job("load", { ...base, tags: { team: "x" }, schedule });
    const deployed = developmentJob(written.document, "load", "jane@contoso.com");
    const live = { jobId: "42", settings: { ...deployed, schedule } };
    const ignore = [{ path: "/schedule/pause_status", reason: "operators" }];
    const [e] = gateJobs(rules, [{ written, deployed, live }], { ...ctx, development: true, ignore }).errors;
    expect(e?.message).toContain("schedule is UNPAUSED in target dev; it must be PAUSED here (the workspace's value, kept because ignore: leaves this field to operators)");
  });
});

describe("a held-back job in the plan", () => {
  const held = { code: "project-rule" as const, key: "load", job_ids: ["7"], message: "jobs/load.yaml:3:5: JF105 …" };
  const live: LiveJob[] = [
    { jobId: "7", settings: tagged("load", { name: "load", ...base }), permissions: [] },
    { jobId: "8", settings: tagged("other", { name: "other", ...base }), permissions: [] },
  ];
  const desired = [job("load", { name: "load", ...base, timeout_seconds: 60 }), job("other", { name: "other", ...base, timeout_seconds: 60 })];

  it("is neither planned nor deleted, even with --prune; warnings are notes", () => {
    const plan = planJobs(desired, live, { project: "p", prune: true, deployer: "me@contoso.com", rules: { errors: [held], warnings: ["warning jobs/other.yaml:1:1: JF100 …"] } });
    expect(plan.errors).toEqual([held]);
    expect(plan.changes.map((c) => [c.key, c.action])).toEqual([["other", "update"]]);
    expect(plan.resource_changes?.map((r) => r.name)).toEqual(["other"]);
    expect(plan.notes).toContain("warning jobs/other.yaml:1:1: JF100 …");
    const scoped = planJobs(desired, live, { project: "p", prune: false, deployer: "me@contoso.com", only: ["other"], rules: { errors: [held], warnings: [] } });
    expect(scoped.errors).toEqual([]);
  });

  it("does not make a saved plan stale, while other plan errors do", () => {
    const plan = (errors: Plan["errors"]): Plan => ({ format_version: 1, project: "p", target: "dev", host: null, changes: [], notes: [], errors, summary: { create: 0, update: 0, delete: 0, no_op: 0 } });
    expect(heldBackJobs(plan([held]))).toEqual([held]);
    expect(staleReasons(plan([held]), plan([held]))).toEqual([]);
    const duplicate = { code: "duplicate-tags" as const, key: "x", job_ids: ["1", "2"], message: "two jobs" };
    expect(heldBackJobs(plan([duplicate]))).toEqual([]);
    expect(staleReasons(plan([]), plan([duplicate, held]))).toEqual(["two jobs"]);
  });
});
