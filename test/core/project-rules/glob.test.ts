import { describe, expect, it } from "vitest";
import { globMatches } from "../../../src/core/glob.js";

describe("globMatches", () => {
  it.each([
    ["sales-*", "sales-load", true],
    ["sales-*", "sales-", true],
    ["sales-*", "report", false],
    ["etl-?", "etl-1", true],
    ["etl-?", "etl-12", false],
    ["*", "", true],
    ["", "", true],
    ["", "a", false],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXbYcZ", false],
    ["*-load", "sales-load", true],
    ["a.b", "aXb", false],
    ["a.b", "a.b", true],
    ["(x)+", "(x)+", true],
    ["**a", "ba", true],
    ["a*?", "a", false],
    ["a*?", "ab", true],
  ])("%s against %s is %s", (glob, key, want) => {
    expect(globMatches(glob, key)).toBe(want);
  });

  it("stays linear on globs that make a backtracking regex explode", () => {
    // As the regex `^a.*a.*…b$` (the previous implementation) this backtracks polynomially, degree 30: it never
    // finishes and the test times out. The scan is at most glob length × key length steps.
    const glob = "a*".repeat(30) + "b";
    const key = "a".repeat(5000);
    expect(globMatches(glob, key)).toBe(false);
    expect(globMatches(glob, key + "b")).toBe(true);
    expect(globMatches("*".repeat(10_000) + "x", "y".repeat(10_000))).toBe(false);
  });
});
