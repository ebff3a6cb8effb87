import { describe, expect, it } from "vitest";
import type { Run, RunTask } from "../../src/databricks/index.js";
import { bar, renderTimeline, repairIndex, timelineRows } from "../../src/runs/timeline.js";
import type { TimelineRow } from "../../src/runs/timeline.js";

const T0 = 1_700_000_000_000;

function task(key: string, runId: number, startS: number | undefined, endS: number | undefined, state: RunTask["state"], attempt = 0): RunTask {
  return { task_key: key, run_id: runId, attempt_number: attempt, state, start_time: startS === undefined ? 0 : T0 + startS * 1000, end_time: endS === undefined ? 0 : T0 + endS * 1000 };
}
const ok = { life_cycle_state: "TERMINATED", result_state: "SUCCESS" };
const failed = { life_cycle_state: "TERMINATED", result_state: "FAILED" };
const running = { life_cycle_state: "RUNNING" };

function row(p: Partial<TimelineRow>): TimelineRow {
  return { taskKey: "t", attempt: 0, repair: 0, state: "SUCCESS", status: "Succeeded", phase: "success", ...p };
}

describe("bar", () => {
  it("places the marks by offset and length on the shared scale", () => {
    expect(bar(row({ startOffsetMs: 0, durationMs: 50 }), 100, 10)).toBe("=====     ");
    expect(bar(row({ startOffsetMs: 50, durationMs: 50, phase: "failed" }), 100, 10)).toBe("     xxxxx");
    expect(bar(row({ startOffsetMs: 20, durationMs: 30, phase: "running" }), 100, 10)).toBe("  >>>     ");
  });
  it("a blink still gets one mark, and nothing runs past the right edge", () => {
    expect(bar(row({ startOffsetMs: 0, durationMs: 0 }), 1000, 10)).toBe("=         ");
    expect(bar(row({ startOffsetMs: 1000, durationMs: 0 }), 1000, 10)).toBe("         =");
    expect(bar(row({ startOffsetMs: 90, durationMs: 500 }), 100, 10)).toBe("         =");
  });
  it("a task that never started has an empty bar", () => {
    expect(bar(row({}), 100, 10)).toBe(" ".repeat(10));
  });
});

describe("timelineRows", () => {
  const run: Run = {
    run_id: 1,
    start_time: T0,
    state: running,
    tasks: [
      task("publish", 14, undefined, undefined, { life_cycle_state: "BLOCKED" }),
      task("ingest", 11, 0, 60, ok),
      task("stats", 12, 60, 90, failed),
      task("stats", 15, 95, undefined, running, 1),
      task("clean", 13, 60, 120, ok),
    ],
  };
  it("orders by start, keeps retries as their own rows, and measures a running task up to now", () => {
    const rows = timelineRows(run, T0 + 100_000);
    expect(rows.map((r) => [r.taskKey, r.attempt, r.state, r.status, r.startOffsetMs, r.durationMs])).toEqual([
      ["ingest", 0, "SUCCESS", "Succeeded", 0, 60_000],
      ["stats", 0, "FAILED", "Failed", 60_000, 30_000],
      ["clean", 0, "SUCCESS", "Succeeded", 60_000, 60_000],
      ["stats", 1, "RUNNING", "Running", 95_000, 5_000],
      ["publish", 0, "BLOCKED", "Blocked", undefined, undefined],
    ]);
  });
  it("labels repair attempts from repair_history and draws no bar for tasks an upstream failure kept from running", () => {
    const repaired: Run = {
      run_id: 1,
      start_time: T0,
      state: ok,
      repair_history: [
        { type: "ORIGINAL", task_run_ids: [11, 12] },
        { type: "REPAIR", id: 99, task_run_ids: [20n] },
      ],
      tasks: [task("a", 11, 0, 10, ok), task("b", 12, 10, 10, { life_cycle_state: "TERMINATED", result_state: "UPSTREAM_FAILED" }), { ...task("b", 20, 30, 40, ok), run_id: 20n }],
    };
    expect(repairIndex(repaired)).toEqual(new Map([["20", 1]]));
    const rows = timelineRows(repaired, T0);
    expect(rows.map((r) => [r.taskKey, r.repair, r.startOffsetMs])).toEqual([
      ["a", 0, 0],
      ["b", 1, 30_000],
      ["b", 0, undefined],
    ]);
  });
});

describe("for_each iterations", () => {
  it("a for_each task run's counts come from task_run_stats and read beside its status", () => {
    const fe = (stats: Record<string, number>) => ({ ...task("fan", 30, 0, undefined, running), for_each_task: { inputs: "[1,2,3]", stats: { task_run_stats: stats } } });
    const [row] = timelineRows({ run_id: 1, start_time: T0, state: running, tasks: [fe({ total_iterations: 3, completed_iterations: 2, succeeded_iterations: 1, failed_iterations: 1, active_iterations: 1 })] }, T0 + 5000);
    expect(row?.iterations).toEqual({ total: 3, completed: 2, succeeded: 1, failed: 1 });
    expect(renderTimeline(row ? [row] : [], 4)[1]).toMatch(/^fan +0 +Running \(2\/3 iterations, 1 failed\) /);
    expect(timelineRows({ run_id: 1, tasks: [task("plain", 31, 0, 1, ok)] }, T0)[0]?.iterations).toBeUndefined();
  });
});

describe("renderTimeline", () => {
  it("a table with aligned columns, the bars, and the scale and legend", () => {
    const lines = renderTimeline(
      [row({ taskKey: "ingest", startOffsetMs: 0, durationMs: 60_000 }), row({ taskKey: "stats", repair: 1, state: "FAILED", status: "Failed", phase: "failed", startOffsetMs: 60_000, durationMs: 60_000 })],
      8,
    );
    expect(lines).toEqual([
      "TASK    ATTEMPT     STATUS      START  DURATION  TIMELINE",
      "ingest  0           Succeeded     +0s     1m00s  |====    |",
      "stats   0 repair 1  Failed     +1m00s     1m00s  |    xxxx|",
      "scale: 8 columns = 2m00s; = succeeded  x failed  ~ cancelled/skipped  > running",
    ]);
  });
  it("says so when no task was scheduled yet", () => {
    expect(renderTimeline([])).toEqual(["(no task has been scheduled yet)"]);
  });
});
