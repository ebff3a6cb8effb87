// "Plan again after apply is empty", checked at the end of every apply: the jobs just written are read
// back and planned against git. What still differs is a normalisation jobform lacks or a value the
// service will not take, and is reported with its path instead of becoming a perpetual diff.
import { jobRefsOf } from "../core/job-refs.js";
import { planJobs } from "../core/plan.js";
import type { PlanOptions } from "../core/plan-types.js";
import type { DesiredJob } from "../core/resolve.js";
import type { DatabricksClient } from "../databricks/index.js";
import { readLive } from "../live/read-live.js";
import type { NonConvergent } from "./report.js";

export async function checkConverged(client: DatabricksClient, desired: readonly DesiredJob[], keys: readonly string[], opts: PlanOptions): Promise<NonConvergent[]> {
  if (keys.length === 0) return [];
  // The jobs they run are read too: their ids resolve `${jobs.<key>.id}` in the re-plan.
  const refs = desired.filter((d) => keys.includes(d.key)).flatMap((d) => jobRefsOf(d.document));
  const live = await readLive(client, { project: opts.project, deployment: opts.deployment, claimsLegacy: opts.claimsLegacy }, { keys: new Set([...keys, ...refs]) });
  // prune: a job deleted a moment ago that is still listed shows up as a delete.
  const again = planJobs(desired, [...live.managed, ...live.unmanaged], { ...opts, prune: true, only: keys });
  const duplicates = again.errors.map((e) => ({ key: e.key, paths: [e.message] }));
  return again.changes
    .filter((c) => c.action !== "no-op")
    .map((c): NonConvergent => ({
      key: c.key,
      job_id: c.job_id,
      paths: c.action === "create" ? ["(job missing)"] : c.action === "delete" ? ["(job still exists)"] : [...c.fields.map((f) => f.path), ...c.permissions.map((p) => `permissions/${p.principal}`)],
    }))
    .concat(duplicates);
}
