import type { Command } from "commander";
import type { IgnoreRule } from "../core/ignore.js";
import { globMatches } from "../core/glob.js";
import { maskSecretValues, secretValues } from "../core/mask.js";
import { developmentJob, developmentTagOverflow, ownerOf, personRunAs, targetSettings } from "../core/deployment.js";
import type { Owner } from "../core/ownership.js";
import { planJobs } from "../core/plan.js";
import type { Plan, PlanOptions } from "../core/plan-types.js";
import { checkProject } from "../core/project.js";
import type { CheckedProject } from "../core/project.js";
import type { DesiredJob } from "../core/resolve.js";
import type { DatabricksClient } from "../databricks/index.js";
import { readLive } from "../live/read-live.js";
import type { LiveState } from "../live/read-live.js";
import { renderDiagnosticsText } from "../render/diagnostics.js";
import { ExitCode, UserError } from "./errors.js";
import { annotations, emitWorkflowCommands, maskCommands, shownDiagnostics } from "./github.js";
import { globals, parseVars } from "./globals.js";
import { readProject } from "./read-project.js";
import { loadSchemas } from "./schemas.js";
import { openClient } from "./workspace.js";
import { preflightPrincipals } from "./principal-preflight.js";
import { droppedRules, readDropped } from "../live/dropped-values.js";

export interface PlanInputs {
  checked: CheckedProject;
  project: string;
  client: DatabricksClient;
  deployer: string;
  live: LiveState;
  plan: Plan;
  /** This target's deployment on this workspace, as the ownership tags name it. */
  owner: Owner;
  /** The jobs as this target deploys them (development mode renames and pauses them): what apply sends. */
  desired: DesiredJob[];
  /** jobform.yaml `ignore:`: apply keeps the workspace's values there and its convergence check skips them. */
  ignore: IgnoreRule[];
  /** What the plan was made with, so a command can plan again from edited files (pull). */
  options: PlanOptions;
}

/** The jobs as the target deploys them: development mode renames and pauses them for their deployer. */
export function deployedJobs(checked: CheckedProject, jobs: readonly DesiredJob[], deployer: string): DesiredJob[] {
  const mode = targetSettings(checked.resolved.project, checked.resolved.target).mode;
  return mode === "development" ? jobs.map((j) => ({ ...j, document: developmentJob(j.document, j.key, deployer) })) : [...jobs];
}

/** The project as validate sees it; any error stops a command that would talk to the workspace. */
export function checkedProject(cmd: Command, target = globals(cmd).target): CheckedProject {
  const g = globals(cmd);
  const checked = checkProject(readProject(g.dir), { target, vars: parseVars(g.var), env: process.env }, loadSchemas());
  const errors = checked.all.filter((d) => d.severity === "error");
  const { shown, sources } = shownDiagnostics(errors, checked, g.dir);
  // Masks go out before anything else is printed, or an early line could show a secret unmasked.
  emitWorkflowCommands(maskCommands(checked.resolved) + annotations(shown));
  if (errors.length) {
    process.stderr.write(renderDiagnosticsText(shown, { color: g.color, sources }));
    process.stderr.write(`jobform: the project has ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was read from or written to the workspace\n`);
    throw new ExitCode(1);
  }
  if (!checked.resolved.projectName) throw new UserError("jobform.yaml has no `project:` name; it is the namespace of the ownership tags");
  return checked;
}

/**
 * jobform.yaml `adopt:` as key → job id text. A number is taken as written; one too large for a double
 * has already lost digits in the YAML parser, so it is refused with the fix (quote it) instead of
 * adopting some other job.
 */
export function adoptMap(checked: CheckedProject): Record<string, string> {
  const raw = checked.resolved.project?.adopt;
  const out: Record<string, string> = {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [key, id] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof id === "number" && !Number.isSafeInteger(id)) throw new UserError(`jobform.yaml adopt.${key}: ${id} is too large to read exactly; write the id as a quoted string`);
    if (typeof id === "number" || typeof id === "string") out[key] = String(id);
  }
  return out;
}

/**
 * jobform.yaml `ignore:` as rules. The schema has already refused malformed entries (a project with errors
 * never gets here), so this only drops what cannot be a rule instead of trusting a cast.
 */
