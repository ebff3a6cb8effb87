import { describe, expect, it } from "vitest";
import { Provenance } from "../../src/core/provenance.js";
import { substitute } from "../../src/core/substitute.js";
import type { Unresolved } from "../../src/core/substitute.js";

function run(value: string) {
  const unresolved: Unresolved[] = [];
  const out = substitute({ v: value }, { target: "prod", variables: new Map([["catalog", "main"]]) }, new Provenance(), unresolved) as { v: unknown };
  return { value: out.v, reported: unresolved.map((u) => u.name) };
}

describe("substitute", () => {
  it("replaces jobform's own references", () => {
    expect(run("/${var.catalog}/${target}")).toEqual({ value: "/main/prod", reported: [] });
  });

  it("reports every other ${word…} reference and leaves it in place", () => {
    expect(run("${bundle.target}-${vars.catalog}-${targt}-${workspace.current_user.userName}")).toEqual({
      value: "${bundle.target}-${vars.catalog}-${targt}-${workspace.current_user.userName}",
      reported: ["bundle.target", "vars.catalog", "targt", "workspace.current_user.userName"],
    });
  });

  it("passes Spark's ${env:X}, job id references and dynamic values through unreported", () => {
    expect(run("${env:HOME} ${jobs.report.id} {{job.parameters.date}}")).toEqual({ value: "${env:HOME} ${jobs.report.id} {{job.parameters.date}}", reported: [] });
  });

  it("writes $${…} as a literal ${…}, whatever is inside", () => {
    expect(run("$${var.catalog} $${bundle.target} $${env:X}")).toEqual({ value: "${var.catalog} ${bundle.target} ${env:X}", reported: [] });
  });
});
