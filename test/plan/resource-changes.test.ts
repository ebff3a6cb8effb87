// The plan's `resource_changes` (issue #16): Terraform's JSON plan shape beside jobform's own model, so the
// policies users already run on Terraform plans read it. The example policy in docs/policy/jobs.rego is
// evaluated here by an equivalent function (conftest is run on it as well where it is installed).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan, ResourceChange } from "../../src/core/plan-types.js";
import { casesWith, CASES_DIR } from "../support/cases.js";

const plans = casesWith("plan.json").filter((n) => n.startsWith("plan-"));
const planOf = (name: string) => JSON.parse(readFileSync(join(CASES_DIR, name, "plan.json"), "utf8")) as Plan;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** docs/policy/jobs.rego, rule for rule. */
function deny(plan: Plan): string[] {
  const MAX_WORKERS = 4;
  const out: string[] = [];
  const jobs = (plan.resource_changes ?? []).filter((rc) => rc.type === "databricks_job");
  const written = jobs.filter((rc) => rc.change.actions.some((a) => a === "create" || a === "update"));
  for (const rc of written) {
    const after = obj(rc.change.after);
    const clusters = [
      ...list(after.job_clusters).map((jc) => ({ where: `job cluster ${String(jc.job_cluster_key)}`, spec: jc.new_cluster })),
      ...list(after.tasks).filter((t) => t.new_cluster !== undefined).map((t) => ({ where: `task ${String(t.task_key)}`, spec: t.new_cluster })),
    ];
    for (const c of clusters) {
      const spec = obj(c.spec);
      const workers = Number(spec.num_workers ?? obj(spec.autoscale).max_workers ?? 0);
      if (workers > MAX_WORKERS) out.push(`${rc.address}: ${c.where} asks for ${workers} workers, at most ${MAX_WORKERS}`);
    }
  }
  for (const rc of jobs) if ((rc.change.actions as string[]).includes("delete")) out.push(`${rc.address}: deleting a job needs a reviewed exception`);
  for (const rc of written) {
    const schedule = obj(rc.change.after).schedule;
    if (schedule === undefined || schedule === null) continue;
    const was = obj(obj(rc.change.before).schedule).pause_status ?? "UNPAUSED";
    if ((obj(schedule).pause_status ?? "UNPAUSED") === "UNPAUSED" && was === "PAUSED") out.push(`${rc.address}: the schedule is un-paused`);
  }
  return out.sort();
}

describe("resource_changes", () => {
  it("has one Terraform-shaped entry per job change, with the same action", () => {
    for (const name of plans) {
      const plan = planOf(name);
      const rcs = plan.resource_changes ?? [];
      expect(rcs.map((rc) => [rc.address, rc.type, rc.name, rc.change.actions]), name).toEqual(plan.changes.map((c) => [`databricks_job.${c.key}`, "databricks_job", c.key, [c.action]]));
      for (const rc of rcs) {
        const action = rc.change.actions[0];
        expect(rc.change.before === null, `${name} ${rc.address}`).toBe(action === "create");
        expect(rc.change.after === null, `${name} ${rc.address}`).toBe(action === "delete");
        expect(rc.change.after_unknown).toEqual(action === "create" ? { id: true } : {});
      }
    }
  });
  it("gives the settings in the API's shape, the definition's spelling after, the workspace's before", () => {
    const rc = planOf("plan-user-spelling").resource_changes?.[0] as ResourceChange;
    const cluster = (s: unknown) => obj(list(obj(s).job_clusters)[0]?.new_cluster).data_security_mode;
    const branch = (s: unknown) => obj(obj(s).git_source).git_branch;
    // The workspace's side as import writes it: the SINGLE_USER the service fills in is left out there.
    expect([cluster(rc.change.before), cluster(rc.change.after)]).toEqual([undefined, "USER_ISOLATION"]);
    expect([branch(rc.change.before), branch(rc.change.after)]).toEqual(["release-2024-11", "release-2024-12"]);
    expect(obj(rc.change.after).id).toBe("7003");
  });
  it("masks secrets as the rest of the JSON plan does", () => {
    const text = readFileSync(join(CASES_DIR, "plan-secret-is-masked", "plan.json"), "utf8");
    for (const secret of ["hunter3", "tok-live-2", "ghp_abc123secret", "plain-token-2"]) expect(text).not.toContain(secret);
    expect(JSON.stringify(planOf("plan-secret-is-masked").resource_changes)).toContain("(sensitive)");
  });
});

describe("the example policy (docs/policy/jobs.rego)", () => {
  it("denies too many workers, a delete and an un-paused schedule, and lets safe plans through", () => {
    const denied = Object.fromEntries(plans.map((name) => [name, deny(planOf(name))] as const).filter(([, d]) => d.length > 0));
    expect(denied).toEqual({
      "plan-delete-needs-prune": ["databricks_job.legacy_export: deleting a job needs a reviewed exception"],
      "plan-nested-change": ["databricks_job.report: task load asks for 8 workers, at most 4"],
      "plan-risk-flags": ["databricks_job.payments: task settle asks for 8 workers, at most 4", "databricks_job.payments: the schedule is un-paused"],
    });
  });
  const conftest = spawnSync("conftest", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!conftest)("conftest gives the same verdicts", () => {
    for (const name of plans) {
      const r = spawnSync("conftest", ["test", "--no-color", "-o", "json", "-p", join(CASES_DIR, "../../docs/policy"), join(CASES_DIR, name, "plan.json")], { encoding: "utf8" });
      const failures = (JSON.parse(r.stdout) as { failures?: { msg: string }[] }[]).flatMap((f) => (f.failures ?? []).map((x) => x.msg)).sort();
      expect(failures, name).toEqual(deny(planOf(name)));
    }
  });
});
