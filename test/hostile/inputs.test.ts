// Every input of the hostile corpus (devices, FIFOs, symlink escapes and loops, huge and deep files, NUL
// bytes, UTF-16, alias bombs, thousands of files) ends with exit 1 and a located one-line error, within the
// CPU and memory bounds, in a child process whose heap is capped.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../support/cli.js";
// @ts-expect-error a plain-JS module shared with bench/hostile-inputs.mjs
import { BOUNDS, buildCase, CASES, runCase } from "./corpus.mjs";

beforeAll(ensureBuilt);

const names = Object.keys(CASES as Record<string, unknown>);

describe("hostile inputs", () => {
  it.each(names)("%s", (name) => {
    const { dir, cleanup } = buildCase(name);
    try {
      const run = runCase(dir);
      const expected = (CASES as Record<string, [unknown, RegExp]>)[name]?.[1] as RegExp;
      expect(run.output, run.output.slice(0, 2000)).toMatch(expected);
      expect(run.status, run.output.slice(0, 2000)).toBe(1);
      expect(run.output).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
      expect(run.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(run.rssBytes).toBeLessThan(BOUNDS.rssBytes);
    } finally {
      cleanup();
    }
  });

  it("plan stops at the same errors before any call (jobform.yaml → /dev/zero)", () => {
    const { dir, cleanup } = buildCase("jobform.yaml → /dev/zero");
    try {
      const run = runCase(dir, ["plan"]);
      expect(run.status).toBe(1);
      expect(run.output).toMatch(/^jobform\.yaml: error JF090: /m);
      expect(run.output).toContain("nothing was read from or written to the workspace");
    } finally {
      cleanup();
    }
  });

  it("pause refuses a job file symlinked to /dev/zero instead of reading it", () => {
    const { dir, cleanup } = buildCase("job file → /dev/zero");
    try {
      const run = runCase(dir, ["pause", "z"]);
      expect(run.status).toBe(1);
      expect(run.output).toContain("jobs/z.yaml is a symlink to /dev/zero, outside the project directory");
      expect(run.cpuMs).toBeLessThan(BOUNDS.cpuMs);
    } finally {
      cleanup();
    }
  });
});
