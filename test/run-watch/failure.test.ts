import { describe, expect, it } from "vitest";
import type { Id, RunOutput } from "../../src/databricks/index.js";
import { explainFailure, trimTrace } from "../../src/run-watch/failure.js";
import { runPageUrl } from "../../src/run-watch/url.js";

describe("failure details", () => {
  it("asks get-output for the failed TASK run, never the parent", async () => {
    const asked: Id[] = [];
    const parent = {
      run_id: 100,
      state: { life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED", state_message: "Task notebook failed" },
      tasks: [{ task_key: "notebook", run_id: 101, state: { life_cycle_state: "TERMINATED", result_state: "FAILED", state_message: "Workload failed" } }],
    };
    const failures = await explainFailure(parent, async (id): Promise<RunOutput> => {
      asked.push(id);
      return { error: "ZeroDivisionError: division by zero", error_trace: "Traceback\n  line 1\nZeroDivisionError" };
    });
    expect(asked).toEqual([101]);
    expect(failures).toEqual([{ taskKey: "notebook", runId: 101, error: "ZeroDivisionError: division by zero", trace: "Traceback\n  line 1\nZeroDivisionError" }]);
  });

  it("falls back to the task's state message when get-output fails", async () => {
    const failures = await explainFailure(
      { run_id: 1, tasks: [{ task_key: "t", run_id: 2, state: { life_cycle_state: "INTERNAL_ERROR", state_message: "RESOURCE_DOES_NOT_EXIST: nope" } }] },
      async () => Promise.reject(new Error("boom")),
    );
    expect(failures).toEqual([{ taskKey: "t", runId: 2, error: "RESOURCE_DOES_NOT_EXIST: nope", outputError: "boom" }]);
  });

  it("trims a long trace to its head and tail", () => {
    const trace = Array.from({ length: 100 }, (_, i) => `frame ${i}`).join("\n");
    const lines = trimTrace(trace).split("\n");
    expect(lines).toHaveLength(26);
    expect(lines[0]).toBe("frame 0");
    expect(lines[5]).toBe("… 75 lines not shown …");
    expect(lines.at(-1)).toBe("frame 99");
    expect(trimTrace("a\nb\n")).toBe("a\nb");
  });
});

describe("run page link", () => {
  it("uses run_page_url verbatim, else the fragment form", () => {
    expect(runPageUrl("https://h", 5, "https://h/?o=1#job/9/run/5")).toBe("https://h/?o=1#job/9/run/5");
    expect(runPageUrl("https://h/", 9007199254740993n, undefined)).toBe("https://h/#job/9007199254740993/run/1");
  });
});
