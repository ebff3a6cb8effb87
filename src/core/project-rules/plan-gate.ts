// `policies:` at plan time. A rule is about the job as it will run, so plan checks the job as apply would
// leave it: the settings git asks for (as this target deploys them), except where `ignore:` hands a field to
// operators and apply keeps the workspace's value (a schedule someone unpaused by hand, a tag set in the UI).
// An error finding stops that one job (plan error `project-rule`); the others are planned as usual.
import type { Diagnostic } from "../diagnostic.js";
import { keepLiveValues, rulesForJob } from "../ignore.js";
import type { IgnoreRule } from "../ignore.js";
import type { PlanError } from "../plan-types.js";
import type { DesiredJob } from "../resolve.js";
import { valueAt } from "../pointer.js";
import { evaluateRules } from "./evaluate.js";
import type { ProjectRule } from "./rules.js";

export interface GateInput {
  /** The job as its files say (what diagnostics point into). */
  written: DesiredJob;
  /** The job as this target deploys it (development mode pauses and renames); what apply sends. */
  deployed: Record<string, unknown>;
  /** The workspace's settings of the job, when it exists and is this project's. */
  live?: { jobId: string; settings: Record<string, unknown> };
}

export interface GateContext {
  target: string | undefined;
  deployer: string;
  development: boolean;
  ignore: readonly IgnoreRule[];
}

export interface GateResult {
  /** One per error finding: plan leaves those jobs out and apply does not touch them. */
  errors: PlanError[];
  /** Every finding, errors and warnings, located (for annotations and the plan's notes). */
  findings: Diagnostic[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `file:line:col: CODE message`, the way a finding reads inside a plan. */
export function findingLine(d: Diagnostic): string {
  return `${d.file}${d.line > 0 ? `:${d.line}:${d.column}` : ""}: ${d.code} ${d.message}`;
}

export function gateJobs(rules: readonly ProjectRule[], jobs: readonly GateInput[], ctx: GateContext): GateResult {
  const result: GateResult = { errors: [], findings: [] };
  if (rules.length === 0) return result;
  for (const { written, deployed, live } of jobs) {
    const ignored = rulesForJob(ctx.ignore, written.key);
    const after = live && ignored.length ? keepLiveValues(deployed, live.settings, ignored) : deployed;
    // Which layer the value comes from: the workspace's (ignore:), development mode's, or the files'.
    const note = (segments: readonly string[]) => {
      const value = valueAt(after, segments);
      if (!same(valueAt(deployed, segments), value)) return "the workspace's value, kept because ignore: leaves this field to operators";
      if (ctx.development && !same(valueAt(written.document, segments), value)) return `development mode sets it for target ${ctx.target ?? ""}`;
      return undefined;
    };
    const found = evaluateRules(rules, { ...written, document: after }, { target: ctx.target, deployer: ctx.deployer, note });
    result.findings.push(...found);
    for (const d of found.filter((f) => f.severity === "error"))
      result.errors.push({ code: "project-rule", key: written.key, job_ids: live ? [live.jobId] : [], message: `${findingLine(d)} [${written.key} is left out of this plan]`, file: d.file, line: d.line, column: d.column });
  }
  return result;
}
