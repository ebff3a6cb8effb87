import { describe, expect, it } from "vitest";
import { mapLimit } from "../../src/lib/map-limit.js";

describe("mapLimit", () => {
  it("keeps the input order with calls in flight side by side", async () => {
    const out = await mapLimit([30, 10, 20], 2, (ms) => new Promise<number>((r) => setTimeout(() => r(ms), ms)));
    expect(out).toEqual([30, 10, 20]);
  });
  it("starts no further call after one rejects", async () => {
    const started: number[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error("boom");
      await new Promise((r) => setTimeout(r, 5));
      return n;
    });
    await expect(run).rejects.toThrow("boom");
    await new Promise((r) => setTimeout(r, 30));
    expect(started).toEqual([1, 2]);
  });
});
