// Test doubles for the runner: simulated time and a scripted runs/get.
import type { Clock, Run } from "../../src/databricks/index.js";

/** A clock whose sleep returns at once after moving time forward; records every sleep. */
export function simulatedClock(start = 0): Clock & { sleeps: number[]; advance(ms: number): void } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}

export function run(lifeCycle: string, result?: string, extra: Partial<Run> = {}): Run {
  return { run_id: 7, state: { life_cycle_state: lifeCycle, ...(result ? { result_state: result } : {}) }, ...extra };
}
