import { describe, expect, it } from "vitest";
import { deploymentName, developmentJob, developmentTagOverflow, legacyClaimant, ownerOf, targetSettings, userShortName } from "../../src/core/deployment.js";
import { ownershipOf } from "../../src/core/ownership.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob } from "../../src/core/plan-types.js";
import type { DesiredJob } from "../../src/core/resolve.js";

const tags = (deployment: string | undefined, key: string, project = "acme") => ({ jobform_project: project, jobform_key: key, ...(deployment === undefined ? {} : { jobform_deployment: deployment }) });

describe("ownershipOf with deployments", () => {
  const prod = { project: "acme", deployment: "prod" };
  it("tells this deployment's jobs from another deployment's and another project's", () => {
    expect(ownershipOf(tags("prod", "etl"), prod)).toEqual({ kind: "managed", key: "etl" });
    expect(ownershipOf(tags("dev", "etl"), prod)).toEqual({ kind: "other-deployment", deployment: "dev", key: "etl" });
    expect(ownershipOf(tags("prod", "etl", "other"), prod)).toEqual({ kind: "other-project", project: "other", key: "etl" });
    expect(ownershipOf({ team: "x" }, prod)).toEqual({ kind: "unmanaged" });
  });
  it("a job without the deployment tag is this deployment's only when it claims legacy jobs", () => {
    expect(ownershipOf(tags(undefined, "etl"), prod)).toEqual({ kind: "other-deployment", deployment: undefined, key: "etl" });
    expect(ownershipOf(tags(undefined, "etl"), { ...prod, claimsLegacy: true })).toEqual({ kind: "managed", key: "etl", legacy: true });
  });
  it("without a deployment (jobs list) every job of the project counts", () => {
    expect(ownershipOf(tags("dev", "etl"), "acme")).toEqual({ kind: "managed", key: "etl" });
  });
});

describe("target settings", () => {
  const project = { targets: { dev: { mode: "development" }, prod: { mode: "production", deployment: "live", branch: "main", profile: "PROD" } } };
  it("deployment defaults to the target name; development mode adds the user", () => {
    expect(targetSettings(project, "prod")).toEqual({ name: "prod", deployment: "live", mode: "production", branch: "main", profile: "PROD" });
    expect(deploymentName(targetSettings(project, "dev"), "Jane.Doe+x@contoso.com")).toBe("dev-jane.doe_x");
    expect(deploymentName(targetSettings(project, "prod"), "jane@contoso.com")).toBe("live");
    expect(targetSettings(undefined, undefined).deployment).toBe("default");
    expect(userShortName("a1b2c3d4-0000-4000-8000-000000000000")).toBe("a1b2c3d4-0000-4000-8000-000000000000");
  });
});

describe("which target migrates the jobs applied before deployments", () => {
  const A = "https://a.example.com";
  const B = "https://b.example.com";
  it("the target at this host; the default one where several share it; never a development-mode target", () => {
    const project = { targets: { dev: { host: A, mode: "development" }, test: { host: A }, stage: { host: A, default: true }, prod: { host: B } } };
    expect(legacyClaimant(project, A)).toBe("stage");
    expect(legacyClaimant(project, `${B}/`)).toBe("prod");
    // A host no target names (a --host override): the default target decides.
    expect(legacyClaimant(project, "http://127.0.0.1:1234")).toBe("stage");
  });
  it("the first in jobform.yaml when none at the host is the default; targets without host count everywhere", () => {
    expect(legacyClaimant({ targets: { one: { host: A }, two: {} } }, A)).toBe("one");
    expect(legacyClaimant({ targets: { one: { host: A }, two: {} } }, B)).toBe("two");
  });
  it("never two claimants for one workspace, whatever target plans it", () => {
    const project = { targets: { dev: { host: A, default: true }, prod: { host: A }, eu: { host: B }, mine: { host: A, mode: "development" }, shared: { host: B, deployment: "eu" } } };
    for (const host of [A, B, "http://127.0.0.1:9"]) {
      const claimants = Object.keys(project.targets).map((t) => ownerOf(project, "acme", t, host, "me@x.com")).filter((o) => o.claimsLegacy);
      expect(new Set(claimants.map((o) => o.deployment)).size, host).toBe(1);
    }
    // Two targets that are one deployment on purpose share its legacy jobs.
    expect(ownerOf(project, "acme", "shared", B, "me").claimsLegacy).toBe(true);
    expect(ownerOf(project, "acme", "mine", A, "me").claimsLegacy).toBe(false);
  });
});

