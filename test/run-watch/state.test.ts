import { describe, expect, it } from "vitest";
import { exitCodeFor, runOutcome, succeededWithFailures } from "../../src/run-watch/state.js";
import { run } from "./support.js";

describe("run state mapping", () => {
  it.each([
    ["PENDING", undefined, "running"],
    ["QUEUED", undefined, "running"],
    ["RUNNING", undefined, "running"],
    ["TERMINATING", undefined, "running"],
    ["BLOCKED", undefined, "running"],
    ["SOMETHING_NEW", undefined, "running"],
    ["SKIPPED", undefined, "cancelled"],
    ["INTERNAL_ERROR", "FAILED", "failed"],
    ["INTERNAL_ERROR", undefined, "failed"],
    ["TERMINATED", "SUCCESS", "success"],
    ["TERMINATED", "FAILED", "failed"],
    ["TERMINATED", "TIMEDOUT", "failed"],
    ["TERMINATED", "CANCELED", "cancelled"],
    ["TERMINATED", "A_NEW_RESULT", "failed"],
  ])("%s %s → %s", (life, result, phase) => {
    expect(runOutcome(run(life, result)).phase).toBe(phase);
  });

  it("reads the newer status when the legacy state is absent", () => {
    expect(runOutcome({ status: { state: "RUNNING" } }).phase).toBe("running");
    expect(runOutcome({ status: { state: "TERMINATED", termination_details: { code: "SUCCESS" } } }).phase).toBe("success");
    expect(runOutcome({ status: { state: "TERMINATED", termination_details: { code: "USER_CANCELED" } } }).phase).toBe("cancelled");
    expect(runOutcome({ status: { state: "TERMINATED", termination_details: { code: "RUN_EXECUTION_ERROR" } } }).phase).toBe("failed");
  });

  it("maps phases to the exit codes of PRODUCT.md", () => {
    expect([exitCodeFor("success"), exitCodeFor("failed"), exitCodeFor("cancelled")]).toEqual([0, 1, 3]);
  });

  it("tells a success with failed tasks from a plain success, in both state shapes", () => {
    expect(succeededWithFailures(runOutcome(run("TERMINATED", "SUCCESS_WITH_FAILURES")))).toBe(true);
    expect(succeededWithFailures(runOutcome({ status: { state: "TERMINATED", termination_details: { code: "SUCCESS_WITH_FAILURES" } } }))).toBe(true);
    expect(succeededWithFailures(runOutcome(run("TERMINATED", "SUCCESS")))).toBe(false);
    expect(succeededWithFailures(runOutcome(run("INTERNAL_ERROR", "FAILED")))).toBe(false);
  });
});
