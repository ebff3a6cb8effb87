import { describe, expect, it } from "vitest";
import { loadSchemas } from "../../src/cli/schemas.js";
import { checkProject } from "../../src/core/project.js";
import { resolveConfig } from "../../src/databricks/config.js";

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
const project = (targets: string) =>
  [
    file("jobform.yaml", `project: acme\ntargets:\n${targets}`),
    file("jobs/etl.yaml", "name: ETL\ntasks: [{ task_key: t, notebook_task: { notebook_path: /n } }]\npermissions:\n  - { user_name: ann@x.com, permission_level: CAN_MANAGE }\n"),
    file("jobs/own.yaml", "name: Own\nrun_as: { user_name: me@x.com }\ntasks: [{ task_key: t, notebook_task: { notebook_path: /n } }]\n"),
  ];

describe("per-target run_as and permissions", () => {
  it("go under every job: the job's own run_as and its own entry for a principal win", () => {
    const checked = checkProject(
      project(`  prod:\n    run_as: { service_principal_name: 9f0c-sp }\n    permissions:\n      - { group_name: ops, permission_level: CAN_MANAGE_RUN }\n      - { user_name: ann@x.com, permission_level: CAN_VIEW }\n`),
      { target: "prod", vars: {}, env: {} },
      loadSchemas(),
    );
    expect(checked.all.filter((d) => d.severity === "error")).toEqual([]);
    const jobs = Object.fromEntries(checked.resolved.jobs.map((j) => [j.key, j.document]));
    expect(jobs.etl?.run_as).toEqual({ service_principal_name: "9f0c-sp" });
    expect(jobs.own?.run_as).toEqual({ user_name: "me@x.com" });
    expect(jobs.etl?.permissions).toEqual([
      { group_name: "ops", permission_level: "CAN_MANAGE_RUN" },
      { user_name: "ann@x.com", permission_level: "CAN_MANAGE" },
    ]);
    expect(jobs.own?.permissions).toEqual([
      { group_name: "ops", permission_level: "CAN_MANAGE_RUN" },
      { user_name: "ann@x.com", permission_level: "CAN_VIEW" },
    ]);
  });
  it("a mistake in them is reported at the target's line in jobform.yaml", () => {
    const checked = checkProject(project(`  prod:\n    permissions:\n      - { group_name: ops, permission_level: CAN_EAT }\n`), { target: "prod", vars: {}, env: {} }, loadSchemas());
    const errors = checked.all.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.file === "jobform.yaml" && d.line === 5)).toBe(true);
  });
});

describe("per-target profile", () => {
  const configFileText = "[DEFAULT]\nhost = https://default.example.com\ntoken = d\n\n[PROD]\nhost = https://prod.example.com\ntoken = p\n";
  it("is used when neither --profile nor DATABRICKS_CONFIG_PROFILE names one", () => {
    expect(resolveConfig({ env: {}, configFileText, targetProfile: "PROD" }).host).toBe("https://prod.example.com");
    expect(resolveConfig({ env: {}, configFileText, targetProfile: "PROD", flags: { profile: "DEFAULT" } }).host).toBe("https://default.example.com");
    expect(resolveConfig({ env: { DATABRICKS_CONFIG_PROFILE: "DEFAULT" }, configFileText, targetProfile: "PROD" }).host).toBe("https://default.example.com");
  });
  it("a target profile missing from the file is named as the target's", () => {
    expect(() => resolveConfig({ env: {}, configFileText, targetProfile: "STAGE" })).toThrow(`profile "STAGE" is not in ~/.databrickscfg (from the target's profile in jobform.yaml)`);
  });
});
