import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { call, createJob, getSettings, nb, ok, workspace } from "./helpers.js";
import { loadState, snapshot } from "../../src/emulator/persistence.js";
import { writeFileSync } from "node:fs";
import { stringifyJson } from "../../src/lib/json.js";
import type { Workspace } from "../../src/emulator/state.js";
import { issueToken } from "../../src/emulator/auth.js";

const DEFINITION = {
  spark_version: { type: "fixed", value: "15.4.x-scala2.12" },
  node_type_id: { type: "allowlist", values: ["i3.xlarge", "i3.2xlarge"], defaultValue: "i3.xlarge" },
  "autoscale.max_workers": { type: "range", maxValue: 8, isOptional: true },
  "custom_tags.team": { type: "unlimited", defaultValue: "data", isOptional: true },
  "custom_tags.cost_center": { type: "fixed", value: "cc-1" },
  instance_pool_id: { type: "forbidden" },
  "init_scripts.*.workspace.destination": { type: "regex", pattern: "/Shared/init/.*" },
};

function policy(ws: Workspace, name = "Jobs small", definition: unknown = DEFINITION): string {
  return ok<{ policy_id: string }>(call(ws, "POST", "/api/2.0/policies/clusters/create", { name, definition: JSON.stringify(definition) })).policy_id;
}

const job = (cluster: Record<string, unknown>) => ({ name: "j", tasks: [nb("a", { job_cluster_key: "c" })], job_clusters: [{ job_cluster_key: "c", new_cluster: cluster }] });

