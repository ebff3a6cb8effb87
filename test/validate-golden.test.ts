import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkProject } from "../src/core/project.js";
import { renderDiagnosticsText } from "../src/render/diagnostics.js";
import { parseVars } from "../src/cli/globals.js";
import { readProject } from "../src/cli/read-project.js";
import { loadSchemas } from "../src/cli/schemas.js";
import { caseArgs, casesWith, CASES_DIR, golden } from "./support/cases.js";

function options(args: string[]) {
  const vars: string[] = [];
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--target") target = args[++i];
    else if (args[i] === "--var") vars.push(args[++i] as string);
  }
  return { target, vars: parseVars(vars), env: {} };
}

describe("validate golden cases", () => {
  for (const name of casesWith("diagnostics.txt")) {
    it(name, () => {
      const dir = join(CASES_DIR, name);
      const checked = checkProject(readProject(dir), options(caseArgs(name)), loadSchemas());
      const sources = new Map([checked.projectDoc, ...checked.jobDocs, ...checked.notebookDocs].flatMap((d) => (d ? [[d.file, d.text] as const] : [])));
      const actual = renderDiagnosticsText(checked.all, { color: false, sources });
      expect(actual).toBe(golden(name, "diagnostics.txt", actual));
    });
  }
});
