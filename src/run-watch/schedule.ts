/**
 * When to call runs/get next. Runs are short at first (a failure in the first seconds is common: a
 * missing notebook, a bad parameter) and long later (cluster start alone takes minutes), so the
 * delay grows with the time already waited: about 1 s at the start, 10 s from 90 s on. That keeps
 * the cost of a long watch at ≤ 12 calls a minute after the first minute, and a run's end is seen
 * at most 10 s after it happens. The jitter spreads many watchers (a CI matrix) apart.
 */
export const POLL = {
  firstDelayMs: 1000,
  /** Delay added per second already waited: 100 ms, so 7 s after one minute. */
  growthPerMs: 0.1,
  maxDelayMs: 10_000,
  jitter: 0.1,
} as const;

/** `random` in [0, 1); injected so tests and the benchmark are deterministic. */
export function pollDelay(elapsedMs: number, random: () => number = Math.random): number {
  const base = POLL.firstDelayMs + Math.max(0, elapsedMs) * POLL.growthPerMs;
  const jittered = base * (1 - POLL.jitter + 2 * POLL.jitter * random());
  return Math.round(Math.min(POLL.maxDelayMs, jittered));
}
