// Random faults for resilience tests, from a seeded PRNG so a failing run can be replayed exactly.
export type ChaosFault = "429" | "503" | "504" | "reset" | "lost";
const KINDS: readonly ChaosFault[] = ["429", "503", "504", "reset", "lost"];

/** mulberry32: small, fast, and good enough to spread faults; deterministic per seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Chaos {
  private readonly rand: () => number;
  constructor(
    private readonly probability: number,
    seed: number,
  ) {
    this.rand = prng(seed);
  }

  /** The fault for the next request, if any (two draws per request keep the sequence per request fixed). */
  next(): ChaosFault | undefined {
    if (this.probability <= 0) return undefined;
    const hit = this.rand() < this.probability;
    const kind = KINDS[Math.floor(this.rand() * KINDS.length)] as ChaosFault;
    return hit ? kind : undefined;
  }
}