function desired(key: string, name: string): DesiredJob {
  const document = { name, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/n" } }] };
  return { key, file: `jobs/${key}.yaml`, document, locate: () => ({ file: `jobs/${key}.yaml`, line: 1, column: 1, path: "" }) };
}
function live(id: string, key: string, name: string, t: Record<string, string>): LiveJob {
  return { jobId: id, settings: { name, tags: t, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/n" } }] }, permissions: [] };
}
const base = { project: "acme", prune: true, deployer: "me@x.com" };

describe("planJobs with deployments", () => {
  it("prod on a workspace holding dev's jobs creates prod's and leaves dev's alone, even with --prune", () => {
    const plan = planJobs([desired("etl", "ETL")], [live("1", "etl", "ETL", tags("dev", "etl")), live("2", "old", "Old", tags("dev", "old"))], { ...base, deployment: "prod" });
    expect(plan.changes.map((c) => [c.key, c.action])).toEqual([["etl", "create"]]);
    expect(plan.changes[0]?.fields.find((f) => f.path === "/tags")?.after).toEqual({ jobform_project: "acme", jobform_deployment: "prod", jobform_key: "etl" });
    expect(plan.notes).toContain('2 jobs of project acme belong to deployment "dev" (another target): left alone');
  });
  it("a legacy job is migrated by a tag-only update by the claimant, and left to it by the others", () => {
    const old = [live("1", "etl", "ETL", tags(undefined, "etl"))];
    const mine = planJobs([desired("etl", "ETL")], old, { ...base, deployment: "dev", claimsLegacy: true });
    expect(mine.changes).toHaveLength(1);
    expect(mine.changes[0]).toMatchObject({ action: "update", migrating: true, strategy: "update", update: { fields: ["tags"], tasks: [], job_clusters: [], fields_to_remove: [] } });
    expect(mine.changes[0]?.fields).toEqual([{ op: "add", path: "/tags/jobform_deployment", after: "dev" }]);
    expect(mine.notes.some((n) => n.startsWith("etl was applied before deployments existed"))).toBe(true);
    const theirs = planJobs([desired("etl", "ETL")], old, { ...base, deployment: "prod" });
    expect(theirs.changes.map((c) => c.action)).toEqual(["create"]);
    expect(theirs.notes.some((n) => n.includes("without a deployment tag belongs to another target"))).toBe(true);
  });
  it("a legacy job and a tagged job under one key are duplicates", () => {
    const plan = planJobs([desired("etl", "ETL")], [live("1", "etl", "ETL", tags(undefined, "etl")), live("2", "etl", "ETL", tags("dev", "etl"))], { ...base, deployment: "dev", claimsLegacy: true });
    expect(plan.errors.map((e) => e.job_ids)).toEqual([["1", "2"]]);
    expect(plan.errors[0]?.message).toContain("jobform_deployment=dev or none");
  });
});

describe("development mode's copy of a job", () => {
  it("is renamed, paused, allowed more runs and tagged dev; other fields untouched", () => {
    const job = { name: "Sales", schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" }, continuous: { pause_status: "UNPAUSED" }, max_concurrent_runs: 10, tags: { team: "x" }, timeout_seconds: 60 };
    expect(developmentJob(job, "sales", "Jane@x.com")).toEqual({
      name: "[dev jane] Sales",
      schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
      continuous: { pause_status: "PAUSED" },
      max_concurrent_runs: 10,
      tags: { team: "x", dev: "jane" },
      timeout_seconds: 60,
    });
    expect(developmentJob({ trigger: { periodic: { interval: 1, unit: "HOURS" } } }, "k", "bob")).toMatchObject({ name: "[dev bob] k", trigger: { pause_status: "PAUSED" }, max_concurrent_runs: 4 });
    const triggers = [{ periodic: { interval: 1, unit: "HOURS" }, pause_status: "UNPAUSED" }, { file_arrival: { url: "/Volumes/a/b/c/" } }];
    expect(developmentJob({ triggers }, "k", "bob").triggers).toEqual([{ periodic: { interval: 1, unit: "HOURS" }, pause_status: "PAUSED" }, { file_arrival: { url: "/Volumes/a/b/c/" }, pause_status: "PAUSED" }]);
  });
  it("a job whose tags leave no room for the dev tag is named", () => {
    const tags = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`t${i}`, "v"]));
    const jobs = [{ key: "full", document: developmentJob({ tags }, "full", "bob") }, { key: "ok", document: developmentJob({ tags: { a: "1" } }, "ok", "bob") }];
    expect(developmentTagOverflow(jobs)).toEqual(["full: 23 tags including development mode's dev tag; a job may carry 25 and jobform adds its 3 ownership tags, so at most 22: remove one of the job's own"]);
  });
});
