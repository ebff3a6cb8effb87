// Golden views of run states: the text says what the Jobs UI says, the JSON keeps the API's words.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BaseJob, Run } from "../../src/databricks/index.js";
import { parseJson, stringifyJson } from "../../src/lib/json.js";
import { renderJobsTable, summarizeJob } from "../../src/runs/jobs-table.js";
import { renderRunHeader, runView } from "../../src/runs/run-ops.js";
import { renderRunsTable, summarizeRun } from "../../src/runs/runs-table.js";
import { renderTimeline, timelineRows } from "../../src/runs/timeline.js";
import { CASES_DIR, golden } from "../support/cases.js";

const CASE = "runs-status-labels";
const NOW = Date.UTC(2024, 4, 1, 6, 5, 0);
const input = <T>(file: string): T => parseJson(readFileSync(join(CASES_DIR, CASE, file), "utf8")) as T;
const text = (lines: string[]) => `${lines.join("\n")}\n`;

describe("run states as the Jobs UI words them", () => {
  const runs = input<Run[]>("runs.json");
  const run = input<Run>("run.json");

  it("runs list", () => {
    const actual = text(renderRunsTable(runs.map((r) => summarizeRun(r, NOW))));
    expect(actual).toBe(golden(CASE, "runs-list.txt", actual));
    expect(actual).not.toMatch(/INTERNAL_ERROR|TERMINATED|SUCCESS_WITH_FAILURES/);
  });

  it("runs list --format json keeps the raw states beside the label", () => {
    const actual = `${stringifyJson(runs.map((r) => summarizeRun(r, NOW)), 2)}\n`;
    expect(actual).toBe(golden(CASE, "runs-list.json", actual));
  });

  it("jobs list: the last run's status", () => {
    const job = (id: number, name: string): BaseJob => ({ job_id: id, creator_user_name: "alice@contoso.com", settings: { name, tasks: [{ task_key: "a" }] } });
    const jobs = runs.map((r, i) => summarizeJob(job(10 + i, `Job ${String.fromCharCode(65 + i)}`), "acme", r));
    const actual = text(renderJobsTable(jobs, { wide: true }));
    expect(actual).toBe(golden(CASE, "jobs-list.txt", actual));
    expect(actual).not.toMatch(/INTERNAL_ERROR|TERMINATED|SUCCESS_WITH_FAILURES/);
  });

  it("runs get: header and timeline", () => {
    const actual = text([...renderRunHeader(run, "https://h/#job/3/run/105", NOW), ...renderTimeline(timelineRows(run, NOW))]);
    expect(actual).toBe(golden(CASE, "runs-get.txt", actual));
    expect(actual).not.toMatch(/INTERNAL_ERROR|UPSTREAM_FAILED|TIMEDOUT/);
  });

  it("runs get --format json keeps the raw states beside the label", () => {
    const actual = `${stringifyJson(runView(run, NOW), 2)}\n`;
    expect(actual).toBe(golden(CASE, "runs-get.json", actual));
  });
});
