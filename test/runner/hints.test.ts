import { describe, expect, it } from "vitest";
import { missingNotebookHint, pendingHint } from "../../src/runner/hints.js";

describe("hints", () => {
  it("explains a missing notebook and a long PENDING", () => {
    expect(missingNotebookHint(["RESOURCE_DOES_NOT_EXIST: Unable to access the notebook"], "/x")).toMatch(/\/x is not a notebook.*jobform notebooks import/);
    expect(missingNotebookHint(["ZeroDivisionError"], "/x")).toBeUndefined();
    expect(pendingHint("PENDING", 60_000, "NewJobCluster")).toBeUndefined();
    expect(pendingHint("PENDING", 180_000, "NewJobCluster")).toMatch(/cluster is starting.*ExistingInteractiveCluster.*ExistingInstancePool.*Serverless/);
    expect(pendingHint("RUNNING", 180_000, "NewJobCluster")).toBeUndefined();
  });
});
