// The parts of `jobform import` that concern Asset Bundles and references between imported jobs: a job a
// bundle deployed is imported under its bundle resource key (from the bundle's state in the workspace) and
// without the bundle's markers, and a run_job task that runs another imported or managed job is written as
// `${jobs.<key>.id}` (core/job-refs.ts symbolicJobRefs); and `import --from-bundle --adopt`, which finds the
// jobs a converted bundle deployed to one target and records them in the new project's `adopt:`. Kept apart
// from import-action.ts and import-bundle-action.ts on purpose.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { addAdoptions } from "../../core/adopt-edit.js";
import { assembleBundle } from "../../core/bundle/assemble.js";
import { Findings } from "../../core/bundle/model.js";
import { bundleMarkers, bundleRootPath, keysByJobId, matchBundleJobs, withoutBundleMarkers } from "../../core/bundle-adopt.js";
import { symbolicJobRefs, symbolicJobRefsInText } from "../../core/job-refs.js";
import { PROJECT_TAG } from "../../core/ownership.js";
import { checkProject } from "../../core/project.js";
import { PROJECT_FILE } from "../../core/resolve.js";
import type { BaseJob, DatabricksClient } from "../../databricks/index.js";
import { idToString } from "../../lib/json.js";
import { readBundleState, readBundleStates } from "../../live/bundle-state.js";
import { UserError } from "../errors.js";
import { globals, parseVars } from "../globals.js";
import type { ReadBundle } from "../read-bundle.js";
import { readProject } from "../read-project.js";
import { loadSchemas } from "../schemas.js";
import { openClient } from "../workspace.js";

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

/**
 * `import --from-bundle … --adopt`: the project converted into `out` is resolved for one target, the jobs that
 * bundle deployed there are found (its state under the target's root path, else the name among the jobs
 * marked as deployed under that root) and written into `out`/jobform.yaml `adopt:`. Nothing in the workspace
 * changes; the next apply tags the jobs and clears the bundle's markers.
 */
export async function adoptFromBundle(cmd: Command, out: string, read: ReadBundle, targets: readonly string[] | undefined, print = (line: string) => process.stdout.write(line)): Promise<void> {
  const g = globals(cmd);
  if (targets && targets.length > 1) throw new UserError(`--adopt takes the jobs of one target; give one --target, not ${targets.join(",")}`);
  const checked = checkProject(readProject(out), { target: targets?.[0], vars: parseVars(g.var), env: process.env }, loadSchemas());
  const target = checked.resolved.target;
  const project = checked.resolved.projectName;
  if (target === undefined || project === undefined) throw new UserError(`the converted project in ${out} has no target to adopt for; give --target`);
  const bundle = assembleBundle(read.files, new Findings());
  if (!bundle) throw new UserError("the bundle could not be read again to find its root path");
  const wanted = checked.resolved.jobs.map((j) => ({ key: j.key, name: j.document.name }));
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const client = await openClient(cmd, target, out);
  try {
    const me = (await client.scim.me()).userName ?? "";
    const root = bundleRootPath(bundle, target, me);
    const deployed: { jobId: string; name: unknown; settings: Record<string, unknown> }[] = [];
    for await (const j of client.jobs.list()) {
      const settings = settingsOf(j);
      // Another jobform project's job is never adopted; this project's keys are matched by plan already.
      if ((settings.tags as Record<string, unknown> | undefined)?.[PROJECT_TAG] === undefined) deployed.push({ jobId: idToString(j.job_id), name: settings.name, settings });
    }
    const state = root === undefined ? { ids: new Map<string, string>() } : await readBundleState(client, root);
    const m = matchBundleJobs(wanted, deployed, state.ids, root);
    if (root === undefined) say(`note: the root path of target ${target} depends on something jobform cannot resolve; jobs were matched by name only`);
    for (const [key, id] of m.matched) {
      const how = m.how.get(key) === "state" ? `by the bundle's state (${state.file ?? ""})` : `by name under ${root ?? "?"}`;
      print(`adopt ${key}: job ${id}, found ${how}\n`);
    }
    for (const a of m.ambiguous) say(`note: ${a.key}: jobs ${a.jobIds.join(" and ")} both have its name under ${root ?? "the bundle's root"}; none adopted — add adopt.${a.key}: <job id> to ${PROJECT_FILE} by hand`);
    for (const key of m.missing) say(`note: ${key}: no job of target ${target} was found for it; the next apply creates it`);
    // Now that the jobs' ids are known, a run_job task that names one of them by id runs that job's key.
    const refs = new Map([...m.matched].map(([key, id]) => [id, key]));
    for (const j of checked.resolved.jobs) {
      const path = join(out, j.file);
      const text = readFileSync(path, "utf8");
      const edited = symbolicJobRefsInText(text, refs);
      if (edited.text !== text) writeFileSync(path, edited.text);
      for (const o of edited.outside) say(`note: ${j.file}: task ${o.taskKey} runs job ${o.jobId}, which is not one of this bundle's jobs: its id is kept as it is`);
    }
    if (m.matched.size === 0) return;
    const file = join(out, PROJECT_FILE);
    const edited = addAdoptions(readFileSync(file, "utf8"), m.matched);
    if (edited === undefined) throw new UserError(`${file} could not be edited to add adopt: entries`);
    writeFileSync(file, edited);
    print(`${PROJECT_FILE}: adopt ${[...m.matched.keys()].join(", ")}; the next apply tags ${m.matched.size === 1 ? "this job" : "these jobs"} and clears the bundle's markers instead of creating new ones. Stop deploying ${m.matched.size === 1 ? "it" : "them"} with the bundle first.\n`);
  } finally {
    await client.close();
  }
}