describe("cluster policies API", () => {
  it("create, get, list, edit, delete", () => {
    const ws = workspace();
    const id = policy(ws);
    expect(id).toMatch(/^[0-9A-F]{16}$/);
    const got = ok(call(ws, "GET", `/api/2.0/policies/clusters/get?policy_id=${id}`));
    expect(got).toMatchObject({ policy_id: id, name: "Jobs small", creator_user_name: "me@example.com", is_default: false });
    expect(JSON.parse(got.definition as string)).toEqual(DEFINITION);
    const other = policy(ws, "Another", { num_workers: { type: "range", maxValue: 2 } });
    expect(ok<{ policies: Array<{ name: string }> }>(call(ws, "GET", "/api/2.0/policies/clusters/list?sort_column=POLICY_NAME&sort_order=ASC")).policies.map((p) => p.name)).toEqual(["Another", "Jobs small"]);
    ok(call(ws, "POST", "/api/2.0/policies/clusters/edit", { policy_id: other, name: "Renamed", definition: "{}" }));
    expect(ok(call(ws, "GET", `/api/2.0/policies/clusters/get?policy_id=${other}`))).toMatchObject({ name: "Renamed", definition: "{}" });
    ok(call(ws, "POST", "/api/2.0/policies/clusters/delete", { policy_id: other }));
    expect(call(ws, "GET", `/api/2.0/policies/clusters/get?policy_id=${other}`)).toMatchObject({ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
    expect(ok(call(ws, "GET", "/api/2.0/policies/clusters/list")).policies).toHaveLength(1);
  });

  it("refuses a duplicate name, a definition that is not JSON text, and a create without a name", () => {
    const ws = workspace();
    policy(ws);
    expect(call(ws, "POST", "/api/2.0/policies/clusters/create", { name: "Jobs small", definition: "{}" })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(call(ws, "POST", "/api/2.0/policies/clusters/create", { name: "x", definition: { a: 1 } })).toMatchObject({ status: 400 });
    expect(call(ws, "POST", "/api/2.0/policies/clusters/create", { name: "x", definition: "{nope" })).toMatchObject({ status: 400 });
    expect(call(ws, "POST", "/api/2.0/policies/clusters/create", { definition: "{}" })).toMatchObject({ status: 400, body: { message: "Missing required field: name" } });
  });

  it("only admins write policies; anyone reads them", () => {
    const ws = workspace({ principals: ["user:bob@example.com"] });
    const id = policy(ws);
    const bob = issueToken(ws, { kind: "user", name: "bob@example.com" });
    expect(call(ws, "POST", "/api/2.0/policies/clusters/create", { name: "mine", definition: "{}" }, bob)).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED" } });
    expect(call(ws, "POST", "/api/2.0/policies/clusters/delete", { policy_id: id }, bob).status).toBe(403);
    expect(call(ws, "GET", `/api/2.0/policies/clusters/get?policy_id=${id}`, undefined, bob).status).toBe(200);
  });

  it("policy families: a few built-ins, paged, and a policy made from one inherits its definition with overrides", () => {
    const ws = workspace();
    const page = ok<{ policy_families: Array<{ policy_family_id: string }>; next_page_token?: string }>(call(ws, "GET", "/api/2.0/policy-families?max_results=2"));
    expect(page.policy_families.map((f) => f.policy_family_id)).toEqual(["job-cluster", "personal-vm"]);
    const rest = ok<{ policy_families: Array<{ policy_family_id: string }>; next_page_token?: string }>(call(ws, "GET", `/api/2.0/policy-families?max_results=2&page_token=${page.next_page_token ?? ""}`));
    expect(rest.policy_families.map((f) => f.policy_family_id)).toEqual(["power-user", "shared-compute"]);
    expect(rest.next_page_token).toBeUndefined();
    expect(ok(call(ws, "GET", "/api/2.0/policy-families/job-cluster")).name).toBe("Job Compute");
    const id = ok<{ policy_id: string }>(call(ws, "POST", "/api/2.0/policies/clusters/create", { name: "jobs", policy_family_id: "job-cluster", policy_family_definition_overrides: JSON.stringify({ num_workers: { type: "range", maxValue: 3 } }) })).policy_id;
    const def = JSON.parse(ok(call(ws, "GET", `/api/2.0/policies/clusters/get?policy_id=${id}`)).definition as string);
    expect(def.cluster_type).toEqual({ type: "fixed", value: "job" });
    expect(def.num_workers).toEqual({ type: "range", maxValue: 3 });
  });
});

describe("cluster policies on job writes", () => {
  it("a cluster breaking its policy is refused with the service's 400 naming every broken attribute", () => {
    const ws = workspace();
    const id = policy(ws);
    const r = call(ws, "POST", "/api/2.2/jobs/create", job({ policy_id: id, spark_version: "14.3.x-scala2.12", node_type_id: "r5.24xlarge", autoscale: { min_workers: 1, max_workers: 20 }, custom_tags: { cost_center: "cc-9" }, init_scripts: [{ workspace: { destination: "/Users/me/x.sh" } }] }));
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error_code: "INVALID_PARAMETER_VALUE",
      message:
        'Cluster validation error: Validation failed for spark_version, the value must be 15.4.x-scala2.12 (is "14.3.x-scala2.12"); node_type_id, the value must be one of [i3.xlarge, i3.2xlarge] (is "r5.24xlarge"); autoscale, max_workers must be at most 8 (is 20); custom_tags, cost_center must be cc-1 (is "cc-9"); init_scripts, 0, workspace, destination must match the regex /Shared/init/.* (is "/Users/me/x.sh")',
    });
    expect(ws.jobs.size).toBe(0);
    expect(call(ws, "POST", "/api/2.2/jobs/create", job({ policy_id: id, node_type_id: "i3.xlarge", instance_pool_id: "p" })).body).toMatchObject({ message: expect.stringContaining("instance_pool_id, the value must not be set") });
  });

  it("fixed values are written into the stored cluster; defaults only with apply_policy_default_values, which is not echoed", () => {
    const ws = workspace();
    const id = policy(ws);
    const plain = createJob(ws, job({ policy_id: id, node_type_id: "i3.2xlarge", num_workers: 1 }));
    const c1 = (getSettings(ws, plain).job_clusters as Array<{ new_cluster: Record<string, unknown> }>)[0]?.new_cluster;
    expect(c1).toMatchObject({ spark_version: "15.4.x-scala2.12", custom_tags: { cost_center: "cc-1" } });
    expect(c1?.custom_tags).not.toHaveProperty("team");
    const defaults = createJob(ws, job({ policy_id: id, apply_policy_default_values: true, num_workers: 1 }));
    const c2 = (getSettings(ws, defaults).job_clusters as Array<{ new_cluster: Record<string, unknown> }>)[0]?.new_cluster;
    expect(c2).toMatchObject({ node_type_id: "i3.xlarge", custom_tags: { team: "data", cost_center: "cc-1" } });
    expect(c2).not.toHaveProperty("apply_policy_default_values");
    // Without the defaults, an allowlisted attribute is required.
    expect(call(ws, "POST", "/api/2.2/jobs/create", job({ policy_id: id, num_workers: 1 })).body).toMatchObject({ message: "Cluster validation error: Validation failed for node_type_id, the value is required" });
  });

  it("reset and update are checked too, update on the merged settings; a task's own new_cluster and runs/submit as well", () => {
    const ws = workspace();
    const id = policy(ws);
    const jobId = createJob(ws, job({ policy_id: id, node_type_id: "i3.xlarge", num_workers: 1 }));
    const bad = { job_clusters: [{ job_cluster_key: "c", new_cluster: { policy_id: id, node_type_id: "x" } }] };
    expect(call(ws, "POST", "/api/2.2/jobs/update", { job_id: Number(jobId), new_settings: bad }).status).toBe(400);
    expect(call(ws, "POST", "/api/2.2/jobs/reset", { job_id: Number(jobId), new_settings: { ...job({}), ...bad } }).status).toBe(400);
    expect(call(ws, "POST", "/api/2.2/jobs/update", { job_id: Number(jobId), new_settings: { name: "renamed" } }).status).toBe(200);
    const task = { name: "t", tasks: [nb("a", { new_cluster: { policy_id: id, node_type_id: "i3.xlarge", spark_version: "13.3.x-scala2.12", num_workers: 1 } })] };
    expect(call(ws, "POST", "/api/2.2/jobs/create", task).status).toBe(400);
    expect(call(ws, "POST", "/api/2.2/jobs/runs/submit", { run_name: "r", tasks: task.tasks })).toMatchObject({ status: 400, body: { message: expect.stringContaining("spark_version, the value must be 15.4.x-scala2.12") } });
  });

  it("a policy id the workspace does not have leaves the cluster alone", () => {
    const ws = workspace();
    policy(ws);
    expect(call(ws, "POST", "/api/2.2/jobs/create", job({ policy_id: "NOPE", num_workers: 1 })).status).toBe(200);
  });

  it("policies survive a restart through --state", () => {
    const ws = workspace();
    const id = policy(ws);
    const dir = mkdtempSync(join(tmpdir(), "jf-policy-"));
    try {
      const file = join(dir, "state.json");
      writeFileSync(file, stringifyJson(snapshot(ws)));
      const again = workspace();
      expect(loadState(again, file)).toBe(true);
      expect(ok(call(again, "GET", `/api/2.0/policies/clusters/get?policy_id=${id}`)).name).toBe("Jobs small");
      expect(policy(again, "Second")).not.toBe(id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
