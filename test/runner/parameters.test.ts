import { describe, expect, it } from "vitest";
import type { NotebookParameter } from "../../src/core/generated/notebook.js";
import { parseParamFlags, resolveParameters } from "../../src/runner/parameters.js";

const defs: NotebookParameter[] = [
  { name: "run_date", type: "date", direction: "input", default: "2024-01-01" },
  { name: "mode", type: "string", direction: "input_output", default: "full" },
  { name: "rows", type: "int", direction: "output" },
  { name: "limit", type: "int", default: 10 },
  { name: "computed" },
  { name: "env", choices: ["dev", "prod"], default: "dev" },
];

describe("parseParamFlags", () => {
  it("splits on the first = and keeps the last repeat", () => {
    expect(parseParamFlags(["a=1", "b=x=y", "a=2", "c="]).values).toEqual(new Map([["a", "2"], ["b", "x=y"], ["c", ""]]));
  });
  it("refuses a flag without a name", () => {
    expect(parseParamFlags(["=1", "novalue"]).errors).toEqual(["--param =1: expected name=value", "--param novalue: expected name=value"]);
  });
});

describe("resolveParameters", () => {
  it("sends defaults overridden by --param as canonical strings, input and input_output only", () => {
    const r = resolveParameters(defs, new Map([["limit", "025"], ["run_date", "2024-03-05"]]), "notebooks/x.yaml");
    expect(r.errors).toEqual([]);
    expect(r.baseParameters).toEqual({ run_date: "2024-03-05", mode: "full", limit: "25", env: "dev" });
  });

  it("warns about an output parameter and never sends it, even when --param names it", () => {
    const r = resolveParameters(defs, new Map([["rows", "5"]]), "notebooks/x.yaml");
    expect(r.baseParameters).not.toHaveProperty("rows");
    expect(r.warnings.join("\n")).toMatch(/"rows" is an output.*dbutils\.notebook\.exit.*table or volume.*ignored/s);
  });

  it("names the parameter and the source of a bad value", () => {
    const r = resolveParameters(defs, new Map([["limit", "lots"]]), "notebooks/x.yaml");
    expect(r.errors).toEqual(['parameter "limit" (int) from --param: expected a whole number, got "lots"']);
    const d = resolveParameters([{ name: "d", type: "date", default: "yesterday" }], new Map(), "notebooks/x.yaml");
    expect(d.errors[0]).toContain('parameter "d" (date) from the default in notebooks/x.yaml');
  });

  it("requires a value for a null default and checks choices", () => {
    const r = resolveParameters([{ name: "must", default: null }, ...defs], new Map([["env", "qa"]]), "notebooks/x.yaml");
    expect(r.errors).toEqual([
      'parameter "must" has no default in notebooks/x.yaml; pass --param must=<value>',
      'parameter "env" from --param: "qa" is not one of its choices (dev, prod)',
    ]);
  });

  it("accepts a comma-joined subset of choices (multiselect)", () => {
    const r = resolveParameters([{ name: "m", choices: ["a", "b", "c"] }], new Map([["m", "a,c"]]));
    expect(r.errors).toEqual([]);
    expect(r.baseParameters).toEqual({ m: "a,c" });
  });

  it("sends an undeclared --param with a warning, and everything as given without a definition", () => {
    const r = resolveParameters(defs, new Map([["extra", "1"]]), "notebooks/x.yaml");
    expect(r.baseParameters.extra).toBe("1");
    expect(r.warnings).toContain("--param extra is not declared in notebooks/x.yaml; it is sent as the string given");
    expect(resolveParameters(undefined, new Map([["a", " 1 "]]))).toEqual({ baseParameters: { a: " 1 " }, errors: [], warnings: [] });
  });
});
