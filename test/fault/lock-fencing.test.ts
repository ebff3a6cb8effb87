// An apply that loses its lock stops before its next write, whether a renewal found another holder or the
// renewals could not keep up (slow network, short JOBFORM_LOCK_TTL); the apply that took over is never
// overwritten.
import { describe, expect, it } from "vitest";
import { executePlan } from "../../src/apply/execute.js";
import { acquireLock, lockPath, readLock } from "../../src/apply/lock.js";
import { planJobs } from "../../src/core/plan.js";
import type { DesiredJob } from "../../src/core/resolve.js";
import { ApiError } from "../../src/databricks/errors.js";
import type { ImportRequest } from "../../src/databricks/types.js";

const PATH = lockPath("acme", "dev");

/** An in-memory workspace with the real import rule, whose calls can be made slow. */
function workspace(clock: { t: number }, callMs = 0) {
  const files = new Map<string, string>();
  const slow = async () => void (clock.t += callMs);
  return {
    files,
    mkdirs: async () => ({}) as Record<string, never>,
    import: async (r: ImportRequest) => {
      await slow();
      if (files.has(r.path) && !r.overwrite) throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "exists", "POST", "/api/2.0/workspace/import", undefined);
      files.set(r.path, Buffer.from(r.content, "base64").toString("utf8"));
      return {} as Record<string, never>;
    },
    exportBytes: async (path: string) => {
      await slow();
      const f = files.get(path);
      if (f === undefined) throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "missing", "GET", "/api/2.0/workspace/export", undefined);
      return Buffer.from(f);
    },
    delete: async (path: string) => void files.delete(path) as unknown as Record<string, never>,
  };
}

const job = (key: string): DesiredJob => ({ key, file: `jobs/${key}.yaml`, document: { name: key, tasks: [{ task_key: "a", notebook_task: { notebook_path: "/a" } }] }, locate: () => ({ file: "", line: 0, column: 0, path: "" }) });

describe("fencing", () => {
  it("a holder whose renewals cannot keep up stops once less than a quarter of the lifetime is left", async () => {
    const clock = { t: Date.parse("2026-01-01T00:00:00Z") };
    const ws = workspace(clock);
    const held = await acquireLock(ws, { path: PATH, holder: "me", ttlMs: 2000, renewMs: 666, waitMs: 0, now: () => clock.t });
    clock.t += 1400;
    expect(held.fence()).toBeUndefined();
    clock.t += 200;
    expect(held.fence()).toMatch(/^the apply lock was not renewed in time \(it expires at 2026-01-01T00:00:02.000Z; slow network or JOBFORM_LOCK_TTL too short\)/);
    // Once lost, it stays lost: a late renewal must not revive a lock another apply may hold by now.
    await held.renew();
    expect(held.fence()).toBeDefined();
    await held.release();
  });

  it("a renewal that takes longer than the margin leaves the lock lost, not renewed over a new holder", async () => {
    const clock = { t: Date.parse("2026-01-01T00:00:00Z") };
    const ws = workspace(clock, 800);
    const held = await acquireLock(ws, { path: PATH, holder: "me", ttlMs: 2000, renewMs: 666, waitMs: 0, now: () => clock.t });
    // Another apply took over after the expiry, while this one's renewal was in flight.
    clock.t += 2100;
    ws.files.set(PATH, JSON.stringify({ ...(await readLock(ws, PATH)), id: "theirs", holder: "them" }));
    await held.renew();
    expect(held.fence()).toBeDefined();
    expect((await readLock(ws, PATH))?.id).toBe("theirs");
    await held.release();
    expect((await readLock(ws, PATH))?.id).toBe("theirs");
  });

  it("executePlan checks before every write: the lock lost after a create stops its permissions and every later job", async () => {
    const desired = ["a", "b", "c"].map(job);
    const plan = planJobs(desired, [], { project: "p", prune: false, deployer: "bob@example.com" });
    const calls: string[] = [];
    let lost: string | undefined;
    const client = {
      jobs: {
        create: async (s: Record<string, unknown>) => {
          calls.push(`create ${(s.tags as Record<string, string>).jobform_key}`);
          lost = "the lock was taken over by them";
          return { job_id: 100 };
        },
      },
      permissions: { setJob: async (id: number) => void calls.push(`permissions ${id}`) },
    };
    const results = await executePlan({ client: client as never, project: "p", plan, desired, liveIds: new Map(), deployer: { name: "bob@example.com", groups: [] }, allowLockout: false, stopReason: () => lost, concurrency: 1 });
    expect(calls).toEqual(["create a"]);
    expect(results.map((r) => [r.key, r.outcome, r.detail])).toEqual([
      ["a", "failed", "job 100 was created, but its permissions were not set: stopped before writing: the lock was taken over by them"],
      ["b", "failed", "not attempted: the lock was taken over by them"],
      ["c", "failed", "not attempted: the lock was taken over by them"],
    ]);
  });
});
