// Pull in one process: the sample project deployed to an in-process emulator workspace through its REST
// handlers (as apply would send it), UI edits made through the same handlers, the workspace read back as
// plan reads it, and the pure pull run on the project's files in memory.
import { aclRequest } from "../../src/apply/permissions.js";
import { jobSettings } from "../../src/apply/payloads.js";
import { deployedJobs, ignoreRules } from "../../src/cli/plan-context.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { ownerOf } from "../../src/core/deployment.js";
import type { SourceFile } from "../../src/core/load.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob, Plan, PlanOptions } from "../../src/core/plan-types.js";
import { checkProject } from "../../src/core/project.js";
import type { CheckedProject } from "../../src/core/project.js";
import { pullProject } from "../../src/core/pull/pull.js";
import type { PullOutcome } from "../../src/core/pull/pull.js";
import type { Workspace } from "../../src/emulator/state.js";
import { call, ok, workspace } from "../emulator/helpers.js";
import { SAMPLE_PRINCIPALS } from "../support/emulator.js";

export const DEPLOYER = "me@example.com";
const HOST = "https://emulator.invalid";
const utf8 = new TextEncoder();
const text = new TextDecoder();

export type Files = Map<string, string>;

export function sourceFiles(files: Files): SourceFile[] {
  return [...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, t]) => ({ path, bytes: utf8.encode(t) }));
}

export function filesOf(sources: readonly SourceFile[]): Files {
  return new Map(sources.map((s) => [s.path, text.decode(s.bytes)]));
}

export function check(files: Files, target?: string): CheckedProject {
  const checked = checkProject(sourceFiles(files), { target, vars: {}, env: {} }, loadSchemas());
  const errors = checked.all.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`project has errors: ${errors.map((d) => `${d.file}:${d.line}: ${d.code} ${d.message}`).join("; ")}`);
  return checked;
}

export function options(checked: CheckedProject): PlanOptions {
  const r = checked.resolved;
  const owner = ownerOf(r.project, r.projectName as string, r.target, HOST, DEPLOYER);
  return { project: r.projectName as string, deployment: owner.deployment, claimsLegacy: owner.claimsLegacy, target: r.target, host: HOST, prune: false, deployer: DEPLOYER, ignore: ignoreRules(checked) };
}

export function emulatorWorkspace(): Workspace {
  return workspace({ user: DEPLOYER, principals: SAMPLE_PRINCIPALS });
}

/** Creates every job of the target as apply does (settings with the ownership tags, then the ACL PUT). */
export function deploy(ws: Workspace, checked: CheckedProject): Map<string, string> {
  const opts = options(checked);
  const ids = new Map<string, string>();
  const jobs = deployedJobs(checked, checked.resolved.jobs, DEPLOYER).sort((a, b) => (JSON.stringify(a.document).includes("${jobs.") ? 1 : 0) - (JSON.stringify(b.document).includes("${jobs.") ? 1 : 0));
  for (const job of jobs) {
    const settings = jobSettings(job.document, { project: opts.project, deployment: opts.deployment, key: job.key, ids });
    const id = ok<{ job_id: number | bigint }>(call(ws, "POST", "/api/2.2/jobs/create", settings)).job_id.toString();
    ids.set(job.key, id);
    ok(call(ws, "PUT", `/api/2.0/permissions/jobs/${id}`, { access_control_list: aclRequest(job.document.permissions, DEPLOYER) }));
  }
  return ids;
}

/** The workspace's jobs as plan reads them: settings from jobs/get, the access list from permissions GET. */
export function readLiveJobs(ws: Workspace): LiveJob[] {
  const out: LiveJob[] = [];
  let token: string | undefined;
  do {
    const page = ok<{ jobs?: { job_id: number | bigint }[]; next_page_token?: string }>(call(ws, "GET", `/api/2.2/jobs/list?limit=100${token ? `&page_token=${token}` : ""}`));
    for (const j of page.jobs ?? []) {
      const id = j.job_id.toString();
      const got = ok<{ settings: Record<string, unknown>; creator_user_name?: string; run_as_user_name?: string }>(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`));
      const acl = ok<{ access_control_list?: unknown[] }>(call(ws, "GET", `/api/2.0/permissions/jobs/${id}`));
      out.push({ jobId: id, settings: got.settings, permissions: acl.access_control_list ?? [], creatorUserName: got.creator_user_name, runAsUserName: got.run_as_user_name });
    }
    token = page.next_page_token;
  } while (token);
  return out;
}

export function planOf(files: Files, live: readonly LiveJob[], target?: string): Plan {
  const checked = check(files, target);
  return planJobs(deployedJobs(checked, checked.resolved.jobs, DEPLOYER), live, options(checked));
}

/** Pull for one target: the outcome, and the files as they would be written. */
export function pull(files: Files, live: readonly LiveJob[], target?: string, only?: string[]): { outcome: PullOutcome; files: Files } {
  const sources = sourceFiles(files);
  const checked = check(files, target);
  const outcome = pullProject({ files: sources, checked, resolve: { target, vars: {}, env: {} }, schemas: loadSchemas(), live, options: { ...options(checked), ...(only ? { only } : {}) }, deployed: (jobs) => deployedJobs(checked, jobs, DEPLOYER) });
  const after = new Map(files);
  for (const f of outcome.files) after.set(f.file, f.after);
  return { outcome, files: after };
}

/** The changes of a plan as `key path` lines, for comparing plans. */
export function changeLines(plan: Plan): string[] {
  return plan.changes.flatMap((c) => [...c.fields.map((f) => `${c.key} ${f.path}`), ...c.permissions.map((p) => `${c.key} /permissions/${p.principal}`), ...(c.action === "create" || c.action === "delete" ? [`${c.key} ${c.action}`] : [])]).sort();
}
