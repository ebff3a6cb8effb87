// "Plan again after apply is empty", checked at the end of every apply: the jobs just written are read
// back and planned against git. What still differs is a normalisation jobform lacks or a value the
// service will not take, and is reported with its path instead of becoming a perpetual diff.
import { jobRefsOf } from "../core/job-refs.js";
import { planJobs } from "../core/plan.js";
import type { FieldChange, PlanOptions } from "../core/plan-types.js";
import type { DesiredJob } from "../core/resolve.js";
import type { DatabricksClient } from "../databricks/index.js";
import { readLive } from "../live/read-live.js";
import type { NonConvergent } from "./report.js";
import { ENUM_LIKE, recordDropped } from "../live/dropped-values.js";

/**
 * Right after jobform wrote a field, a different value means the service did not keep it: it accepts an
 * enum value it does not know with 200 and drops it (issue #12, difference 2), so the field reads as its
 * default or absent. Naming both values turns a mystery perpetual diff into a fix in git. Only enum-shaped
 * values are shown: anything else could be a secret.
 */
function fieldText(f: FieldChange): string {
  if (typeof f.after !== "string" || !ENUM_LIKE.test(f.after)) return f.path;
  const kept = typeof f.before === "string" && ENUM_LIKE.test(f.before) ? f.before : f.before === undefined ? "nothing" : "another value";
  return `${f.path} (git sets ${f.after}, the workspace kept ${kept}: it drops values it does not know)`;
}

export async function checkConverged(client: DatabricksClient, desired: readonly DesiredJob[], keys: readonly string[], opts: PlanOptions): Promise<NonConvergent[]> {
  if (keys.length === 0) return [];
  // The jobs they run are read too: their ids resolve `${jobs.<key>.id}` in the re-plan.
  const refs = desired.filter((d) => keys.includes(d.key)).flatMap((d) => jobRefsOf(d.document));
  const live = await readLive(client, { project: opts.project, deployment: opts.deployment, claimsLegacy: opts.claimsLegacy }, { keys: new Set([...keys, ...refs]) });
  // prune: a job deleted a moment ago that is still listed shows up as a delete.
  const again = planJobs(desired, [...live.managed, ...live.unmanaged], { ...opts, prune: true, only: keys });
  const duplicates = again.errors.map((e) => ({ key: e.key, paths: [e.message] }));
  const dropped = again.changes.flatMap((c) => (c.action === "update" ? c.fields.flatMap((f) => (typeof f.after === "string" ? [{ key: c.key, path: f.path, value: f.after }] : [])) : []));
  await recordDropped(client, opts.project, opts.target, dropped);
  return again.changes
    .filter((c) => c.action !== "no-op")
    .map((c): NonConvergent => ({
      key: c.key,
      job_id: c.job_id,
      paths: c.action === "create" ? ["(job missing)"] : c.action === "delete" ? ["(job still exists)"] : [...c.fields.map(fieldText), ...c.permissions.map((p) => `permissions/${p.principal}`)],
    }))
    .concat(duplicates);
}
