import { describe, expect, it } from "vitest";
import { derivedValueNote, evaluateRules } from "../../../src/core/project-rules/evaluate.js";
import type { RuleSubject } from "../../../src/core/project-rules/evaluate.js";
import { isRuleFindingCode, projectRules, ruleHolds } from "../../../src/core/project-rules/rules.js";

/** A job whose every value is "written" at a line derived from its path, so locations can be asserted. */
function subject(key: string, document: Record<string, unknown>): RuleSubject {
  return { key, file: `jobs/${key}.yaml`, document, locate: (segments) => ({ file: `jobs/${key}.yaml`, line: segments.length + 1, column: 1, path: segments.length ? `/${segments.join("/")}` : "" }) };
}

describe("projectRules", () => {
  it("reads well-formed rules and drops what the schema refuses", () => {
    const rules = projectRules({
      policies: [
        { require_tags: ["team"], severity: "error", reason: " chargeback " },
        { max_workers: 4, max_concurrent_runs: 2, severity: "error", reason: "two kinds" },
        { require_timeout: true, severity: "fatal", reason: "bad severity" },
        { require_timeout: true, severity: "warning", reason: "scoped", targets: ["prod"], jobs: ["sales-*"] },
        "not a rule",
        { max_workers: "ten", severity: "error", reason: "a string" },
        { require_owner: "robot", severity: "error", reason: "no such kind" },
        { require_tags: [], severity: "error", reason: "empty" },
        { require_timeout: false, severity: "error", reason: "false" },
      ],
    });
    expect(rules).toEqual([
      { index: 0, kind: "require_tags", value: ["team"], severity: "error", reason: "chargeback" },
      { index: 3, kind: "require_timeout", value: true, severity: "warning", reason: "scoped", targets: ["prod"], jobs: ["sales-*"] },
    ]);
    expect(ruleHolds(rules[1]!, "prod", "sales-load")).toBe(true);
    expect(ruleHolds(rules[1]!, "dev", "sales-load")).toBe(false);
    expect(ruleHolds(rules[1]!, "prod", "report")).toBe(false);
    expect(ruleHolds(rules[1]!, undefined, "sales-load")).toBe(false);
    expect(ruleHolds(rules[0]!, undefined, "report")).toBe(true);
  });

  it("reads none past the schema's limit, which reports the list instead", () => {
    const rule = { require_timeout: true, severity: "warning", reason: "r" };
    expect(projectRules({ policies: Array.from({ length: 200 }, () => rule) })).toHaveLength(200);
    expect(projectRules({ policies: Array.from({ length: 201 }, () => rule) })).toEqual([]);
  });

  it("knows its codes", () => {
    expect(isRuleFindingCode("JF100")).toBe(true);
    expect(isRuleFindingCode("JF108")).toBe(true);
    expect(isRuleFindingCode("JF109")).toBe(false);
    expect(isRuleFindingCode("JF020")).toBe(false);
  });
});

describe("evaluateRules at plan time", () => {
  const owner = projectRules({ policies: [{ require_owner: "service_principal", severity: "error", reason: "outlives people" }] });

  it("takes the deploying identity as the owner when permissions name none", () => {
    const job = subject("a", { name: "A" });
    expect(evaluateRules(owner, job, { target: "prod", deployer: "9f0621ee-b0c4-4a3b-9d7e-1b2c3d4e5f60" })).toEqual([]);
    const [d, ...rest] = evaluateRules(owner, job, { target: "prod", deployer: "jane@contoso.com" });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", code: "JF104", file: "jobs/a.yaml", line: 1 });
    expect(d?.message).toContain("the deploying identity jane@contoso.com becomes the owner");
    expect(d?.message).toContain("policies[0] require_owner: outlives people");
  });

  it("offline, an unnamed owner is a warning whatever the rule's severity", () => {
    expect(evaluateRules(owner, subject("a", { name: "A" }), { target: "prod" })).toMatchObject([{ severity: "warning", code: "JF104" }]);
  });

  it("a group or a user named as owner is reported at the principal", () => {
    const job = subject("a", { permissions: [{ group_name: "admins", permission_level: "CAN_MANAGE" }, { user_name: "jane@contoso.com", permission_level: "IS_OWNER" }] });
    expect(evaluateRules(owner, job, { target: "prod" })).toMatchObject([{ code: "JF104", path: "/permissions/1/user_name", line: 4 }]);
  });

  it("says when the offending value is the workspace's", () => {
    const rules = projectRules({ policies: [{ schedule_paused_in: ["dev"], severity: "error", reason: "by hand only" }] });
    const written = { schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "PAUSED" } };
    const live = { schedule: { ...written.schedule, pause_status: "UNPAUSED" } };
    const note = derivedValueNote(written, live, "the workspace's value");
    const [d] = evaluateRules(rules, subject("a", live), { target: "dev", note });
    expect(d).toMatchObject({ code: "JF105", path: "/schedule/pause_status" });
    expect(d?.message).toBe("schedule is UNPAUSED in target dev; it must be PAUSED here (the workspace's value) — policies[0] schedule_paused_in: by hand only");
    expect(evaluateRules(rules, subject("a", written), { target: "dev", note: derivedValueNote(written, written, "x") })).toEqual([]);
    expect(evaluateRules(rules, subject("a", live), { target: "prod" })).toEqual([]);
  });

  it("finds forbidden fields by name at any depth and by pointer with wildcards", () => {
    const rules = projectRules({ policies: [{ forbid: ["existing_cluster_id", "/job_clusters/*/new_cluster/spark_conf"], severity: "warning", reason: "r" }] });
    const job = subject("a", {
      tasks: [{ task_key: "x", existing_cluster_id: "1" }, { task_key: "y", for_each_task: { task: { task_key: "z", existing_cluster_id: "2" } } }],
      job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_conf: { a: "b" } } }],
    });
    expect(evaluateRules(rules, job, { target: undefined }).map((d) => d.path)).toEqual(["/tasks/0/existing_cluster_id", "/tasks/1/for_each_task/task/existing_cluster_id", "/job_clusters/0/new_cluster/spark_conf"]);
  });
});
