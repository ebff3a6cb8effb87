// The golden conversion of test/cases/bundle-import/bundle: the files it becomes (expected/) and the report
// (report.txt), read with the CLI's reader. UPDATE_GOLDEN=1 rewrites them; review the diff.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBundle } from "../../src/cli/read-bundle.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { convertBundle } from "../../src/core/bundle/convert.js";
import { renderReport } from "../../src/core/bundle/report.js";
import { CASES_DIR, golden } from "../support/cases.js";

const CASE = "bundle-import";

describe("import --from-bundle golden: test/cases/bundle-import", () => {
  const read = readBundle(join(CASES_DIR, CASE, "bundle"));
  const result = convertBundle({ files: read.files }, { jobSchema: loadSchemas().job, schemaRefs: { job: "../schemas/job.schema.json", project: "schemas/project.schema.json" } });

  it("reads databricks.yml and its includes without a problem", () => {
    expect(read.diagnostics).toEqual([]);
    expect(read.files.map((f) => f.file)).toEqual(["databricks.yml", "resources/downstream.yml", "resources/nightly_sales.yml"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("writes the expected files, and only those", () => {
    expect(result.files.map((f) => f.path).sort()).toEqual(["jobform.yaml", ...readdirSync(join(CASES_DIR, CASE, "expected", "jobs")).map((n) => `jobs/${n}`)].sort());
    for (const f of result.files) expect(f.text, f.path).toBe(golden(CASE, `expected/${f.path}`, f.text));
  });

  it("reports what jobform does not do", () => {
    const text = renderReport(result.report);
    expect(text).toBe(golden(CASE, "report.txt", text));
  });
});
