import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/databricks/index.js";
import type { Run } from "../../src/databricks/index.js";
import { POLL, pollDelay } from "../../src/run-watch/schedule.js";
import { watchRun } from "../../src/run-watch/wait.js";
import { run, simulatedClock } from "./support.js";

/** A run that is RUNNING until `endsAt` (simulated ms), then TERMINATED SUCCESS; counts calls. */
function scripted(clock: { now(): number }, endsAt: number) {
  const calls: number[] = [];
  const get = async (): Promise<Run> => {
    calls.push(clock.now());
    return clock.now() >= endsAt ? run("TERMINATED", "SUCCESS") : run("RUNNING");
  };
  return { get, calls };
}

describe("poll schedule", () => {
  it("starts near one second and never exceeds ten", () => {
    expect(pollDelay(0, () => 0.5)).toBe(POLL.firstDelayMs);
    for (const elapsed of [0, 30_000, 60_000, 600_000, 86_400_000]) {
      for (const r of [0, 0.5, 0.999]) expect(pollDelay(elapsed, () => r)).toBeLessThanOrEqual(10_000);
    }
  });

  it("costs at most 12 runs/get calls a minute after the first minute of a long run", async () => {
    const clock = simulatedClock();
    const s = scripted(clock, 60 * 60_000);
    await watchRun(() => s.get(), { clock, random: () => 0 }); // random 0 = shortest delays
    for (let minute = 1; minute < 60; minute++) {
      const inMinute = s.calls.filter((t) => t >= minute * 60_000 && t < (minute + 1) * 60_000).length;
      expect(inMinute, `minute ${minute}`).toBeLessThanOrEqual(12);
    }
    // and is not lazy at the start: a fast failure is seen within about a second
    expect(s.calls.slice(0, 3)).toEqual([0, 900, 1881]);
  });

  it("notices the end of a run within 10 seconds, whenever it ends", async () => {
    for (const endsAt of [500, 7_000, 61_000, 333_333, 3_600_001]) {
      const clock = simulatedClock();
      const s = scripted(clock, endsAt);
      const r = await watchRun(() => s.get(), { clock, random: () => 0.999 }); // longest delays
      expect(r.kind).toBe("ended");
      expect((s.calls.at(-1) as number) - endsAt, `run ending at ${endsAt}`).toBeLessThanOrEqual(10_000);
    }
  });
});

describe("watchRun", () => {
  it("uses the answer already in hand as its first poll and reports every poll", async () => {
    const clock = simulatedClock();
    const seen: string[] = [];
    let calls = 0;
    const r = await watchRun(async () => (++calls === 1 ? run("RUNNING") : run("TERMINATED", "FAILED")), {
      clock,
      first: run("PENDING"),
      onPoll: (_r, o) => seen.push(o.lifeCycle),
    });
    expect(seen).toEqual(["PENDING", "RUNNING", "TERMINATED"]);
    expect(r.kind === "ended" && r.outcome.phase).toBe("failed");
  });

  it("outlives passing errors and gives up on lasting ones", async () => {
    const clock = simulatedClock();
    const answers: (Run | Error)[] = [new ApiError(503, "TEMPORARILY_UNAVAILABLE", "busy", "GET", "/x", undefined), run("RUNNING"), run("TERMINATED", "SUCCESS")];
    const errors: string[] = [];
    const r = await watchRun(async () => {
      const a = answers.shift() as Run | Error;
      if (a instanceof Error) throw a;
      return a;
    }, { clock, onTransientError: (e) => errors.push(e.message) });
    expect(r.kind).toBe("ended");
    expect(errors).toEqual(["busy"]);

    const forbidden = new ApiError(403, "PERMISSION_DENIED", "no", "GET", "/x", undefined);
    await expect(watchRun(async () => Promise.reject(forbidden), { clock })).rejects.toBe(forbidden);
    const down = new ApiError(502, "", "Bad Gateway", "GET", "/x", undefined);
    await expect(watchRun(async () => Promise.reject(down), { clock: simulatedClock(), errorBudgetMs: 30_000 })).rejects.toBe(down);
  });

  it("stops at the deadline with the last state seen", async () => {
    const clock = simulatedClock();
    const r = await watchRun(async () => run("RUNNING"), { clock, timeoutMs: 45_000 });
    expect(r.kind).toBe("timeout");
    expect(r.kind === "timeout" && r.run?.state?.life_cycle_state).toBe("RUNNING");
    expect(clock.now()).toBe(45_000);
  });

  it("stops when aborted, during a sleep or before the first poll", async () => {
    const clock = simulatedClock();
    const ac = new AbortController();
    let calls = 0;
    const r = await watchRun(async () => {
      if (++calls === 3) ac.abort(new Error("interrupted"));
      return run("RUNNING");
    }, { clock, signal: ac.signal });
    expect(r.kind).toBe("interrupted");
    expect(calls).toBe(3);
    const again = await watchRun(async () => run("RUNNING"), { clock, signal: ac.signal });
    expect(again).toEqual({ kind: "interrupted" });
  });
});

describe("withChildSignal", () => {
  it("keeps listeners that lower layers forget off the watch's long-lived signal, and forwards an abort", async () => {
    const { getEventListeners } = (await import("node:events")).EventEmitter;
    const { withChildSignal } = await import("../../src/run-watch/wait.js");
    const parent = new AbortController();
    // a careless callee: adds a listener and never removes it
    for (let i = 0; i < 20; i++) await withChildSignal(parent.signal, async (s) => s?.addEventListener("abort", () => {}));
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
    let seen: AbortSignal | undefined;
    const pending = withChildSignal(parent.signal, (s) => new Promise((_r, reject) => ((seen = s), s?.addEventListener("abort", () => reject(s.reason)))));
    parent.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    expect(seen?.aborted).toBe(true);
  });
});
