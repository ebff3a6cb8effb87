// Checks made before anything is written: the saved plan still describes the workspace and the repo
// (stale check), and --prune is not about to wipe out the project (prune guard).
import type { JobChange, Plan, PlanError } from "../core/plan-types.js";

/**
 * Plan errors that hold back one job and let apply write the others: a job breaking a project rule is
 * that job's problem. Any other error (two live copies of a job, a bad adoption) stops the whole apply.
 */
export function heldBackJobs(plan: Plan): PlanError[] {
  return plan.errors.filter((e) => e.code === "project-rule" || e.code === "cluster-policy");
}

const label = (c: JobChange) => `${c.key}${c.job_id ? ` (job ${c.job_id})` : ""}`;

/**
 * Why `saved` (the reviewed plan) may not be applied now that `fresh` was planned from the current
 * workspace and repo; empty when it may. Same fingerprints and same desired hashes mean the fresh plan
 * makes exactly the reviewed changes, so apply executes the fresh one without needing values from the file.
 */
export function staleReasons(saved: Plan, fresh: Plan): string[] {
  const out: string[] = [];
  if (saved.format_version !== 1) return [`the plan file has format_version ${String(saved.format_version)}; this jobform reads 1`];
  if (saved.project !== fresh.project) out.push(`the plan is for project "${saved.project}", the repo is "${fresh.project}"`);
  if (saved.target !== fresh.target) out.push(`the plan is for target ${saved.target ?? "(none)"}, this apply for ${fresh.target ?? "(none)"}`);
  if (saved.host !== null && fresh.host !== null && saved.host.replace(/\/+$/, "") !== fresh.host.replace(/\/+$/, "")) out.push(`the plan is for ${saved.host}, this apply talks to ${fresh.host}`);
  const now = new Map(fresh.changes.map((c) => [c.key, c]));
  for (const was of saved.changes) {
    const is = now.get(was.key);
    if (!is) {
      out.push(`${label(was)}: no longer in the plan (its definition or job went away)`);
      continue;
    }
    const name = label(is.job_id ? is : was);
    if (was.acl_unread && !is.acl_unread) {
      out.push(`${name}: the plan was made with credentials that could not read its permissions, so it cannot vouch for them; run apply without a plan file (it plans with the deploying credentials)`);
      continue;
    }
    if (was.fingerprint !== is.fingerprint) {
      const how = was.fingerprint === undefined ? "now exists in the workspace" : is.fingerprint === undefined ? "was deleted from the workspace" : "changed in the workspace";
      out.push(`${name}: ${how} since the plan was made`);
    } else if (was.desired_hash !== is.desired_hash) out.push(`${name}: its definition in git changed since the plan was made`);
    else if (was.action !== is.action) out.push(`${name}: planned to ${was.action}, would now ${is.action}`);
  }
  const reviewed = new Set(saved.changes.map((c) => c.key));
  for (const is of fresh.changes) if (!reviewed.has(is.key) && is.action !== "no-op") out.push(`${label(is)}: would ${is.action}, but the saved plan does not contain it`);
  // Jobs held back one by one (a broken cluster policy or project rule) do not make the whole saved plan stale.
  const held = new Set(heldBackJobs(fresh));
  out.push(...fresh.errors.filter((e) => !held.has(e)).map((e) => e.message));
  return out;
}

/**
 * The plan without the jobs that break a cluster policy, and their keys: the service would refuse those
 * writes, so apply leaves them out and writes the rest.
 */
export function policyRefusals(plan: Plan): { plan: Plan; refused: string[] } {
  const refused = [...new Set(plan.errors.filter((e) => e.code === "cluster-policy").map((e) => e.key))].sort();
  if (refused.length === 0) return { plan, refused };
  const changes = plan.changes.filter((c) => !refused.includes(c.key));
  const count = (a: JobChange["action"]) => changes.filter((c) => c.action === a).length;
  return {
    plan: {
      ...plan,
      changes,
      errors: plan.errors.filter((e) => e.code !== "cluster-policy"),
      summary: { create: count("create"), update: count("update"), delete: count("delete"), no_op: count("no-op") },
      ...(plan.resource_changes ? { resource_changes: plan.resource_changes.filter((r) => !refused.includes(r.name)) } : {}),
    },
    refused,
  };
}

/**
 * Why the deletes of `plan` are too many, or undefined. An emptied or mis-targeted jobs/ folder must not
 * erase a project: never every managed job when git defines none, never more than `maxFraction` of them.
 */
export function pruneRefusal(plan: Plan, managedCount: number, desiredCount: number, maxFraction: number): string | undefined {
  const deletes = plan.changes.filter((c) => c.action === "delete").length;
  if (deletes === 0) return undefined;
  if (desiredCount === 0) return `--prune would delete all ${deletes} managed jobs because no job is defined for this target; refusing (check --dir and --target)`;
  if (managedCount > 0 && deletes / managedCount > maxFraction)
    return `--prune would delete ${deletes} of ${managedCount} managed jobs, more than apply.prune_max_fraction (${maxFraction}) allows; raise it in jobform.yaml if this is intended`;
  return undefined;
}
