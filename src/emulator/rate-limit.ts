// Server-side token buckets. Over the limit the real service answers 429 REQUEST_LIMIT_EXCEEDED with an
// integer Retry-After in seconds (OPERATIONS-NOTES A1); per-endpoint rates are unverified, so configurable.
import type { RateLimitSpec } from "./options.js";
import { ApiFailure } from "./errors.js";

interface Bucket {
  rate: number;
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Longest names first, so "jobs/runs/get" wins over "jobs". */
  private readonly names: string[];

  constructor(
    private readonly spec: RateLimitSpec,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.names = [...spec.perEndpoint.keys()].sort((a, b) => b.length - a.length);
  }

  private bucketFor(endpoint: string): [string, number] | undefined {
    if (this.spec.global !== undefined) return ["*", this.spec.global];
    for (const n of this.names) if (endpoint === n || endpoint.startsWith(`${n}/`)) return [n, this.spec.perEndpoint.get(n) as number];
    return undefined;
  }

  /** Takes one token for the endpoint (path below the version) or throws the 429. */
  take(endpoint: string): void {
    const found = this.bucketFor(endpoint);
    if (!found) return;
    const [name, rate] = found;
    const now = this.now();
    let b = this.buckets.get(name);
    if (!b) {
      // A bucket holds one second's worth of requests: bursts up to the rate pass.
      b = { rate, tokens: rate, at: now };
      this.buckets.set(name, b);
    }
    b.tokens = Math.min(b.rate, b.tokens + ((now - b.at) / 1000) * b.rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    const wait = Math.max(1, Math.ceil((1 - b.tokens) / b.rate));
    throw new ApiFailure(429, "REQUEST_LIMIT_EXCEEDED", `Request limit exceeded for ${name === "*" ? "this workspace" : name}: the RPC token bucket limit has been exceeded.`, {
      "retry-after": String(wait),
    });
  }
}
