import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/render/unified-diff.js";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

describe("unifiedDiff", () => {
  it("prints git's hunks: removed before added, three lines of context, numbers of each side", () => {
    const a = lines(20);
    const b = [...a];
    b[4] = "five";
    b.splice(15, 0, "new");
    expect(unifiedDiff("jobs/x.yaml", a.join("\n") + "\n", b.join("\n") + "\n")).toBe(
      [
        "--- a/jobs/x.yaml",
        "+++ b/jobs/x.yaml",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+five",
        " line 6",
        " line 7",
        " line 8",
        "@@ -13,6 +13,7 @@",
        " line 13",
        " line 14",
        " line 15",
        "+new",
        " line 16",
        " line 17",
        " line 18",
        "",
      ].join("\n"),
    );
  });

  it("is empty for equal texts, and colours lines on request", () => {
    expect(unifiedDiff("f", "a\n", "a\n")).toBe("");
    expect(unifiedDiff("f", "a\n", "b\n", { color: true })).toContain("\u001b[31m-a\u001b[0m\n\u001b[32m+b\u001b[0m");
  });
});
