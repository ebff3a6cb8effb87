// How long a lock lives and how often its holder renews it. Defaults suit CI (a 2-minute expiry renewed
// every 30 s: a killed apply blocks the next one for at most two minutes); JOBFORM_LOCK_TTL and
// JOBFORM_LOCK_RENEW (durations such as "5s", "2m") shorten them for tests and demos.
import { envDuration } from "../cli/env-duration.js";
import { UserError } from "../cli/errors.js";

export interface LockTiming {
  ttlMs: number;
  renewMs: number;
  pollMs: number;
}

export const DEFAULT_TTL_MS = 120_000;
export const DEFAULT_RENEW_MS = 30_000;
/**
 * Shorter lifetimes expire under a holder whose renewal is a single slow round trip away, and a second
 * apply then takes over while the first still writes (50 ms doubled most jobs). With 5 s and renewal at a
 * third of it, a renewal may take 2 s before the holder fences itself off (HeldLock.fence).
 */
export const MIN_TTL_MS = 5_000;

export function lockTiming(env: Readonly<Record<string, string | undefined>>): LockTiming {
  const read = (name: string, fallback: number) => envDuration(env, name) ?? fallback;
  const ttlMs = read("JOBFORM_LOCK_TTL", DEFAULT_TTL_MS);
  if (ttlMs < MIN_TTL_MS) throw new UserError(`JOBFORM_LOCK_TTL=${env.JOBFORM_LOCK_TTL} is shorter than the ${MIN_TTL_MS / 1000}s minimum: the lock would expire under a working apply`);
  // Several renewals per lifetime, so one failed renewal never lets the lock expire under its holder.
  const renewMs = Math.min(read("JOBFORM_LOCK_RENEW", DEFAULT_RENEW_MS), Math.max(1, Math.floor(ttlMs / 3)));
  return { ttlMs, renewMs, pollMs: Math.min(2000, Math.max(100, Math.floor(ttlMs / 4))) };
}

/** Who the lock names, from the CI environment when there is one (GitHub Actions). */
export function ciInfo(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_WORKFLOW", "GITHUB_ACTOR", "GITHUB_SHA", "GITHUB_SERVER_URL"]) {
    const v = env[k];
    if (v) out[k] = v;
  }
  return out;
}
