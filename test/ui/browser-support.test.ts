// The browser tests' finder: a named browser must exist; none found means skip, except under CI=true.
import { describe, expect, it, vi } from "vitest";
import { browserForTests, findBrowser } from "../support/browser.js";

describe("finding the browser for the UI tests", () => {
  it("takes JOBFORM_BROWSER when it exists, and nothing else when it does not", () => {
    expect(findBrowser({ JOBFORM_BROWSER: process.execPath })).toBe(process.execPath);
    expect(findBrowser({ JOBFORM_BROWSER: "/nonexistent/chromium" })).toBeUndefined();
  });

  it("skips with a message locally, and fails under CI=true", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(browserForTests({ JOBFORM_BROWSER: "/nonexistent/chromium" })).toBeUndefined();
      expect(String(write.mock.calls[0]?.[0])).toMatch(/^skipping the browser tests: no Chromium found \(looked at \/nonexistent\/chromium\); install it/);
    } finally {
      write.mockRestore();
    }
    expect(() => browserForTests({ JOBFORM_BROWSER: "/nonexistent/chromium", CI: "true" })).toThrow(/the UI tests need a browser under CI/);
  });
});
