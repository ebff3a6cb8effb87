import { describe, expect, it } from "vitest";
import { acquireLock, LockHeldError, lockPath, readLock } from "../../src/apply/lock.js";
import { lockTiming } from "../../src/apply/lock-settings.js";
import { AmbiguousWriteError, ApiError } from "../../src/databricks/errors.js";
import type { ImportRequest } from "../../src/databricks/types.js";

/** An in-memory workspace with the real import rule: without overwrite, an existing path is refused. */
function fakeWorkspace() {
  const files = new Map<string, string>();
  const calls: string[] = [];
  let loseNextImport = false;
  const ws = {
    files,
    calls,
    loseNextImport: () => (loseNextImport = true),
    mkdirs: async (path: string) => {
      calls.push(`mkdirs ${path}`);
      return {} as Record<string, never>;
    },
    import: async (r: ImportRequest) => {
      calls.push(`import ${r.overwrite ? "overwrite" : "create"}`);
      if (files.has(r.path) && !r.overwrite) throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", `${r.path} already exists`, "POST", "/api/2.0/workspace/import", undefined);
      files.set(r.path, Buffer.from(r.content, "base64").toString("utf8"));
      if (loseNextImport) {
        loseNextImport = false;
        throw new AmbiguousWriteError("POST", "/api/2.0/workspace/import", new Error("lost"));
      }
      return {} as Record<string, never>;
    },
    exportBytes: async (path: string) => {
      const f = files.get(path);
      if (f === undefined) throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", `Path (${path}) doesn't exist.`, "GET", "/api/2.0/workspace/export", undefined);
      return Buffer.from(f);
    },
    delete: async (path: string) => {
      calls.push("delete");
      files.delete(path);
      return {} as Record<string, never>;
    },
  };
  return ws;
}

const PATH = lockPath("acme", "dev");
let clock = Date.parse("2026-01-01T00:00:00Z");
const base = { path: PATH, ttlMs: 120_000, renewMs: 30_000, waitMs: 0, now: () => clock, sleep: async (ms: number) => void (clock += ms) };

describe("apply lock", () => {
  it("lives under /Shared/.jobform/locks, one per project and target", () => {
    expect(PATH).toBe("/Shared/.jobform/locks/acme-dev.json");
    expect(lockPath("a/b", undefined)).toBe("/Shared/.jobform/locks/a_b.json");
  });

  it("is created without overwrite, names its holder and CI run, and is deleted on release", async () => {
    const ws = fakeWorkspace();
    const held = await acquireLock(ws, { ...base, holder: "me@example.com", ci: { GITHUB_RUN_ID: "77", GITHUB_REPOSITORY: "acme/jobs" } });
    const lock = await readLock(ws, PATH);
    expect(lock).toMatchObject({ holder: "me@example.com", ci: { GITHUB_RUN_ID: "77" }, since: "2026-01-01T00:00:00.000Z", expires_at: "2026-01-01T00:02:00.000Z" });
    expect(ws.calls).toEqual(["mkdirs /Shared/.jobform/locks", "import create"]);
    await held.release();
    expect(ws.files.size).toBe(0);
  });

  it("fails fast naming the holder, or waits and takes it once released", async () => {
    const ws = fakeWorkspace();
    const first = await acquireLock(ws, { ...base, holder: "alice" });
    await expect(acquireLock(ws, { ...base, holder: "bob" })).rejects.toThrow(/alice since 2026-01-01T00:00:00.000Z/);
    const waited: string[] = [];
    const sleep = async (ms: number) => {
      clock += ms;
      await first.release();
    };
    const second = await acquireLock(ws, { ...base, holder: "bob", waitMs: 60_000, sleep, onWait: (l) => waited.push(l.holder) });
    expect(waited).toEqual(["alice"]);
    expect((await readLock(ws, PATH))?.holder).toBe("bob");
    await second.release();
  });

  it("takes over a lock whose holder stopped renewing, and not before it expires", async () => {
    const ws = fakeWorkspace();
    const dead = await acquireLock(ws, { ...base, holder: "dead" });
    await dead.release().then(() => ws.files.set(PATH, JSON.stringify((dead as unknown as { record: unknown }).record)));
    await expect(acquireLock(ws, { ...base, holder: "next" })).rejects.toBeInstanceOf(LockHeldError);
    clock += 120_001;
    const next = await acquireLock(ws, { ...base, holder: "next" });
    expect((await readLock(ws, PATH))?.holder).toBe("next");
    await next.release();
  });

  it("a renewal extends the expiry; a holder whose lock was taken over notices", async () => {
    const ws = fakeWorkspace();
    const held = await acquireLock(ws, { ...base, holder: "me" });
    clock += 30_000;
    await held.renew();
    expect((await readLock(ws, PATH))?.expires_at).toBe(new Date(clock + 120_000).toISOString());
    ws.files.set(PATH, JSON.stringify({ ...(await readLock(ws, PATH)), id: "someone-else", holder: "other" }));
    await held.renew();
    expect(held.lost).toMatch(/taken over by other/);
    await held.release();
    expect(ws.files.has(PATH)).toBe(true);
  });

  it("after a lost answer, the lock is ours only if the file holds our id", async () => {
    const ws = fakeWorkspace();
    ws.loseNextImport();
    const held = await acquireLock(ws, { ...base, holder: "me" });
    expect((await readLock(ws, PATH))?.id).toBe(held.lock.id);
    await held.release();
  });

  it("reads the TTL and renewal period from the environment, renewing several times per lifetime", () => {
    expect(lockTiming({})).toMatchObject({ ttlMs: 120_000, renewMs: 30_000 });
    expect(lockTiming({ JOBFORM_LOCK_TTL: "6s" })).toMatchObject({ ttlMs: 6000, renewMs: 2000 });
    expect(() => lockTiming({ JOBFORM_LOCK_TTL: "soon" })).toThrow(/JOBFORM_LOCK_TTL=soon/);
  });
});
