import { taskIndex, upstreamOf } from "./graph.js";
import { eachString, list, obj, str, tasksOf } from "./context.js";
import type { LintContext } from "./context.js";

const JOB_PARAM = /\{\{\s*job\.parameters\.([^}\s]+)\s*\}\}/g;
const TASK_REF = /\{\{\s*tasks\.([A-Za-z0-9_-]+)\.[^}]*\}\}/g;
export const JOB_ID_REF = /^\$\{jobs\.([A-Za-z0-9_-]+)\.id\}$/;

/** job_cluster_key and environment_key must name a definition of the same job. */
export function computeReferences(ctx: LintContext): void {
  const doc = ctx.job.document;
  const clusters = new Set(list(doc.job_clusters).map((c) => str(obj(c)?.job_cluster_key)));
  const envs = new Set(list(doc.environments).map((e) => str(obj(e)?.environment_key)));
  const usedClusters = new Set<string>();
  for (const ref of tasksOf(doc, true)) {
    const jck = str(ref.task.job_cluster_key);
    if (jck !== undefined) {
      usedClusters.add(jck);
      if (!clusters.has(jck)) ctx.report("JF040", [...ref.segments, "job_cluster_key"], `job_cluster_key "${jck}" is not defined in job_clusters` + known(clusters));
    }
    const env = str(ref.task.environment_key);
    if (env !== undefined && !envs.has(env)) ctx.report("JF041", [...ref.segments, "environment_key"], `environment_key "${env}" is not defined in environments` + known(envs));
  }
  list(doc.job_clusters).forEach((c, i) => {
    const key = str(obj(c)?.job_cluster_key);
    if (key !== undefined && !usedClusters.has(key)) ctx.report("JF047", ["job_clusters", String(i), "job_cluster_key"], `job cluster "${key}" is not used by any task`, { severity: "warning" });
  });
}

function known(keys: Set<string | undefined>): string {
  const names = [...keys].filter((k): k is string => k !== undefined);
  return names.length ? ` (defined: ${names.join(", ")})` : "";
}

/** `{{job.parameters.x}}` must name a job parameter; `{{tasks.k.…}}` must name an upstream task. */
export function dynamicValueReferences(ctx: LintContext): void {
  const doc = ctx.job.document;
  const params = new Set(list(doc.parameters).map((p) => str(obj(p)?.name)));
  eachString(doc, (s, path) => {
    if (!s.includes("{{")) return;
    for (const m of s.matchAll(JOB_PARAM)) {
      const name = m[1] as string;
      if (!params.has(name)) ctx.report("JF042", path(), `{{job.parameters.${name}}} refers to a job parameter that is not defined under parameters:`);
    }
  });
  const index = taskIndex(ctx);
  for (const ref of tasksOf(doc)) {
    const key = str(ref.task.task_key);
    if (key === undefined) continue;
    let upstream: Set<string> | undefined;
    eachString(
      ref.task,
      (s, path) => {
        if (!s.includes("{{")) return;
        for (const m of s.matchAll(TASK_REF)) {
          const other = m[1] as string;
          upstream ??= upstreamOf(key, index);
          if (other === key || upstream.has(other)) continue;
          const why = index.has(other) ? `"${other}" is not upstream of "${key}": add it to depends_on (directly or through another task)` : `there is no task "${other}" in this job`;
          ctx.report("JF043", path(), `${m[0]} cannot be resolved: ${why}`);
        }
      },
      ref.segments,
    );
  }
}

/** run_job tasks that point at another job of this project, as `${jobs.<key>.id}`. */
export function runJobTargets(doc: Record<string, unknown>): { key: string; segments: string[] }[] {
  const out: { key: string; segments: string[] }[] = [];
  for (const ref of tasksOf(doc, true)) {
    const id = obj(ref.task.run_job_task)?.job_id;
    const m = typeof id === "string" ? JOB_ID_REF.exec(id) : null;
    if (m) out.push({ key: m[1] as string, segments: [...ref.segments, "run_job_task", "job_id"] });
  }
  return out;
}

const MAX_RUN_JOB_DEPTH = 3;

/**
 * `${jobs.<key>.id}` must name a job of the project; chains of run_job tasks are limited to three levels by
 * the service and must not loop (a loop would start runs forever).
 */
export function jobReferences(ctx: LintContext): void {
  const refs = runJobTargets(ctx.job.document);
  for (const r of refs) {
    if (!ctx.jobs.has(r.key)) ctx.report("JF044", r.segments, `\${jobs.${r.key}.id} refers to a job that is not in this project (no jobs/${r.key}.yaml)`);
  }
  const edges = (key: string) => {
    const job = ctx.jobs.get(key);
    return job ? [...new Set(runJobTargets(job.document).map((r) => r.key))].filter((k) => ctx.jobs.has(k)) : [];
  };
  const start = ctx.job.key;
  const cycle = findPath(start, edges, (k, path) => k === start && path.length > 0);
  if (cycle) {
    const first = refs.find((r) => r.key === cycle[1]) ?? refs[0];
    if (first) ctx.report("JF046", first.segments, `run_job cycle: ${cycle.join(" → ")}`);
    return;
  }
  const longest = longestChain(start, edges);
  if (longest.length - 1 > MAX_RUN_JOB_DEPTH) {
    const first = refs.find((r) => r.key === longest[1]) ?? refs[0];
    if (first) ctx.report("JF045", first.segments, `run_job chain is ${longest.length - 1} levels deep (${longest.join(" → ")}); the service supports at most ${MAX_RUN_JOB_DEPTH}`);
  }
}

function findPath(start: string, edges: (k: string) => string[], done: (k: string, path: string[]) => boolean): string[] | undefined {
  const visited = new Set<string>();
  const walk = (k: string, path: string[]): string[] | undefined => {
    for (const next of edges(k)) {
      if (done(next, path.concat(k))) return [...path, k, next];
      if (visited.has(next)) continue;
      visited.add(next);
      const found = walk(next, [...path, k]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, []);
}

function longestChain(start: string, edges: (k: string) => string[], seen = new Set<string>()): string[] {
  if (seen.size > 10) return [start];
  let best: string[] = [start];
  for (const next of edges(start)) {
    if (seen.has(next)) continue;
    const chain = [start, ...longestChain(next, edges, new Set([...seen, start]))];
    if (chain.length > best.length) best = chain;
  }
  return best;
}
