import { describe, expect, it } from "vitest";
import { addAdoptions, removeAdoptions } from "../../src/core/adopt-edit.js";
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

  it("adds entries byte for byte: flow maps and lists elsewhere keep their style; a flow adopt: stays flow", () => {
    const text = "project: p\nvariables: {catalog: {default: main}}\ntags: [a]\nadopt: {old: 12}\n";
    expect(addAdoptions(text, new Map([["new-one", "34"]]))).toBe("project: p\nvariables: {catalog: {default: main}}\ntags: [a]\nadopt: {old: 12, new-one: 34}\n");
    expect(addAdoptions("project: p\ntags: [a]", new Map([["x", "5"]]))).toBe("project: p\ntags: [a]\nadopt:\n  x: 5\n");
    expect(addAdoptions(text, new Map([["old", "12"]]))).toBe(text);
  });

  it("removes entries with their lines, and adopt: itself when none is left", () => {
    const text = "project: p\nadopt:\n  a: 1 # first\n  b: 2\ntags: [a]\n";
    expect(removeAdoptions(text, new Set(["a"]))).toBe("project: p\nadopt:\n  b: 2\ntags: [a]\n");
    expect(removeAdoptions(text, new Set(["a", "b"]))).toBe("project: p\ntags: [a]\n");
    expect(removeAdoptions("project: p\nadopt: {a: 1, b: 2, c: 3}\n", new Set(["b"]))).toBe("project: p\nadopt: {a: 1, c: 3}\n");
    expect(removeAdoptions("project: p\nadopt: { a: 1 }\n", new Set(["a"]))).toBe("project: p\n");
    expect(removeAdoptions("project: p\nadopt:\n  a: 1\n", new Set(["a"]))).toBe("project: p\n");
    expect(removeAdoptions(text, new Set(["zzz"]))).toBe(text);
  });

  it("keeps a Windows file's line breaks when adding and removing entries", () => {
    const text = "project: p\r\nadopt:\r\n  a: 1 # first\r\n  b: 2\r\ntags: [a]\r\n";
    expect(addAdoptions(text, new Map([["c", "3"]]))).toBe("project: p\r\nadopt:\r\n  a: 1 # first\r\n  b: 2\r\n  c: 3\r\ntags: [a]\r\n");
    expect(removeAdoptions(text, new Set(["a"]))).toBe("project: p\r\nadopt:\r\n  b: 2\r\ntags: [a]\r\n");
    expect(removeAdoptions(text, new Set(["a", "b"]))).toBe("project: p\r\ntags: [a]\r\n");
    expect(addAdoptions("project: p\r\n", new Map([["x", "5"]]))).toBe("project: p\r\nadopt:\r\n  x: 5\r\n");
  });

  it("accepts integers and digit strings, refuses anything else", () => {
    expect(errorsOf('project: p\nadopt: { a: 12, b: "9223372036854775807" }\n')).toEqual([]);
    expect(errorsOf('project: p\nadopt: { a: "12x" }\n').length).toBeGreaterThan(0);
    expect(errorsOf("project: p\nadopt: { a: -3 }\n").length).toBeGreaterThan(0);
    expect(errorsOf("project: p\nadopt: { \"bad key!\": 3 }\n").length).toBeGreaterThan(0);
  });
});
