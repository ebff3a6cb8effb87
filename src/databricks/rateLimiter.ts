import type { Clock } from "./clock.js";

interface Waiter {
  since: number;
  resolve: (waitedMs: number) => void;
  reject: (reason: unknown) => void;
}

/**
 * Releases queued callers one at a time, evenly spaced at the rate `rate()` gives *now*: a rate
 * change applies at once to everyone already waiting. Spacing (a burst of one) matters: workspace
 * token buckets punish bursts, and an idle client must not bank credit.
 */
export class Pacer {
  private last = -Infinity;
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(
    private readonly clock: Clock,
    private readonly rate: () => number,
  ) {}

  /** Resolves when this caller may send; the value is how long it waited in ms. */
  take(signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      // The listener goes when the turn comes: a long watch reuses one signal for hundreds of calls.
      const waiter: Waiter = {
        since: this.clock.now(),
        resolve: (waited) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(waited);
        },
        reject,
      };
      this.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const due = this.last + 1000 / this.rate();
        const now = this.clock.now();
        if (now < due) {
          // Short naps, so a rate raised meanwhile takes effect for those already waiting.
          await this.clock.sleep(Math.min(due - now, 250));
          continue;
        }
        const waiter = this.queue.shift();
        this.last = now;
        waiter?.resolve(now - waiter.since);
      }
    } finally {
      this.pumping = false;
    }
  }
}

export interface LimiterOptions {
  /** Where to begin: below the ~30 req/s commonly seen per endpoint, above the SDKs' 15. */
  initialRate?: number;
  /** Hard cap (DATABRICKS_RATE_LIMIT); the limiter never goes above it. */
  maxRate?: number;
  minRate?: number;
  /** Factor applied on a throttle: sharp, so the server's bucket refills quickly. */
  decrease?: number;
  /** Fraction of the rate added per second of saturated traffic once above 90 % of the last ceiling. */
  probeGrowth?: number;
}

/**
 * An AIMD rate limiter for one endpoint family. Before the first 429 it adds 1 req/s per success
 * (slow start: the rate doubles each second); on a 429 it remembers the rate that tripped the server
 * as a ceiling and cuts to `decrease` × that; it climbs back quickly to 90 % of the ceiling and then
 * probes upwards by about 1 % a second, so it spends most of its time just under the workspace's
 * real limit (the server's burst makes the first ceiling an overestimate; later ones converge).
 * Growth only happens while callers are actually queueing, so an idle client never inflates its
 * rate and then bursts.
 */
export class AdaptiveLimiter {
  private rateValue: number;
  private ceiling: number | undefined;
  private lastDecreaseAt = -Infinity;
  private readonly pacer: Pacer;
  private readonly maxRate: number;
  private readonly minRate: number;
  private readonly decrease: number;
  private readonly probeGrowth: number;

  constructor(
    private readonly clock: Clock,
    options: LimiterOptions = {},
  ) {
    this.maxRate = options.maxRate ?? Infinity;
    this.minRate = Math.min(options.minRate ?? 1, this.maxRate);
    this.rateValue = Math.min(options.initialRate ?? 20, this.maxRate);
    this.decrease = options.decrease ?? 0.7;
    this.probeGrowth = options.probeGrowth ?? 0.01;
    this.pacer = new Pacer(clock, () => this.rateValue);
  }

  get rate(): number {
    return this.rateValue;
  }

  /** Waits for a send slot. The returned ticket goes back in `onSuccess`/`onThrottle`. */
  async acquire(signal?: AbortSignal): Promise<LimiterTicket> {
    const waited = await this.pacer.take(signal);
    return { sentAt: this.clock.now(), rate: this.rateValue, saturated: waited > 0 };
  }

  onSuccess(ticket: LimiterTicket): void {
    if (!ticket.saturated) return;
    const r = this.rateValue;
    let next: number;
    if (this.ceiling === undefined) next = r + 1;
    else if (r < 0.9 * this.ceiling) next = Math.min(r + 0.5, 0.9 * this.ceiling);
    // r successes a second, each adding probeGrowth: the rate grows by that fraction per second.
    else next = r + this.probeGrowth;
    this.rateValue = Math.min(next, this.maxRate);
  }

  onThrottle(ticket: LimiterTicket): void {
    // Requests already in flight when we slowed down answer 429 too; they say nothing new.
    if (ticket.sentAt < this.lastDecreaseAt) return;
    this.lastDecreaseAt = this.clock.now();
    this.ceiling = ticket.rate;
    this.rateValue = Math.max(this.minRate, Math.min(this.rateValue, ticket.rate) * this.decrease);
  }
}

export interface LimiterTicket {
  sentAt: number;
  rate: number;
  saturated: boolean;
}

/**
 * One adaptive limiter per endpoint family (workspaces meter endpoints separately), behind one
 * global pacer when a hard cap is set.
 */
export class RateLimiters {
  private readonly families = new Map<string, AdaptiveLimiter>();
  private readonly global: Pacer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: LimiterOptions = {},
  ) {
    const cap = options.maxRate;
    this.global = cap !== undefined && Number.isFinite(cap) ? new Pacer(clock, () => cap) : undefined;
  }

  family(key: string): AdaptiveLimiter {
    let limiter = this.families.get(key);
    if (!limiter) {
      limiter = new AdaptiveLimiter(this.clock, this.options);
      this.families.set(key, limiter);
    }
    return limiter;
  }

  async acquire(key: string, signal?: AbortSignal): Promise<{ limiter: AdaptiveLimiter; ticket: LimiterTicket }> {
    const limiter = this.family(key);
    const ticket = await limiter.acquire(signal);
    if (this.global) await this.global.take(signal);
    return { limiter, ticket };
  }
}

/** `GET /api/2.0/permissions/jobs/123` → `GET /api/2.0/permissions/jobs/{id}`: ids do not make a family. */
export function familyKey(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d+(?=\/|$)/g, "/{id}")}`;
}
