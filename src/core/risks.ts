// Changes a reviewer must not miss, raised from the plan's own field and permission changes so the
// banner can never disagree with the diff below it.
import { pointerSegments } from "./pointer.js";
import { levelRank, OWNER } from "./normalize-acl.js";
import type { FieldChange, PermissionChange, Risk } from "./plan-types.js";

const TRIGGERS = new Set(["schedule", "trigger", "continuous", "triggers"]);
/** Where compute is chosen: a change here can alter cost, runtime or data access of every run. */
const COMPUTE = new Set(["new_cluster", "existing_cluster_id", "job_cluster_key", "environment_key", "compute", "job_clusters", "environments"]);

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function fieldRisk(c: FieldChange): Risk | undefined {
  const segs = pointerSegments(c.path);
  const [top, second] = segs;
  const at = segs.join(".");
  if (top === "tasks" && segs.length === 2 && c.op === "remove") return { kind: "task-removed", message: `task ${second} is removed` };
  if (top === "run_as") return { kind: "run-as-change", message: `run_as changes: ${show(c.before ?? "owner")} → ${show(c.after ?? "owner")}` };
  if (top !== undefined && TRIGGERS.has(top)) {
    const last = segs[segs.length - 1];
    const activated = last === "pause_status" ? c.after === "UNPAUSED" : segs.length === 1 && c.op === "add" && (c.after as { pause_status?: string }).pause_status !== "PAUSED";
    if (activated) return { kind: "unpaused", message: `${top} becomes active (UNPAUSED)` };
  }
  if (top === "max_concurrent_runs" && typeof c.before === "number" && typeof c.after === "number" && c.after < c.before)
    return { kind: "concurrency-lowered", message: `max_concurrent_runs lowered ${c.before} → ${c.after}` };
  if (segs.some((s) => COMPUTE.has(s))) return { kind: "compute-change", message: at };
  return undefined;
}

function permissionRisks(p: PermissionChange): Risk[] {
  const out: Risk[] = [];
  if (p.before === OWNER || p.after === OWNER) out.push({ kind: "owner-change", message: p.after === OWNER ? `${p.principal} becomes owner` : `${p.principal} is no longer owner` });
  // A former owner's loss is already the owner-change risk; say it once.
  else if (levelRank(p.after) < levelRank(p.before)) out.push({ kind: "access-lost", message: `${p.principal} loses ${p.before}${p.after ? ` (now ${p.after})` : ""}` });
  return out;
}

export function risksOf(fields: readonly FieldChange[], permissions: readonly PermissionChange[]): Risk[] {
  const out: Risk[] = [];
  const compute: string[] = [];
  for (const c of fields) {
    const r = fieldRisk(c);
    if (r?.kind === "compute-change") compute.push(r.message);
    else if (r) out.push(r);
  }
  // One compute risk per job: a changed cluster touches many paths, the reviewer needs to see where.
  if (compute.length) out.push({ kind: "compute-change", message: `compute changes at ${compute.slice(0, 3).join(", ")}${compute.length > 3 ? ` and ${compute.length - 3} more` : ""}` });
  for (const p of permissions) out.push(...permissionRisks(p));
  return out;
}

/** A new job changes nothing that exists; what a reviewer must see is that it starts running on its own. */
export function createRisks(fields: readonly FieldChange[]): Risk[] {
  return risksOf(fields, []).filter((r) => r.kind === "unpaused");
}
