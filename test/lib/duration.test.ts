import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/lib/duration.js";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["10m", 600_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["90", 90_000],
    ["1.5m", 90_000],
  ])("%s → %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(["", "soon", "10x", "m10", "-5s"])("%j is not a duration", (text) => expect(parseDuration(text)).toBeUndefined());
  it("formats elapsed times", () => {
    expect([formatDuration(4_200), formatDuration(125_000), formatDuration(3_900_000)]).toEqual(["4s", "2m05s", "1h05m"]);
  });
});
