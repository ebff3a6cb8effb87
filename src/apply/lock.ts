// One apply at a time per project and target: a small JSON file in the workspace, created with
// workspace/import WITHOUT overwrite — the service answers "already exists" to every creator but one, so
// creation is the atomic step. The holder renews it while it works; a holder that stops renewing (killed,
// lost its runner) leaves a lock that expires and may be taken over. Expiry is judged by the breaker's
// clock against the holder's `expires_at`: clocks of CI runners agree to seconds, the TTL is minutes.
import { AmbiguousWriteError, ApiError, isNotFound } from "../databricks/errors.js";
import type { DatabricksClient } from "../databricks/index.js";

import { LOCK_DIR } from "./lock-dir.js";

export { LOCK_DIR };

export function lockPath(project: string, target: string | undefined): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${LOCK_DIR}/${safe(project)}${target ? `-${safe(target)}` : ""}.json`;
}

export interface LockRecord {
  /** Random per acquisition: tells this holder's lock from a later one by the same identity. */
  id: string;
  holder: string;
  since: string;
  renewed_at: string;
  expires_at: string;
  /** The CI run holding it (GITHUB_* values), when there is one. */
  ci?: Record<string, string>;
  /** Set when the file is not a lock jobform can read; such a lock never expires by itself. */
  unreadable?: true;
}

type Workspace = Pick<DatabricksClient["workspace"], "import" | "exportBytes" | "delete" | "mkdirs">;

export interface LockOptions {
  path: string;
  holder: string;
  ci?: Record<string, string>;
  ttlMs: number;
  renewMs: number;
  /** How long to wait for a held lock; 0 fails at once. */
  waitMs: number;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  newId?: () => string;
  /** Told once when a held lock makes this apply wait. */
  onWait?: (lock: LockRecord) => void;
}

export class LockHeldError extends Error {
  constructor(readonly lock: LockRecord) {
    super(`another apply holds the lock: ${describeLock(lock, Date.now())}`);
    this.name = "LockHeldError";
  }
}

export function describeLock(lock: LockRecord, now: number): string {
  if (lock.unreadable) return "the lock file is not one jobform wrote; inspect it, then `jobform unlock --force`";
  const ci = lock.ci?.GITHUB_RUN_ID ? ` (CI run ${lock.ci.GITHUB_REPOSITORY ?? ""}#${lock.ci.GITHUB_RUN_ID})` : "";
  const state = isExpired(lock, now) ? `expired at ${lock.expires_at}` : `expires ${lock.expires_at} unless renewed`;
  return `${lock.holder} since ${lock.since}${ci}; ${state}`;
}

export function isExpired(lock: LockRecord, now: number): boolean {
  if (lock.unreadable) return false;
  const t = Date.parse(lock.expires_at);
  return Number.isFinite(t) && t <= now;
}

function parseLock(bytes: Buffer): LockRecord {
  try {
    const v = JSON.parse(bytes.toString("utf8")) as Partial<LockRecord>;
    if (typeof v.id === "string" && typeof v.holder === "string" && typeof v.expires_at === "string" && typeof v.since === "string") return v as LockRecord;
  } catch {
    // fall through: reported as unreadable
  }
  return { id: "", holder: "unknown", since: "unknown", renewed_at: "unknown", expires_at: "unknown", unreadable: true };
}

