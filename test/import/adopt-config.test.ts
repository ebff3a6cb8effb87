import { describe, expect, it } from "vitest";
import { addAdoptions } from "../../src/cli/commands/import.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { checkProject } from "../../src/core/project.js";

const errorsOf = (text: string) =>
  checkProject([{ path: "jobform.yaml", bytes: new TextEncoder().encode(text) }], { vars: {}, env: {} }, loadSchemas())
    .all.filter((d) => d.severity === "error")
    .map((d) => d.path);

describe("adopt: in jobform.yaml", () => {
  it("adds entries to an existing map, keeping comments, and writes unsafe ids as strings", () => {
    const text = "project: p # the namespace\nadopt:\n  # taken over last week\n  old: 12\n";
    expect(addAdoptions(text, new Map([["new-one", "34"], ["big", "9223372036854775807"]]))).toBe(
      'project: p # the namespace\nadopt:\n  # taken over last week\n  old: 12\n  new-one: 34\n  big: "9223372036854775807"\n',
    );
  });

  it("accepts integers and digit strings, refuses anything else", () => {
    expect(errorsOf('project: p\nadopt: { a: 12, b: "9223372036854775807" }\n')).toEqual([]);
    expect(errorsOf('project: p\nadopt: { a: "12x" }\n').length).toBeGreaterThan(0);
    expect(errorsOf("project: p\nadopt: { a: -3 }\n").length).toBeGreaterThan(0);
    expect(errorsOf("project: p\nadopt: { \"bad key!\": 3 }\n").length).toBeGreaterThan(0);
  });
});
