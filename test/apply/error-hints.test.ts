import { describe, expect, it } from "vitest";
import { hintFor } from "../../src/apply/error-hints.js";
import { renderReportMarkdown, renderReportText } from "../../src/apply/report.js";

describe("apply error hints", () => {
  it.each([
    ["INVALID_PARAMETER_VALUE: The job must have exactly one owner. (PUT /api/2.0/permissions/jobs/5)", /exactly one IS_OWNER.*permissions: in jobs\/k\.yaml/],
    ["PERMISSION_DENIED: bot does not have Manage permissions on Job with ID: ElasticJobId(5).", /lacks CAN_MANAGE/],
    ["INVALID_PARAMETER_VALUE: Cluster 0101-abc does not exist", /existing_cluster_id in jobs\/k\.yaml/],
    ["REQUEST_LIMIT_EXCEEDED: rate limit exceeded", /run apply again/],
    ["INVALID_PARAMETER_VALUE: Job 77 does not exist.", /not in the workspace/],
    ["MALFORMED_REQUEST: bad json", /jobform validate/],
  ])("%s", (detail, hint) => expect(hintFor(detail, "k")).toMatch(hint));

  it("stays silent on errors it does not know, and the report shows known ones under the table", () => {
    expect(hintFor("socket hang up", "k")).toBeUndefined();
    const report = { results: [{ key: "a", outcome: "failed" as const, detail: "INVALID_PARAMETER_VALUE: The job must have exactly one owner." }, { key: "b", outcome: "created" as const, job_id: "2" }], nonConvergent: [] };
    const text = renderReportText(report);
    expect(text).toContain("! a: the job's permissions must name exactly one IS_OWNER");
    expect(text).not.toContain("! b");
    expect(renderReportMarkdown(report, "t")).toContain("- a: the job's permissions must name exactly one IS_OWNER");
  });
});
