// A target is a deployment: the jobs it manages carry its deployment name in their ownership tags, so
// targets that share a workspace never take each other's jobs. Pure: the caller supplies the host it is
// talking to and, for development mode, who is deploying.
import { isPlainObject } from "./merge.js";
import { MAX_USER_TAGS, OWNERSHIP_TAGS } from "./ownership.js";
import type { Owner } from "./ownership.js";

export type Mode = "development" | "production";

/** The deployment name of a project without targets. */
export const DEFAULT_DEPLOYMENT = "default";
/** Development mode raises max_concurrent_runs to at least this, so a developer can start runs side by side. */
export const DEV_MAX_CONCURRENT_RUNS = 4;

/** The per-target settings jobform.yaml `targets.<t>` may hold beyond host, variables and job overrides. */
export interface TargetSettings {
  name: string | undefined;
  /** `deployment:` as written, else the target's name. Development mode appends the user (deploymentName). */
  deployment: string;
  mode: Mode | undefined;
  /** Production mode: the only git branch apply accepts (`branch:`). */
  branch: string | undefined;
  profile: string | undefined;
}

const record = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function targetSettings(project: Readonly<Record<string, unknown>> | undefined, target: string | undefined): TargetSettings {
  const t = target === undefined ? {} : record(record(project?.targets)[target]);
  const mode = t.mode === "development" || t.mode === "production" ? t.mode : undefined;
  return { name: target, deployment: text(t.deployment) ?? target ?? DEFAULT_DEPLOYMENT, mode, branch: text(t.branch), profile: text(t.profile) };
}

/**
 * The user part of an identity as it can appear in a tag value and a job name: the local part of an
 * e-mail address (a service principal's application id as it is), lower case, other characters as "_".
 */
export function userShortName(user: string): string {
  const local = user.includes("@") ? user.slice(0, user.indexOf("@")) : user;
  return local.toLowerCase().replace(/[^a-z0-9_.-]/g, "_") || "user";
}

/** Development mode deploys one copy per developer: the deployment name carries the user. */
export function deploymentName(settings: TargetSettings, user: string): string {
  return settings.mode === "development" ? `${settings.deployment}-${userShortName(user)}` : settings.deployment;
}

const sameHost = (a: string, b: string) => a.trim().replace(/\/+$/, "").toLowerCase() === b.trim().replace(/\/+$/, "").toLowerCase();

/**
 * The one target that takes over, on the workspace at `host`, the jobs applied before the deployment tag
 * existed (tags with project and key only). Among the targets that are not in development mode (a personal
 * deployment must not take a shared job) and that name this host or none: the default target if it is one
 * of them, else the first in jobform.yaml. When no target names this host (a `--host` override), the same
 * choice among all of them. Every target planning this host computes the same answer, so a legacy job is
 * never claimed twice.
 */
export function legacyClaimant(project: Readonly<Record<string, unknown>> | undefined, host: string | undefined): string | undefined {
  const targets = Object.entries(record(project?.targets)).map(([name, t]) => ({ name, t: record(t) }));
  const shared = targets.filter(({ t }) => t.mode !== "development");
  const here = shared.filter(({ t }) => typeof t.host !== "string" || (host !== undefined && sameHost(t.host, host)));
  const pool = here.length ? here : shared;
  return (pool.find(({ t }) => t.default === true) ?? pool[0])?.name;
}

/**
 * The owner a command acts as: this project, this target's deployment, and whether it migrates legacy jobs.
 * Without `user` (commands that never ask who is calling) a development-mode target matches every
 * deployment of the project, and the lookup reports a key deployed twice.
 */
export function ownerOf(project: Readonly<Record<string, unknown>> | undefined, projectName: string, target: string | undefined, host: string | undefined, user: string | undefined): Owner {
  const settings = targetSettings(project, target);
  if (user === undefined && settings.mode === "development") return { project: projectName };
  const deployment = deploymentName(settings, user ?? "");
  // Without a target (a project that defines none) the one deployment there is takes the legacy jobs.
  if (target === undefined) return { project: projectName, deployment, claimsLegacy: Object.keys(record(project?.targets)).length === 0 };
  const claimant = legacyClaimant(project, host);
  // Targets that deliberately share one deployment share its legacy jobs too.
  const claimsLegacy = settings.mode !== "development" && claimant !== undefined && targetSettings(project, claimant).deployment === deployment;
  return { project: projectName, deployment, claimsLegacy };
}

