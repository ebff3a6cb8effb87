import { describe, expect, it } from "vitest";
import { assignNames, notebookName } from "../../src/notebooks/definition.js";

describe("assignNames", () => {
  const paths = ["/Users/alice@contoso.com/ETL/Sales Load", "/Shared/etl/sales-load", "/Shared/reports/Daily Report.py", "/Shared/x/CON"];

  it("gives lowercase, safe stems and qualifies every member of a collision by its folder", () => {
    expect(Object.fromEntries(assignNames(paths))).toEqual({
      "/Users/alice@contoso.com/ETL/Sales Load": "alice-contoso-com-etl-sales-load",
      "/Shared/etl/sales-load": "shared-etl-sales-load",
      "/Shared/reports/Daily Report.py": "daily-report",
      "/Shared/x/CON": "con-notebook",
    });
  });

  it("does not depend on the order of the input", () => {
    const forward = assignNames(paths);
    const backward = assignNames([...paths].reverse());
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
    expect(new Set(forward.values()).size).toBe(paths.length);
  });

  it("uses the shortest folder qualification that separates the group", () => {
    const names = assignNames(["/a/x/main", "/b/x/main", "/a/y/main", "/solo"]);
    expect(Object.fromEntries(names)).toEqual({ "/a/x/main": "a-x-main", "/b/x/main": "b-x-main", "/a/y/main": "a-y-main", "/solo": "solo" });
    expect(Object.fromEntries(assignNames(["/p/main", "/q/main"]))).toEqual({ "/p/main": "p-main", "/q/main": "q-main" });
  });

  it("avoids names already taken by existing definitions", () => {
    expect(assignNames(["/a/report"], new Set(["report"])).get("/a/report")).toBe("a-report");
  });
});

describe("notebookName", () => {
  it("returns the plain stem when free and records it as taken", () => {
    const taken = new Set<string>();
    expect(notebookName("/Shared/Ingest Orders", taken)).toBe("ingest-orders");
    expect(taken.has("ingest-orders")).toBe(true);
    expect(notebookName("/Other/Ingest-Orders", taken)).toBe("other-ingest-orders");
  });

  it("falls back to a stable hash suffix when folders cannot separate two paths", () => {
    const a = notebookName("/x/Report", new Set(["report", "x-report"]));
    const b = notebookName("/x/Report", new Set(["report", "x-report"]));
    expect(a).toMatch(/^report-[0-9a-f]{6}$/);
    expect(a).toBe(b);
    expect(notebookName("/x/report!", new Set(["report", "x-report"]))).not.toBe(a);
  });
});
