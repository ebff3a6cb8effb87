import { describe, expect, it } from "vitest";
import { buildDefinition, noWidgetsAdvice } from "../../src/notebooks/definition.js";
import { parseWidgets } from "../../src/notebooks/widgets.js";
import { brief } from "./support.js";

describe("parseWidgets edge cases", () => {
  it("reads a file without the Databricks header as plain code and says so", () => {
    const r = parseWidgets('dbutils.widgets.text("a", "1")\n', "SOURCE", "PYTHON");
    expect(r.widgets).toEqual([{ name: "a", kind: "text", default: "1", line: 1 }]);
    expect(brief(r.findings)).toEqual(["info missing-header 1"]);
  });

  it("handles CRLF exports and MAGIC code on the magic line itself", () => {
    const src = ["-- Databricks notebook source", "-- COMMAND ----------", "-- MAGIC %python dbutils.widgets.text('p', 'v')", "-- MAGIC", "-- MAGIC dbutils.widgets.text('q', 'w')"].join("\r\n");
    const r = parseWidgets(src, "SOURCE", "SQL");
    expect(r.widgets.map((w) => [w.name, w.default, w.line])).toEqual([["p", "v", 3], ["q", "w", 5]]);
    expect(r.findings).toEqual([]);
  });

  it("treats an identical second declaration as info and removeAll() after declarations as info", () => {
    const src = '# Databricks notebook source\ndbutils.widgets.text("a", "1")\ndbutils.widgets.text("a", "1")\ndbutils.widgets.removeAll()\n';
    expect(brief(parseWidgets(src, "SOURCE", "PYTHON").findings)).toEqual(["info duplicate-widget 3 a", "info widget-removed 4 a"]);
  });

  it("reports a JUPYTER export that is not JSON instead of throwing", () => {
    const r = parseWidgets("{not json", "JUPYTER", "PYTHON");
    expect(r.widgets).toEqual([]);
    expect(brief(r.findings)).toEqual(["warning invalid-notebook 0"]);
  });

  it("reads a JUPYTER SQL notebook whose cells are raw SQL", () => {
    const nb = JSON.stringify({ cells: [{ cell_type: "code", source: "CREATE WIDGET TEXT t DEFAULT 'x'" }], metadata: {} });
    expect(parseWidgets(nb, "JUPYTER", "SQL").widgets).toEqual([{ name: "t", kind: "text", default: "x", line: 1, cell: 1 }]);
  });

  it("does not mistake `x == y` or a keyword-looking argument for keywords", () => {
    const r = parseWidgets('# Databricks notebook source\ndbutils.widgets.text("flag", x == "y")\n', "SOURCE", "PYTHON");
    expect(r.widgets).toEqual([{ name: "flag", kind: "text", default: null, line: 2 }]);
    expect(brief(r.findings)).toEqual(["warning dynamic-default 2 flag"]);
  });
});

describe("buildDefinition edge cases", () => {
  const report = parseWidgets('# Databricks notebook source\ndbutils.widgets.text("a", "no")\n', "SOURCE", "PYTHON");

  it("quotes defaults that YAML 1.1 readers would turn into booleans", () => {
    expect(buildDefinition("/n", report).text).toContain('default: "no"');
  });

  it("leaves parameters out entirely when there are no widgets", () => {
    const text = buildDefinition("/n", { widgets: [], findings: [] }).text;
    expect(text).toContain("notebook_path: /n");
    expect(text).not.toContain("parameters");
  });

  it("accepts a plain object as the existing definition", () => {
    const r = buildDefinition("/n", report, { notebook_path: "/n", parameters: [{ name: "a", type: "bool", direction: "input", default: false }] });
    expect(r.text).toContain("type: bool");
    expect(r.changes).toEqual([{ kind: "updated", name: "a", message: expect.stringContaining('to "no"') as string }]);
  });

  it("refuses to touch invalid YAML and returns it unchanged", () => {
    const broken = "notebook_path: /n\nparameters: [\n";
    const r = buildDefinition("/n", report, broken);
    expect(r.error).toMatch(/not valid YAML/);
    expect(r.text).toBe(broken);
  });
});

describe("noWidgetsAdvice", () => {
  it("suggests a JUPYTER export for SOURCE and explains missing saved state for JUPYTER", () => {
    expect(noWidgetsAdvice("SOURCE")).toMatch(/JUPYTER export/);
    expect(noWidgetsAdvice("JUPYTER")).toMatch(/never have been run/);
    expect(noWidgetsAdvice("SOURCE")).toMatch(/top level/);
  });
});
