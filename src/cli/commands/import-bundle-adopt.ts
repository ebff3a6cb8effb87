// The parts of `jobform import` that concern Asset Bundles and references between imported jobs: a job a
// bundle deployed is imported under its bundle resource key (from the bundle's state in the workspace) and
// without the bundle's markers, and a run_job task that runs another imported or managed job is written as
// `${jobs.<key>.id}` (core/job-refs.ts symbolicJobRefs). Kept apart from import-action.ts on purpose.
import { bundleMarkers, keysByJobId, withoutBundleMarkers } from "../../core/bundle-adopt.js";
import { symbolicJobRefs } from "../../core/job-refs.js";
import type { BaseJob, DatabricksClient } from "../../databricks/index.js";
import { idToString } from "../../lib/json.js";
import { readBundleStates } from "../../live/bundle-state.js";

const JOB_KEY = /^[A-Za-z0-9_-]{1,100}$/;

const settingsOf = (j: BaseJob) => (j.settings ?? {}) as Record<string, unknown>;

export interface BundleKeys {
  /** Job id → the bundle's resource key, for bundle-deployed jobs whose key is free. */
  keys: Map<string, string>;
  notes: string[];
}

/**
 * Keys for the bundle-deployed jobs among `jobs`: the resource key the bundle's state gives each, when it is
 * a valid job key not in `taken`. Other jobs (and bundle jobs without readable state) get keys from names.
 */
export async function bundleKeys(client: DatabricksClient, jobs: readonly BaseJob[], taken: ReadonlySet<string>): Promise<BundleKeys> {
  const roots = new Map<string, string>();
  for (const j of jobs) {
    const root = bundleMarkers(settingsOf(j))?.rootPath;
    if (root !== undefined) roots.set(idToString(j.job_id), root);
  }
  const out: BundleKeys = { keys: new Map(), notes: [] };
  if (roots.size === 0) return out;
  const states = await readBundleStates(client, roots.values());
  const used = new Set(taken);
  for (const [id, root] of [...roots].sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1))) {
    const state = states.get(root);
    const key = state ? keysByJobId(state.ids).get(id) : undefined;
    if (key !== undefined && JOB_KEY.test(key) && !used.has(key)) {
      out.keys.set(id, key);
      used.add(key);
    }
    const from = key !== undefined && state?.file ? `resource ${key} in ${state.file}` : `no readable bundle state under ${root}/state`;
    out.notes.push(`job ${id} was deployed by an Asset Bundle (${from}): its bundle markers (deployment, edit_mode UI_LOCKED) are not imported, and the apply that takes it over clears them; stop deploying it with the bundle first`);
  }
  return out;
}

/** The job as the project should hold it: without a bundle's markers. */
export function withoutMarkers<T extends { settings: Record<string, unknown> }>(job: T): T {
  return { ...job, settings: withoutBundleMarkers(job.settings) };
}

/**
 * Job id → key for `${jobs.<key>.id}`: the jobs written by this import and the project's managed and adopted
 * jobs (an import never points a reference at a job the project does not hold).
 */
export function referableJobs(...sources: Iterable<readonly [string, string]>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sources) for (const [id, key] of s) if (!out.has(id)) out.set(id, key);
  return out;
}

/** Notes for run_job tasks of an imported job that run a job outside the project (their ids are kept). */
export function outsideRefNotes(settings: Record<string, unknown>, rel: string, refs: ReadonlyMap<string, string>): string[] {
  return symbolicJobRefs(settings, refs).outside.map(
    (o) => `${rel}: task ${o.taskKey} runs job ${o.jobId}, which this project neither imports nor manages: its id is kept as it is (import that job too to have it written as \${jobs.<key>.id})`,
  );
}
