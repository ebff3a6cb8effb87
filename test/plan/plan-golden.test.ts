import { readFileSync } from "node:fs";
import { join } from "node:path";
import { maskPlan } from "../../src/core/mask.js";
import { describe, expect, it } from "vitest";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob } from "../../src/core/plan-types.js";
import { checkProject } from "../../src/core/project.js";
import { readProject } from "../../src/cli/read-project.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { caseArgs, casesWith, CASES_DIR, golden } from "../support/cases.js";

const DEPLOYER = "deployer@example.com";

interface LiveFile {
  jobs: { job_id: string; creator_user_name?: string; run_as_user_name?: string; settings: Record<string, unknown>; permissions: unknown }[];
}

/** A case folder: desired/ (a project), live.json (jobs/get bodies with their ACLs), args (`--prune`). */
function planCase(name: string) {
  const dir = join(CASES_DIR, name);
  const checked = checkProject(readProject(join(dir, "desired")), { vars: {}, env: {} }, loadSchemas());
  expect(checked.all.filter((d) => d.severity === "error")).toEqual([]);
  const live = JSON.parse(readFileSync(join(dir, "live.json"), "utf8")) as LiveFile;
  const liveJobs: LiveJob[] = live.jobs.map((j) => ({ jobId: j.job_id, settings: j.settings, permissions: j.permissions, creatorUserName: j.creator_user_name, runAsUserName: j.run_as_user_name }));
  const r = checked.resolved;
  return planJobs(r.jobs, liveJobs, { project: r.projectName ?? "", target: r.target, host: r.host, prune: caseArgs(name).includes("--prune"), deployer: DEPLOYER });
}

/** The JSON form as `plan --format json` and `plan --out` write it: values masked like the renderers'. */
const planJson = (plan: Parameters<typeof maskPlan>[0]) => JSON.stringify(maskPlan(plan), null, 2) + "\n";

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
