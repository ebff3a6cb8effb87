import { describe, expect, it } from "vitest";
import { AdaptiveLimiter, Pacer, RateLimiters, familyKey } from "../../src/databricks/rateLimiter.js";
import { fakeClock } from "./support/server.js";

/**
 * Drives a limiter against a simulated server token bucket (rate `limit`, burst `limit`) in fake
 * time: each request is sent when the limiter allows, and answered at once.
 */
async function simulate(limiter: AdaptiveLimiter, clock: ReturnType<typeof fakeClock>, limit: number, requests: number) {
  let tokens = limit;
  let last = clock.now();
  let throttled = 0;
  for (let i = 0; i < requests; i++) {
    const ticket = await limiter.acquire();
    const now = clock.now();
    tokens = Math.min(limit, tokens + ((now - last) / 1000) * limit);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      limiter.onSuccess(ticket);
    } else {
      throttled++;
      limiter.onThrottle(ticket);
      i--;
    }
  }
  return { throttled, elapsedMs: clock.now() };
}

describe("Pacer", () => {
  it("spaces slots evenly and banks no credit while idle", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock, () => 10);
    const waits = [await pacer.take(), await pacer.take(), await pacer.take()];
    expect(waits).toEqual([0, 100, 100]);
    clock.advance(5000);
    expect([await pacer.take(), await pacer.take()]).toEqual([0, 100]);
  });

  it("applies a new rate to callers already queued", async () => {
    const clock = fakeClock();
    let rate = 1;
    const pacer = new Pacer(clock, () => rate);
    const queued = Array.from({ length: 4 }, () => pacer.take());
    rate = 100;
    await Promise.all(queued);
    expect(clock.now()).toBeLessThan(300);
  });
});

describe("AdaptiveLimiter", () => {
  it("grows while callers queue, and not while idle", async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveLimiter(clock, { initialRate: 10 });
    const idle = await limiter.acquire();
    limiter.onSuccess(idle);
    expect(limiter.rate).toBe(10);
    const queued = await limiter.acquire();
    limiter.onSuccess(queued);
    expect(limiter.rate).toBeGreaterThan(10);
  });

  it("cuts sharply on a 429 and only once per burst of throttled answers", async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveLimiter(clock, { initialRate: 40 });
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    limiter.onThrottle(b);
    expect(limiter.rate).toBeCloseTo(28);
    limiter.onThrottle(a);
    expect(limiter.rate).toBeCloseTo(28);
  });

  it("never exceeds the hard cap", async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveLimiter(clock, { initialRate: 20, maxRate: 5 });
    for (let i = 0; i < 200; i++) limiter.onSuccess(await limiter.acquire());
    expect(limiter.rate).toBe(5);
  });

  it.each([10, 30, 100])("settles just under a %i req/s server limit with few 429s", async (limit) => {
    const clock = fakeClock();
    const limiter = new AdaptiveLimiter(clock, { initialRate: 20 });
    const n = limit * 60;
    const { throttled, elapsedMs } = await simulate(limiter, clock, limit, n);
    const floorMs = ((n - limit) / limit) * 1000;
    expect(elapsedMs / floorMs).toBeLessThan(1.1);
    expect(throttled / n).toBeLessThan(0.02);
    expect(limiter.rate).toBeGreaterThan(limit * 0.75);
    expect(limiter.rate).toBeLessThan(limit * 1.1);
  });
});

describe("RateLimiters", () => {
  it("keeps one limiter per endpoint family, ignoring ids", () => {
    expect(familyKey("GET", "/api/2.0/permissions/jobs/9007199254740993")).toBe("GET /api/2.0/permissions/jobs/{id}");
    const all = new RateLimiters(fakeClock());
    expect(all.family(familyKey("GET", "/api/2.0/permissions/jobs/1"))).toBe(all.family(familyKey("GET", "/api/2.0/permissions/jobs/2")));
    expect(all.family("GET /api/2.2/jobs/get")).not.toBe(all.family("GET /api/2.2/jobs/list"));
  });

  it("paces all families together under the hard cap", async () => {
    const clock = fakeClock();
    const all = new RateLimiters(clock, { maxRate: 4, initialRate: 100 });
    for (let i = 0; i < 9; i++) await all.acquire(i % 2 ? "a" : "b");
    expect(clock.now()).toBe(2000);
  });
});

describe("abort listeners", () => {
  it("are removed once a caller's turn comes, so one signal can serve many calls", async () => {
    const limiter = new AdaptiveLimiter(fakeClock(), { initialRate: 1000 });
    const controller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    type Listener = Parameters<typeof add>[1];
    signal.addEventListener = ((type: "abort", fn: Listener, o?: Parameters<typeof add>[2]) => (added.push(fn), add(type, fn, o))) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: "abort", fn: Listener) => (removed.push(fn), remove(type, fn))) as typeof signal.removeEventListener;
    for (let i = 0; i < 3; i++) await limiter.acquire(signal);
    expect(added.length).toBe(3);
    expect(removed).toEqual(added);
  });
});
