import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/core/project.js";
import { readProject } from "../../src/cli/read-project.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { CASES_DIR } from "../support/cases.js";

function jf013(vars: Record<string, string>, env: Record<string, string>) {
  const checked = checkProject(readProject(join(CASES_DIR, "validate-target-variables")), { target: undefined, vars, env }, loadSchemas());
  return checked.all.filter((d) => d.code === "JF013");
}

describe("--var and JOBFORM_VAR_ names no variable declares", () => {
  it("a --var typo is an error with a suggestion, located at the project's variables", () => {
    const [d, ...rest] = jf013({ catalg: "x" }, {});
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", file: "jobform.yaml", path: "/variables" });
    expect(d?.message).toContain('did you mean "catalog"?');
    expect(d?.line).toBeGreaterThan(0);
  });

  it("an environment variable is a warning (one CI environment serves several projects); declared names pass", () => {
    expect(jf013({ catalog: "x" }, { JOBFORM_VAR_catalog: "y", PATH: "/bin" })).toEqual([]);
    const [d] = jf013({}, { JOBFORM_VAR_catalgo: "y" });
    expect(d?.severity).toBe("warning");
    expect(d?.message).toContain("JOBFORM_VAR_catalgo");
  });
});
