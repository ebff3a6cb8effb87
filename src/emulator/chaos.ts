// Random faults for resilience tests, from a seeded PRNG so a failing run can be replayed exactly.
import { prng } from "../lib/prng.js";

export type ChaosFault = "429" | "503" | "504" | "reset" | "lost";
const KINDS: readonly ChaosFault[] = ["429", "503", "504", "reset", "lost"];



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
