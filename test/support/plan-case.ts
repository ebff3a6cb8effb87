// A plan golden case: a folder under test/cases with desired/ (a project), live.json (jobs/get bodies with
// their ACLs) and an optional `args` file, planned the way `plan` and `drift` plan it, without a workspace.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { readProject } from "../../src/cli/read-project.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { maskPlan } from "../../src/core/mask.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob, Plan } from "../../src/core/plan-types.js";
import { checkProject } from "../../src/core/project.js";
import { caseArgs, CASES_DIR } from "./cases.js";

const DEPLOYER = "deployer@example.com";

interface LiveFile {
  jobs: { job_id: string; creator_user_name?: string; run_as_user_name?: string; settings: Record<string, unknown>; permissions: unknown }[];
}

/** Plans a case folder; `prune` defaults to the case's `args` holding `--prune` (drift always prunes). */
export function planCase(name: string, opts: { prune?: boolean } = {}): Plan {
  const dir = join(CASES_DIR, name);
  const checked = checkProject(readProject(join(dir, "desired")), { vars: {}, env: {} }, loadSchemas());
  expect(checked.all.filter((d) => d.severity === "error")).toEqual([]);
  const live = JSON.parse(readFileSync(join(dir, "live.json"), "utf8")) as LiveFile;
  const liveJobs: LiveJob[] = live.jobs.map((j) => ({ jobId: j.job_id, settings: j.settings, permissions: j.permissions, creatorUserName: j.creator_user_name, runAsUserName: j.run_as_user_name }));
  const r = checked.resolved;
  const prune = opts.prune ?? caseArgs(name).includes("--prune");
  return planJobs(r.jobs, liveJobs, { project: r.projectName ?? "", target: r.target, host: r.host, prune, deployer: DEPLOYER });
}

/** The JSON form as `plan --format json` and `plan --out` write it: values masked like the renderers'. */
export const planJson = (plan: Plan) => JSON.stringify(maskPlan(plan), null, 2) + "\n";
