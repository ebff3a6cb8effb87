import { describe, expect, it } from "vitest";
import { executePlan } from "../../src/apply/execute.js";
import { planJobs } from "../../src/core/plan.js";
import type { DesiredJob } from "../../src/core/resolve.js";
import { AmbiguousWriteError, ApiError } from "../../src/databricks/errors.js";

const job = (key: string, document: Record<string, unknown>): DesiredJob => ({ key, file: `jobs/${key}.yaml`, document, locate: () => ({ file: "", line: 0, column: 0, path: "" }) });
const task = (k: string, extra: Record<string, unknown> = {}) => ({ task_key: k, notebook_task: { notebook_path: `/${k}` }, ...extra });

/** Just enough of the client to record calls; creates may be made to fail or lose their answer. */
function fakeClient(opts: { failCreate?: string; loseCreate?: string } = {}) {
  const calls: string[] = [];
  const jobs: { job_id: number; settings: Record<string, unknown> }[] = [];
  const client = {
    jobs: {
      create: async (s: Record<string, unknown>) => {
        const key = (s.tags as Record<string, string>).jobform_key;
        calls.push(`create ${key}`);
        if (key === opts.failCreate) throw new ApiError(400, "INVALID_PARAMETER_VALUE", "bad spec", "POST", "/api/2.2/jobs/create", undefined);
        jobs.push({ job_id: 100 + jobs.length, settings: s });
        if (key === opts.loseCreate) throw new AmbiguousWriteError("POST", "/api/2.2/jobs/create", new Error("lost"));
        return { job_id: 100 + jobs.length - 1 };
      },
      list: async function* () {
        yield* jobs;
      },
      update: async (r: { job_id: number }) => void calls.push(`update ${r.job_id}`),
      reset: async (id: number) => void calls.push(`reset ${id}`),
      delete: async (id: number) => void calls.push(`delete ${id}`),
    },
    permissions: { setJob: async (id: number) => void calls.push(`permissions ${String(id)}`) },
  };
  return { client: client as never, calls, jobs };
}

const desired = [
  job("leaf", { name: "Leaf", tasks: [task("a")] }),
  job("top", { name: "Top", tasks: [task("run", { notebook_task: undefined, run_job_task: { job_id: "${jobs.leaf.id}" } })] }),
  job("private", { name: "Private", tasks: [task("a")], permissions: [{ user_name: "carol@example.com", permission_level: "IS_OWNER" }] }),
];
const plan = planJobs(desired, [], { project: "p", prune: false, deployer: "bob@example.com" });
const run = (client: never, over: Partial<Parameters<typeof executePlan>[0]> = {}) =>
  executePlan({ client, project: "p", plan, desired, liveIds: new Map(), deployer: { name: "bob@example.com", groups: [] }, allowLockout: false, ...over });

describe("executePlan", () => {
  it("creates referenced jobs first and sends the real id; refuses a lockout for that job only", async () => {
    const { client, calls, jobs } = fakeClient();
    const results = await run(client);
    expect(calls).toEqual(["create leaf", "permissions 100", "create top", "permissions 101"]);
    expect(JSON.stringify(jobs[1]?.settings.tasks)).toContain('"job_id":100');
    expect(results.find((r) => r.key === "private")).toMatchObject({ outcome: "failed", detail: expect.stringContaining("without CAN_MANAGE") });
  });

  it("--allow-lockout applies it; an admin is never refused", async () => {
    for (const over of [{ allowLockout: true }, { deployer: { name: "bob@example.com", groups: ["admins"] } }]) {
      const { client, calls } = fakeClient();
      await run(client, over);
      expect(calls).toContain("create private");
    }
  });

  it("a failed create blocks the jobs that run it and nothing else", async () => {
    const { client, calls } = fakeClient({ failCreate: "leaf" });
    const results = await run(client, { allowLockout: true });
    expect(calls).toEqual(["create leaf", "create private", "permissions 100"]);
    expect(results.map((r) => `${r.key}:${r.outcome}`)).toEqual(["leaf:failed", "private:created", "top:failed"]);
    expect(results[0]?.detail).toBe("INVALID_PARAMETER_VALUE: bad spec (POST /api/2.2/jobs/create)");
  });

  it("after a lost create answer, adopts the job found by its tags instead of creating it again", async () => {
    const { client, calls } = fakeClient({ loseCreate: "leaf" });
    const results = await run(client, { allowLockout: true });
    expect(calls.filter((c) => c === "create leaf")).toHaveLength(1);
    expect(results[0]).toMatchObject({ key: "leaf", outcome: "created", job_id: "100" });
  });

  it("stops writing once the lock is lost", async () => {
    const { client, calls } = fakeClient();
    const results = await run(client, { stopReason: () => "the lock was taken over" });
    expect(calls).toEqual([]);
    expect(results.every((r) => r.outcome === "failed" && r.detail === "not attempted: the lock was taken over")).toBe(true);
  });
});