/**
 * A job as a development-mode target deploys it: named `[dev <user>] …` so the UI tells the copies apart,
 * schedules, triggers (also each triggers[] entry) and continuous runs PAUSED (a developer's copy must not run on its own),
 * max_concurrent_runs at least DEV_MAX_CONCURRENT_RUNS, and a `dev` tag naming the developer.
 */
export function developmentJob(document: Readonly<Record<string, unknown>>, key: string, user: string): Record<string, unknown> {
  const short = userShortName(user);
  const out: Record<string, unknown> = { ...document, name: `[dev ${short}] ${typeof document.name === "string" ? document.name : key}` };
  for (const field of ["schedule", "trigger", "continuous"]) {
    const v = document[field];
    if (isPlainObject(v)) out[field] = { ...v, pause_status: "PAUSED" };
  }
  // triggers[] (API-NOTES: the multi-trigger surface) carries a pause_status per entry, like the three above.
  if (Array.isArray(document.triggers)) out.triggers = document.triggers.map((t: unknown) => (isPlainObject(t) ? { ...t, pause_status: "PAUSED" } : t));
  const runs = typeof document.max_concurrent_runs === "number" ? document.max_concurrent_runs : 1;
  out.max_concurrent_runs = Math.max(runs, DEV_MAX_CONCURRENT_RUNS);
  out.tags = { ...(isPlainObject(document.tags) ? document.tags : {}), dev: short };
  return out;
}

/** The git state apply runs from; undefined when the project is not in a git work tree. */
export interface GitState {
  branch: string | undefined;
  dirty: string[];
}

/** Why a production-mode target refuses to apply from here, or undefined when it may. */
export function productionRefusal(settings: TargetSettings, git: GitState | undefined): string | undefined {
  if (settings.mode !== "production") return undefined;
  const wanted = settings.branch ?? "main";
  const name = `target "${settings.name ?? ""}" is in production mode`;
  if (!git) return `${name}: apply only from a git work tree, so what is deployed is a commit`;
  if (git.dirty.length) return `${name}: the git work tree has uncommitted changes (${git.dirty.slice(0, 3).join(", ")}${git.dirty.length > 3 ? ", …" : ""}); commit or stash them first`;
  if (git.branch !== wanted) return `${name}: apply only from branch ${wanted} (this is ${git.branch ?? "a detached HEAD"}); set targets.${settings.name ?? ""}.branch to change it`;
  return undefined;
}

/**
 * The jobs of a production-mode target that would run as a person (run_as user_name, or no run_as while
 * a user deploys): they stop working when that person leaves.
 */
export function personRunAs(jobs: readonly { key: string; document: Readonly<Record<string, unknown>> }[], deployer: string): string[] {
  return jobs
    .filter(({ document }) => {
      const runAs = document.run_as;
      if (isPlainObject(runAs)) return typeof runAs.user_name === "string";
      return deployer.includes("@");
    })
    .map((j) => j.key)
    .sort();
}

/**
 * Jobs development mode would push over the service's 25 tags: its `dev` tag comes on top of the user's
 * tags and jobform's ownership tags, which validate (not knowing who deploys) cannot count.
 */
export function developmentTagOverflow(jobs: readonly { key: string; document: Readonly<Record<string, unknown>> }[]): string[] {
  return jobs.flatMap(({ key, document }) => {
    const n = isPlainObject(document.tags) ? Object.keys(document.tags).length : 0;
    return n > MAX_USER_TAGS ? [`${key}: ${n} tags including development mode's dev tag; a job may carry 25 and jobform adds its ${OWNERSHIP_TAGS.length} ownership tags, so at most ${MAX_USER_TAGS}: remove one of the job's own`] : [];
  });
}
