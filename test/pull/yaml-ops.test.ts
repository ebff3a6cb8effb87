import { describe, expect, it } from "vitest";
import { applyOp, EditRefused } from "../../src/core/pull/yaml-ops.js";

const text = ["# head", "a: 1   # one", "b:", "  # the list", "  - x", "  - y", "c: { d: [p, q] }", ""].join("\r\n");

describe("yaml-ops", () => {
  it("keeps a Windows file's line breaks and every other byte", () => {
    expect(applyOp(text, { kind: "set", segments: ["a"], value: 2 })).toBe(text.replace("a: 1", "a: 2"));
    expect(applyOp(text, { kind: "append", segments: ["b"], value: "z" })).toBe(text.replace("  - y\r\n", "  - y\r\n  - z\r\n"));
    expect(applyOp(text, { kind: "set", segments: ["e"], value: { f: 1 } })).toBe(text.replace("c: { d: [p, q] }\r\n", "c: { d: [p, q] }\r\ne: { f: 1 }\r\n"));
  });

  it("edits flow collections in flow style, spaced as they are", () => {
    expect(applyOp(text, { kind: "set", segments: ["c", "d"], value: ["p", "q", "r, s"] })).toBe(text.replace("[p, q]", '[p, q, "r, s"]'));
    expect(applyOp(text, { kind: "remove", segments: ["c", "d", "0"] })).toBe(text.replace("[p, q]", "[q]"));
    expect(applyOp(text, { kind: "set", segments: ["c", "e"], value: "v" })).toBe(text.replace("c: { d: [p, q] }", "c: { d: [p, q], e: v }"));
  });

  it("removes a list item with the comment written above it, and a key with its line (the file's header stays)", () => {
    expect(applyOp(text, { kind: "remove", segments: ["b", "0"] })).toBe(text.replace("  # the list\r\n  - x\r\n", ""));
    expect(applyOp(text, { kind: "remove", segments: ["a"] })).toBe(text.replace("a: 1   # one\r\n", ""));
  });

  it("refuses to edit through an anchor or an alias", () => {
    const shared = "x: &c { n: 1 }\ny: *c\n";
    expect(() => applyOp(shared, { kind: "set", segments: ["x", "n"], value: 2 })).toThrow(EditRefused);
    expect(() => applyOp(shared, { kind: "set", segments: ["y", "n"], value: 2 })).toThrow(EditRefused);
  });
});
