import { describe, expect, it } from "vitest";
import { setPauseStatus } from "../../src/core/pause.js";

describe("setPauseStatus", () => {
  it("pauses a schedule and keeps comments and layout", () => {
    const text = "# owned by sales\nname: a # the name\nschedule:\n  quartz_cron_expression: \"0 0 6 * * ?\" # daily\n  timezone_id: UTC\n  pause_status: UNPAUSED\ntasks: []\n";
    const edit = setPauseStatus(text, "PAUSED");
    expect(edit?.changed).toEqual(["/schedule/pause_status"]);
    expect(edit?.fields).toEqual(["schedule"]);
    expect(edit?.text).toBe(text.replace("pause_status: UNPAUSED", "pause_status: PAUSED"));
  });

  it("adds pause_status where it is missing, in flow maps too", () => {
    const edit = setPauseStatus("name: a\ncontinuous: { task_retry_mode: ON_FAILURE }\n", "PAUSED");
    expect(edit?.text).toBe("name: a\ncontinuous: { task_retry_mode: ON_FAILURE, pause_status: PAUSED }\n");
  });

  it("sets every entry of triggers[] and reports already-set fields as unchanged", () => {
    const edit = setPauseStatus("triggers:\n  - periodic: { interval: 1, unit: HOURS }\n    pause_status: PAUSED\n  - schedule: { quartz_cron_expression: \"0 0 * * * ?\", timezone_id: UTC }\n", "PAUSED");
    expect(edit?.changed).toEqual(["/triggers/1/pause_status"]);
    expect(edit?.fields).toEqual(["triggers"]);
    expect(edit?.text).toContain("  - schedule: { quartz_cron_expression: \"0 0 * * * ?\", timezone_id: UTC }\n    pause_status: PAUSED\n");
  });

  it("has nothing to pause on a job without a schedule or trigger, or on broken YAML", () => {
    expect(setPauseStatus("name: a\ntasks: []\n", "PAUSED")).toBeUndefined();
    expect(setPauseStatus("name: [\n", "PAUSED")).toBeUndefined();
  });

  it("changes only the pause_status bytes: flow maps, [a] lists, quoting and spacing elsewhere stay as written", () => {
    const text = [
      "name:   'Sales load'   # padded",
      "tags: [a]",
      "email_notifications: {on_failure: [ops@example.com]}",
      "schedule:",
      "  quartz_cron_expression: '0 0 6 * * ?'",
      "  timezone_id:   UTC",
      "  pause_status: UNPAUSED # set by ops",
      "tasks:",
      "  - {task_key: a, notebook_task: {notebook_path: /x}}",
      "",
    ].join("\n");
    const edit = setPauseStatus(text, "PAUSED");
    expect(edit?.text).toBe(text.replace("pause_status: UNPAUSED", "pause_status: PAUSED"));
    expect(setPauseStatus(edit?.text as string, "PAUSED")).toMatchObject({ text: edit?.text, changed: [] });
  });

  it("adds a missing pause_status after the last entry of a block map at its indentation, past nested maps and comments", () => {
    const text = "schedule:\n    quartz_cron_expression: '0 0 6 * * ?'\n    extra:\n      deep: [x]  # note\ntasks: [{task_key: a}]\n";
    expect(setPauseStatus(text, "PAUSED")?.text).toBe("schedule:\n    quartz_cron_expression: '0 0 6 * * ?'\n    extra:\n      deep: [x]  # note\n    pause_status: PAUSED\ntasks: [{task_key: a}]\n");
  });

  it("adds pause_status with the file's own line break", () => {
    expect(setPauseStatus("schedule:\r\n  quartz_cron_expression: '0 0 6 * * ?'\r\n  timezone_id: UTC\r\ntasks: []\r\n", "PAUSED")?.text).toBe("schedule:\r\n  quartz_cron_expression: '0 0 6 * * ?'\r\n  timezone_id: UTC\r\n  pause_status: PAUSED\r\ntasks: []\r\n");
  });
});
