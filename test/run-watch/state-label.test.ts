import { describe, expect, it } from "vitest";
import { runOutcome, stateOutcome } from "../../src/run-watch/state.js";
import { describeStatus, rawStateWord, statusLabel } from "../../src/run-watch/state-label.js";
import { ending } from "../../src/run-watch/ending.js";
import { run } from "./support.js";

describe("the Jobs UI's words for run states", () => {
  it.each([
    ["QUEUED", undefined, "Queued", "QUEUED"],
    ["PENDING", undefined, "Pending", "PENDING"],
    ["RUNNING", undefined, "Running", "RUNNING"],
    ["TERMINATING", undefined, "Terminating", "TERMINATING"],
    ["WAITING_FOR_RETRY", undefined, "Waiting for retry", "WAITING_FOR_RETRY"],
    ["SOMETHING_NEW", undefined, "SOMETHING_NEW", "SOMETHING_NEW"],
    ["INTERNAL_ERROR", "FAILED", "Failed", "INTERNAL_ERROR"],
    ["INTERNAL_ERROR", undefined, "Failed", "INTERNAL_ERROR"],
    ["TERMINATED", "SUCCESS", "Succeeded", "SUCCESS"],
    ["TERMINATED", "SUCCESS_WITH_FAILURES", "Succeeded with failures", "SUCCESS_WITH_FAILURES"],
    ["TERMINATED", "FAILED", "Failed", "FAILED"],
    ["TERMINATED", "TIMEDOUT", "Timed out", "TIMEDOUT"],
    ["TERMINATED", "CANCELED", "Canceled", "CANCELED"],
    ["TERMINATED", "MAXIMUM_CONCURRENT_RUNS_REACHED", "Skipped", "MAXIMUM_CONCURRENT_RUNS_REACHED"],
    ["SKIPPED", undefined, "Skipped", "SKIPPED"],
    ["TERMINATED", "UPSTREAM_FAILED", "Upstream failed", "UPSTREAM_FAILED"],
    ["TERMINATED", "UPSTREAM_CANCELED", "Upstream canceled", "UPSTREAM_CANCELED"],
    ["TERMINATED", "EXCLUDED", "Excluded", "EXCLUDED"],
    ["TERMINATED", "A_NEW_RESULT", "Failed (A_NEW_RESULT)", "A_NEW_RESULT"],
  ])("%s %s reads %s (JSON keeps %s)", (life, result, label, raw) => {
    const o = runOutcome(run(life, result));
    expect(statusLabel(o)).toBe(label);
    expect(rawStateWord(o)).toBe(raw);
  });

  it("reads the newer status's termination codes the same way", () => {
    const v2 = (code: string) => statusLabel(stateOutcome(undefined, { state: "TERMINATED", termination_details: { code } }));
    expect([v2("SUCCESS"), v2("SUCCESS_WITH_FAILURES"), v2("USER_CANCELED"), v2("SKIPPED"), v2("DRIVER_ERROR")]).toEqual(["Succeeded", "Succeeded with failures", "Canceled", "Skipped", "Failed (DRIVER_ERROR)"]);
  });

  it("adds the state message on one line", () => {
    expect(describeStatus(runOutcome({ state: { life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED", state_message: "Task x\n failed" } }))).toBe("Failed: Task x failed");
  });
});

describe("how a run ended", () => {
  const ended = (life: string, result?: string, message?: string) => runOutcome({ state: { life_cycle_state: life, ...(result ? { result_state: result } : {}), ...(message ? { state_message: message } : {}) } });
  it("says it in the UI's words, with the exit code", () => {
    expect(ending("5", ended("TERMINATED", "SUCCESS"), "1m00s")).toEqual({ line: "Run 5 succeeded after 1m00s", code: 0, reportTasks: false });
    expect(ending("5", ended("INTERNAL_ERROR", "FAILED", "Task a failed"), "1m00s")).toEqual({ line: "Run 5 failed after 1m00s: Task a failed", code: 1, reportTasks: true });
    expect(ending("5", ended("TERMINATED", "TIMEDOUT", "Run timed out"), "2m00s")).toEqual({ line: "Run 5 timed out after 2m00s: Run timed out", code: 1, reportTasks: true });
    expect(ending("5", ended("TERMINATED", "CANCELED"), "1s")).toEqual({ line: "Run 5 was canceled", code: 3, reportTasks: false });
    expect(ending("5", ended("SKIPPED", undefined, "already running"), "1s")).toEqual({ line: "Run 5 was skipped: already running", code: 3, reportTasks: false });
    expect(ending("5", stateOutcome(undefined, { state: "TERMINATED", termination_details: { code: "DRIVER_ERROR", message: "OOM" } }), "9s").line).toBe("Run 5 failed (DRIVER_ERROR) after 9s: OOM");
  });

  it("a success with failures lists its tasks and exits 0, or 1 when asked", () => {
    expect(ending("5", ended("TERMINATED", "SUCCESS_WITH_FAILURES"), "3m00s")).toEqual({ line: "Run 5 succeeded with failures after 3m00s", code: 0, reportTasks: true });
    expect(ending("5", ended("TERMINATED", "SUCCESS_WITH_FAILURES"), "3m00s", true).code).toBe(1);
    expect(ending("5", ended("TERMINATED", "SUCCESS"), "3m00s", true).code).toBe(0);
  });
});
