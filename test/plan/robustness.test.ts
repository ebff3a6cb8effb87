// The live side is whatever the workspace answers, including shapes no document describes: planning must
// never throw on it. Seeded random mutations of realistic jobs/get answers against the sample definitions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prng } from "../../src/lib/prng.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob } from "../../src/core/plan-types.js";
import { checkProject } from "../../src/core/project.js";
import { readProject } from "../../src/cli/read-project.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { CASES_DIR } from "../support/cases.js";
import { ROOT } from "../support/cli.js";


const ODD: unknown[] = [null, 0, -1, "", "UNKNOWN_ENUM", [], {}, [{}], { x: { y: [null] } }, true, 12345678901234567890n];

function mutate(value: unknown, r: () => number): unknown {
  const copy = structuredClone(value);
  for (let n = 0; n < 3; n++) {
    let node: unknown = copy;
    for (let depth = 0; depth < 6; depth++) {
      if (node === null || typeof node !== "object") break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[Math.floor(r() * keys.length)] as string;
      const child = (node as Record<string, unknown>)[key];
      if (r() < 0.3 || child === null || typeof child !== "object") {
        (node as Record<string, unknown>)[key] = structuredClone(ODD[Math.floor(r() * ODD.length)]);
        break;
      }
      node = child;
    }
  }
  return copy;
}

describe("planning never throws on odd live answers", () => {
  it("plans 300 mutated live states of realistic jobs", () => {
    const checked = checkProject(readProject(ROOT), { vars: {}, env: {} }, loadSchemas());
    const fixtures = JSON.parse(readFileSync(join(CASES_DIR, "plan-server-defaults-are-noop", "live.json"), "utf8")) as { jobs: LiveJob[] } | LiveJob[];
    const base = (Array.isArray(fixtures) ? fixtures : fixtures.jobs)[0] as LiveJob;
    const r = prng(7);
    for (let i = 0; i < 300; i++) {
      const job = checked.resolved.jobs[i % checked.resolved.jobs.length]!;
      const settings = mutate({ ...base.settings, tags: { jobform_project: "acme-data", jobform_key: job.key } }, r) as Record<string, unknown>;
      if (settings.tags === null || typeof settings.tags !== "object") settings.tags = { jobform_project: "acme-data", jobform_key: job.key };
      (settings.tags as Record<string, unknown>).jobform_project = "acme-data";
      (settings.tags as Record<string, unknown>).jobform_key = job.key;
      const live: LiveJob = { jobId: String(100 + i), settings, permissions: mutate(base.permissions, r) };
      const plan = planJobs([job], [live], { project: "acme-data", prune: false, deployer: "me@example.com" });
      expect(plan.changes).toHaveLength(1);
      expect(JSON.stringify(plan, (_k, v) => (typeof v === "bigint" ? v.toString() : v)).length).toBeGreaterThan(0);
    }
  });
});

describe("int64 ids in live settings", () => {
  it("a run_job reference to a job id above 2^53 (a bigint on the wire) compares equal to the resolved ${jobs.<key>.id}", () => {
    const big = 9007199254740993n;
    const doc = (key: string, extra: Record<string, unknown>) => ({ key, file: `jobs/${key}.yaml`, document: { name: key, ...extra }, locate: () => ({ file: "", line: 0, column: 0, path: "" }) });
    const caller = doc("caller", { tasks: [{ task_key: "go", run_job_task: { job_id: "${jobs.callee.id}" } }] });
    const callee = doc("callee", { tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] });
    const tags = (key: string) => ({ jobform_project: "p", jobform_key: key });
    const acl = [{ user_name: "me@example.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] }];
    const live: LiveJob[] = [
      { jobId: "9007199254740995", settings: { name: "caller", tags: tags("caller"), tasks: [{ task_key: "go", run_job_task: { job_id: big } }] }, permissions: acl },
      { jobId: big.toString(), settings: { name: "callee", tags: tags("callee"), tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }] }, permissions: acl },
    ];
    const plan = planJobs([caller, callee], live, { project: "p", prune: false, deployer: "me@example.com" });
    expect(plan.changes.map((c) => [c.key, c.action])).toEqual([["callee", "no-op"], ["caller", "no-op"]]);
    live[0]!.settings.tasks = [{ task_key: "go", run_job_task: { job_id: big + 1n } }];
    const moved = planJobs([caller, callee], live, { project: "p", prune: false, deployer: "me@example.com" });
    expect(moved.changes.find((c) => c.key === "caller")?.fields).toEqual([{ op: "replace", path: "/tasks/go/run_job_task/job_id", before: "9007199254740994", after: "9007199254740993" }]);
  });
});