export function ignoreRules(checked: CheckedProject): IgnoreRule[] {
  const raw = checked.resolved.project?.ignore;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r: unknown): IgnoreRule[] => {
    if (r === null || typeof r !== "object") return [];
    const { path, jobs, reason } = r as Record<string, unknown>;
    if (typeof path !== "string" || typeof reason !== "string") return [];
    return [{ path, reason, ...(Array.isArray(jobs) ? { jobs: jobs.filter((j): j is string => typeof j === "string") } : {}) }];
  });
}

/** `--job` values: keys, or globs (`sales-*`, `etl-?`) that must each match at least one job. */
export function selectJobs(patterns: readonly string[], known: readonly string[]): string[] {
  const picked = new Set<string>();
  for (const p of patterns) {
    const hits = known.filter((k) => globMatches(p, k));
    if (hits.length === 0) throw new UserError(`--job ${p}: no such job in jobs/ (known: ${known.join(", ")})`);
    for (const k of hits) picked.add(k);
  }
  return [...picked].sort();
}

/** The identity behind the credentials, as scim/v2/Me names it: the default owner of what apply creates. */
async function whoAmI(client: DatabricksClient): Promise<string> {
  const me = await client.scim.me();
  return String(me.userName ?? me.displayName ?? "");
}

/** The deployment a command that writes to one job acts for; asks who is calling only in development mode. */
export async function ownerFor(checked: CheckedProject, client: DatabricksClient): Promise<Owner> {
  const { project, projectName, target } = checked.resolved;
  const user = targetSettings(project, target).mode === "development" ? await whoAmI(client) : "";
  return ownerOf(project, projectName as string, target, client.host, user);
}

/**
 * Both sides, read with the fewest calls, and the plan between them. The caller owns `client` and must
 * close it. Plan never writes to the workspace.
 */
export async function preparePlan(cmd: Command, opts: { prune: boolean; only?: string[]; checked?: CheckedProject; deployer?: string; target?: string }): Promise<PlanInputs> {
  // A caller that already checked the project (and printed its masks) passes it in: read and say it once.
  const checked = opts.checked ?? checkedProject(cmd, opts.target ?? globals(cmd).target);
  const project = checked.resolved.projectName as string;
  const known = [...new Set(checked.resolved.jobs.map((j) => j.key))].sort();
  const only = opts.only?.length ? selectJobs(opts.only, known) : undefined;
  const client = await openClient(cmd, checked.resolved.target);
  try {
    await preflightPrincipals(cmd, client, checked, only);
    const deployer = opts.deployer ?? (await whoAmI(client));
    const adopt = adoptMap(checked);
    const ignore = [...ignoreRules(checked), ...droppedRules(await readDropped(client, project, checked.resolved.target), checked.resolved.jobs)];
    const owner = ownerOf(checked.resolved.project, project, checked.resolved.target, client.host, deployer);
    const mode = targetSettings(checked.resolved.project, checked.resolved.target).mode;
    const people = mode === "production" ? personRunAs(checked.resolved.jobs, deployer) : [];
    if (people.length) process.stderr.write(`warning: target "${checked.resolved.target}" is in production mode, but ${people.join(", ")} would run as a person; set run_as to a service principal (targets.${checked.resolved.target}.run_as covers every job)\n`);
    const desired = deployedJobs(checked, checked.resolved.jobs, deployer);
    const crowded = developmentTagOverflow(desired);
    if (crowded.length) throw new UserError(`${crowded.join("; ")}; nothing was written`);
    const live = await readLive(client, owner, { adopt });
    const options: PlanOptions = {
      adopt,
      ignore,
      project,
      deployment: owner.deployment,
      claimsLegacy: owner.claimsLegacy,
      target: checked.resolved.target,
      host: client.host,
      prune: opts.prune,
      deployer,
      only,
    };
    const planned = planJobs(desired, [...live.managed, ...live.unmanaged], options);
    // Values of secret-named variables can land under any key: hidden here, so no output can show them.
    const plan = maskSecretValues(planned, secretValues(checked.resolved));
    return { checked, project, client, deployer, live, plan, ignore, owner, desired, options };
  } catch (e) {
    await client.close();
    throw e;
  }
}
