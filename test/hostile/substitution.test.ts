// A variable's value is inserted as it is: `${…}` inside it is not expanded again, so values that
// reference each other (or themselves) cannot loop or grow.
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/core/project.js";
import { loadSchemas } from "../../src/cli/schemas.js";

const project = [
  "project: p",
  "variables:",
  '  a: { default: "x-${var.b}-${target}" }',
  '  b: { default: "${var.a}${var.a}" }',
  '  self: { default: "${var.self}" }',
  "targets:",
  "  dev: { default: true }",
  "",
].join("\n");
const job = 'name: "${var.a}"\ndescription: "${var.b} ${var.self}"\ntasks: [{ task_key: t, notebook_task: { notebook_path: /t } }]\n';

describe("substitution", () => {
  it("does not re-expand ${…} inside a variable's value", () => {
    const checked = checkProject([{ path: "jobform.yaml", bytes: Buffer.from(project) }, { path: "jobs/j.yaml", bytes: Buffer.from(job) }], { vars: { a: "${var.a}${var.a}${var.a}" }, env: {} }, loadSchemas());
    const doc = checked.resolved.jobs[0]?.document as Record<string, unknown>;
    expect(doc.name).toBe("${var.a}${var.a}${var.a}");
    expect(doc.description).toBe("${var.a}${var.a} ${var.self}");
  });
});
