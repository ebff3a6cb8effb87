import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { casesWith, CASES_DIR, golden } from "../support/cases.js";
import { planCase, planJson } from "../support/plan-case.js";

describe("plan golden cases", () => {
  for (const name of casesWith("plan.json").filter((n) => n.startsWith("plan-"))) {
    it(name, () => {
      const plan = planCase(name);
      const json = planJson(plan);
      expect(json).toBe(golden(name, "plan.json", json));
      const text = renderPlanText(plan, { color: false });
      expect(text).toBe(golden(name, "plan.txt", text));
      const md = renderPlanMarkdown(plan);
      expect(md).toBe(golden(name, "plan.md", md));
    });
  }
});

describe("plan.schema.json", () => {
  it("accepts every golden plan", async () => {
    const { Ajv } = await import("ajv");
    const schema = JSON.parse(readFileSync(join(CASES_DIR, "../../schemas/plan.schema.json"), "utf8")) as object;
    const check = new Ajv({ strict: false }).compile(schema);
    for (const name of casesWith("plan.json").filter((n) => n.startsWith("plan-"))) {
      expect(check(JSON.parse(readFileSync(join(CASES_DIR, name, "plan.json"), "utf8"))), `${name}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
  });
});
