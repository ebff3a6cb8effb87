import { describe, expect, it } from "vitest";
import { selectJobs } from "../../src/cli/plan-context.js";

const known = ["files-ingest", "ml-training", "orders-stream", "sales-load", "sales.v2"];

describe("--job selection", () => {
  it("takes keys and globs, each matching at least one job", () => {
    expect(selectJobs(["sales-load"], known)).toEqual(["sales-load"]);
    expect(selectJobs(["sales*", "ml-?raining"], known)).toEqual(["ml-training", "sales-load", "sales.v2"]);
    expect(selectJobs(["*-stream", "orders-stream"], known)).toEqual(["orders-stream"]);
  });

  it("treats regex characters in keys literally and refuses a pattern that matches nothing", () => {
    expect(selectJobs(["sales.v2"], ["sales.v2", "salesXv2"])).toEqual(["sales.v2"]);
    expect(() => selectJobs(["nope*"], known)).toThrow("--job nope*: no such job in jobs/ (known: files-ingest, ml-training, orders-stream, sales-load, sales.v2)");
  });
});
