// Cluster policies end to end against the emulator: jobs whose clusters break three kinds of rule fail plan
// with located errors and are not written by apply (the others are); fixed, they plan clean; and the values
// the policy writes into the stored clusters are not drift.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, ROOT } from "../support/cli.js";
import { cliAgainst, emulator, requestLog } from "../support/emulator.js";
import { api, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const POLICY = {
  spark_version: { type: "fixed", value: "15.4.x-scala2.12" },
  node_type_id: { type: "allowlist", values: ["i3.xlarge", "i3.2xlarge"] },
  "autoscale.max_workers": { type: "range", maxValue: 8, isOptional: true },
  "custom_tags.cost_center": { type: "fixed", value: "cc-1" },
  "spark_conf.spark.databricks.io.cache.enabled": { type: "fixed", value: "true" },
};

/** A job file with one job cluster under the policy; `cluster` lines go inside new_cluster. */
const jobFile = (name: string, cluster: string[]) =>
  [
    `name: ${name}`,
    "tasks:",
    "  - task_key: main",
    "    job_cluster_key: c",
    `    notebook_task: { notebook_path: /Shared/${name} }`,
    "job_clusters:",
    "  - job_cluster_key: c",
    "    new_cluster:",
    '      policy_id: "${var.policy_id}"',
    ...cluster.map((l) => `      ${l}`),
    "",
  ].join("\n");

const BROKEN: Record<string, string[]> = {
  pinned: ["spark_version: 14.3.x-scala2.12", "node_type_id: i3.xlarge", "num_workers: 1"],
  "big-node": ["node_type_id: r5.24xlarge", "num_workers: 1"],
  wide: ["node_type_id: i3.xlarge", "autoscale: { min_workers: 1, max_workers: 20 }"],
};
const FIXED: Record<string, string[]> = {
  pinned: ["node_type_id: i3.xlarge", "num_workers: 1"],
  "big-node": ["node_type_id: i3.2xlarge", "num_workers: 1"],
  wide: ["node_type_id: i3.xlarge", "autoscale: { min_workers: 1, max_workers: 8 }"],
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-policy-"));
  mkdirSync(join(dir, "jobs"));
  writeFileSync(join(dir, "jobform.yaml"), "project: policy-e2e\nvariables:\n  policy_id: { description: the cluster policy of every job cluster }\n");
  writeFileSync(join(dir, "jobs", "fine.yaml"), jobFile("fine", ["node_type_id: i3.xlarge", "num_workers: 1"]));
  for (const [key, lines] of Object.entries(BROKEN)) writeFileSync(join(dir, "jobs", `${key}.yaml`), jobFile(key, lines));
  return dir;
}

/** 1-based line and column of `text` in the job file. */
function at(dir: string, key: string, text: string): string {
  const lines = readFileSync(join(dir, "jobs", `${key}.yaml`), "utf8").split("\n");
  const i = lines.findIndex((l) => l.includes(text));
  return `jobs/${key}.yaml:${i + 1}:${(lines[i] as string).indexOf(text) + 1}`;
}

const jobWritten = async (e: RunningEmulator) => (await requestLog(e)).filter((q) => q.method === "POST" && /\/jobs\/(create|reset|update)$/.test(q.path));

describe("cluster policies", () => {
  it("three broken rule kinds fail plan at their lines; apply writes only the compliant job; fixed, plan passes and the policy's values are not drift", async () => {
    emu = await emulator();
    const made = await api(emu, "POST", "/api/2.0/policies/clusters/create", { name: "Jobs small", definition: JSON.stringify(POLICY) });
    const policyId = String(made.policy_id);
    const dir = project();
    const jf = (args: string[]) => cliAgainst(emu as RunningEmulator, ["--dir", dir, "--var", `policy_id=${policyId}`, ...args]);

    const plan = await jf(["plan", "--format", "json"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`${at(dir, "pinned", "14.3.x-scala2.12")}: error JF075`);
    expect(plan.stderr).toContain(`${at(dir, "big-node", "r5.24xlarge")}: error JF075`);
    expect(plan.stderr).toContain(`${at(dir, "wide", "20")}: error JF075`);
    const json = JSON.parse(plan.stdout) as { errors: Array<Record<string, unknown>> };
    const { Ajv } = await import("ajv");
    const valid = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, "schemas", "plan.schema.json"), "utf8")) as object);
    expect(valid(json), JSON.stringify(valid.errors)).toBe(true);
    const errors = json.errors;
    expect(errors.map((e) => [e.code, e.key, e.rule, e.attribute, e.cluster, e.policy_name])).toEqual([
      ["cluster-policy", "big-node", "allowlist", "node_type_id", 'job cluster "c"', "Jobs small"],
      ["cluster-policy", "pinned", "fixed", "spark_version", 'job cluster "c"', "Jobs small"],
      ["cluster-policy", "wide", "range", "autoscale.max_workers", 'job cluster "c"', "Jobs small"],
    ]);
    expect(plan.stderr).toContain("jobform: big-node, pinned, wide break the cluster policy named above; apply refuses those jobs");
    // One read of the policy however many clusters name it.
    expect((await requestLog(emu)).filter((q) => q.path === "/api/2.0/policies/clusters/get")).toHaveLength(1);

    const apply = await jf(["apply", "--auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("big-node, pinned, wide: not written, they break a cluster policy");
    const writes = await jobWritten(emu);
    expect(writes.map((w) => (w.body as { name?: string }).name)).toEqual(["fine"]);
    expect(writes.every((w) => w.status === 200)).toBe(true);

    for (const [key, lines] of Object.entries(FIXED)) writeFileSync(join(dir, "jobs", `${key}.yaml`), jobFile(key, lines));
    const again = await jf(["plan"]);
    expect(again.stderr).not.toContain("JF075");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Plan: 3 to create, 0 to update, 0 to delete.");
    const applied = await jf(["apply", "--auto-approve"]);
    expect(applied.code).toBe(0);

    // The service wrote the policy's fixed values into every stored cluster; git never names them.
    const stored = (await storedJobs(emu)).map((j) => (j.settings.job_clusters as Array<{ new_cluster: Record<string, unknown> }>)[0]?.new_cluster);
    expect(stored).toHaveLength(4);
    for (const c of stored) expect(c).toMatchObject({ spark_version: "15.4.x-scala2.12", custom_tags: { cost_center: "cc-1" }, spark_conf: { "spark.databricks.io.cache.enabled": "true" } });
    const drift = await jf(["drift"]);
    expect(drift.stdout + drift.stderr).not.toContain("spark.databricks.io.cache.enabled");
    expect(drift.code).toBe(0);
  }, 120_000);

  it("a policy id the workspace does not have is a located JF076 error", async () => {
    emu = await emulator();
    const dir = project();
    const r = await cliAgainst(emu, ["--dir", dir, "--var", "policy_id=NOPE", "plan"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${at(dir, "fine", "\"${var.policy_id}\"")}: error JF076`);
    expect(r.stderr).toContain("cluster policy NOPE does not exist");
  }, 120_000);
});