/** The lock at `path`, or undefined when there is none. */
export async function readLock(ws: Pick<Workspace, "exportBytes">, path: string): Promise<LockRecord | undefined> {
  try {
    return parseLock(await ws.exportBytes(path, "AUTO"));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

// Files answer 409, notebooks 400 with an empty error_code and "already exists" in the message (§7).
function alreadyExists(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 409 || e.errorCode === "RESOURCE_ALREADY_EXISTS" || /already exists/i.test(e.message));
}

const encode = (lock: LockRecord) => Buffer.from(JSON.stringify(lock, null, 2) + "\n").toString("base64");

export class HeldLock {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Set when the renewal found someone else's lock: the caller must stop writing. */
  lost: string | undefined;

  constructor(
    private readonly ws: Workspace,
    private record: LockRecord,
    private readonly opts: Required<Pick<LockOptions, "path" | "ttlMs" | "renewMs" | "now">>,
    /** How long writing the lock took: a write started with less time left than that may land too late. */
    private slowestWriteMs = 0,
  ) {
    this.schedule();
  }

  get lock(): LockRecord {
    return this.record;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.renewing = this.renew().finally(() => this.schedule());
    }, this.opts.renewMs);
    // A pending renewal must not keep a finished command alive.
    this.timer.unref?.();
  }

  /**
   * Why this holder must not write now, or undefined: checked before every write (fencing). Besides a
   * takeover seen by a renewal, a lock whose last written expiry is near may be taken over by the time
   * the write lands, so the holder stops once less than a quarter of the lifetime is left — a healthy
   * holder renews at a third of it and never gets there — or less than twice the slowest lock write seen:
   * on a network that slow, a write sent now could land after the expiry.
   */
  fence(): string | undefined {
    if (this.lost) return this.lost;
    const left = Date.parse(this.record.expires_at) - this.opts.now();
    if (left < Math.max(this.opts.ttlMs / 4, 2 * this.slowestWriteMs)) {
      this.lost = `the apply lock was not renewed in time (it expires at ${this.record.expires_at}; slow network or JOBFORM_LOCK_TTL too short), so another apply may hold it now`;
    }
    return this.lost;
  }

  /** Overwrites the lock with a later expiry, after checking it is still ours. */
  async renew(): Promise<void> {
    if (this.stopped || this.fence()) return;
    try {
      const current = await readLock(this.ws, this.opts.path);
      if (current?.id !== this.record.id) {
        this.lost = current ? `the lock was taken over by ${current.holder} at ${current.since}` : "the lock file disappeared";
        return;
      }
      const now = this.opts.now();
      const next = { ...this.record, renewed_at: new Date(now).toISOString(), expires_at: new Date(now + this.opts.ttlMs).toISOString() };
      await this.ws.import({ path: this.opts.path, content: encode(next), format: "AUTO", overwrite: true });
      this.slowestWriteMs = Math.max(this.slowestWriteMs, this.opts.now() - now);
      this.record = next;
    } catch {
      // A failed renewal is retried at the next tick; the TTL is several renewal periods long.
    }
  }

  /** Stops renewing and deletes the lock if it is still ours. Never throws: apply's result matters more. */
  async release(): Promise<string | undefined> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.renewing;
    try {
      const current = await readLock(this.ws, this.opts.path);
      if (current?.id === this.record.id) await this.ws.delete(this.opts.path);
      return undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      return `could not release the lock ${this.opts.path}: ${(e as Error).message}; it expires at ${this.record.expires_at}`;
    }
  }
}

/**
 * Takes the lock, waiting up to `waitMs` for a live holder and taking over an expired one. Takeover deletes
 * the expired file only if it is still the same lock, then creates without overwrite: of two breakers racing,
 * only one creation succeeds and the other sees a held lock. The workspace API has no conditional delete,
 * so a breaker that re-read the expired lock just before its rival replaced it can still delete the new
 * one; the rival's next renewal sees a foreign id and stops it writing (HeldLock.lost).
 */
export async function acquireLock(ws: Workspace, options: LockOptions): Promise<HeldLock> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const newId = options.newId ?? (() => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);
  const parent = options.path.slice(0, options.path.lastIndexOf("/"));
  const deadline = now() + options.waitMs;
  await ws.mkdirs(parent);
  let told = false;
  for (let round = 1; ; round++) {
    const t = now();
    const record: LockRecord = { id: newId(), holder: options.holder, since: new Date(t).toISOString(), renewed_at: new Date(t).toISOString(), expires_at: new Date(t + options.ttlMs).toISOString() };
    if (options.ci && Object.keys(options.ci).length) record.ci = options.ci;
    if (await tryCreate(ws, options.path, record)) return new HeldLock(ws, record, { path: options.path, ttlMs: options.ttlMs, renewMs: options.renewMs, now }, now() - t);
    const current = await readLock(ws, options.path);
    // Released between our attempt and the read: try again (a bounded number of times, in case the
    // service keeps saying "exists" for a path it cannot export).
    if (!current) {
      if (round > 20) throw new Error(`${options.path}: the workspace says the lock exists but cannot export it`);
      continue;
    }
    if (isExpired(current, now())) {
      const again = await readLock(ws, options.path);
      if (again?.id === current.id) await ws.delete(options.path).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
      continue;
    }
    const left = deadline - now();
    if (left <= 0) throw new LockHeldError(current);
    if (!told) options.onWait?.(current);
    told = true;
    await sleep(Math.min(options.pollMs ?? 2000, left));
  }
}

/** True when this call created the lock file (also when the answer was lost but the file is ours). */
async function tryCreate(ws: Workspace, path: string, record: LockRecord): Promise<boolean> {
  try {
    await ws.import({ path, content: encode(record), format: "AUTO", overwrite: false });
    return true;
  } catch (e) {
    if (alreadyExists(e)) return false;
    if (e instanceof AmbiguousWriteError) return (await readLock(ws, path))?.id === record.id;
    throw e;
  }
}
