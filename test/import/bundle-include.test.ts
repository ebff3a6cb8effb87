// The include patterns of a bundle as the bundles CLI reads them: `*`, `?` and `[…]` within one path segment,
// `**` across folders, relative to the declaring file; files found twice are read once.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBundle } from "../../src/cli/read-bundle.js";
import { segmentMatcher } from "../../src/core/bundle/include-glob.js";

describe("include globs", () => {
  it("match within one segment: * and ? never cross a slash; [abc], [a-c] and [!x] are classes", () => {
    const m = (g: string, s: string) => segmentMatcher(g)?.test(s);
    expect(segmentMatcher("jobs.yml")).toBeUndefined();
    expect(m("*.yml", "a.yml")).toBe(true);
    expect(m("*.yml", "a.yaml")).toBe(false);
    expect(m("?.yml", "ab.yml")).toBe(false);
    expect(m("[ab].yml", "b.yml")).toBe(true);
    expect(m("[a-c].yml", "d.yml")).toBe(false);
    expect(m("[!a].yml", "a.yml")).toBe(false);
    expect(m("[!a].yml", "z.yml")).toBe(true);
    expect(m("a.(x)+*.yml", "a.(x)+.yml")).toBe(true);
    expect(m("a.(x)+*.yml", "ab(x)+.yml")).toBe(false);
  });

  it("reads includes relative to the file that declares them, ** across folders, each file once, in sorted order", () => {
    const root = mkdtempSync(join(tmpdir(), "jobform-include-"));
    const w = (rel: string, text: string) => {
      mkdirSync(join(root, rel, ".."), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    w("databricks.yml", "bundle: { name: x }\ninclude: [conf/*.yml, 'deep/**/*.yml']\n");
    w("conf/b.yml", "include: [../deep/one/j.yml]\n");
    w("conf/a.yml", "x: 1\n");
    w("conf/skip.yaml", "x: 1\n");
    w("deep/one/j.yml", "x: 1\n");
    w("deep/one/two/k.yml", "x: 1\n");
    const read = readBundle(root);
    expect(read.diagnostics).toEqual([]);
    expect(read.files.map((f) => f.file)).toEqual(["databricks.yml", "conf/a.yml", "conf/b.yml", "deep/one/j.yml", "deep/one/two/k.yml"]);
  });
});
