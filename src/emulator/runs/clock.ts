// Simulated time for runs. A run's life cycle is planned up front and read back against "now", so the
// whole engine is deterministic once the clock is: tests swap in a manual clock and advance it instead
// of sleeping. Keyed by workspace because the Workspace class belongs to the store, not to the engine.
import type { Workspace } from "../state.js";

const clocks = new WeakMap<Workspace, () => number>();

/** Current simulated epoch milliseconds for this workspace (wall clock unless a test installed one). */
export function now(ws: Workspace): number {
  const c = clocks.get(ws);
  return c ? c() : Date.now();
}

/** A clock that only moves when told to. */
export class ManualClock {
  constructor(public t = 1_700_000_000_000) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Installs a manual clock on the workspace and returns it. */
export function useManualClock(ws: Workspace, start?: number): ManualClock {
  const clock = new ManualClock(start);
  clocks.set(ws, clock.now);
  return clock;
}
