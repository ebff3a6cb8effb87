// The checks the real Jobs API makes on create, reset and on the merged result of update, with the
// messages recorded in API-NOTES §8.3. Messages not recorded there are marked "wording ours".
import type { Json } from "./state.js";
import { invalid, missingField } from "./errors.js";
import { isObject } from "./defaults.js";
import { asArray, eachCluster, eachTask } from "./job-settings.js";

const MAX_TASKS = 1000;
const MAX_TAGS = 25;
const MAX_CONCURRENT = 1000;
const MAX_NAME_BYTES = 4096;
const GIT_PROVIDERS = ["github", "gitlab", "bitbucketcloud", "gitlabenterpriseedition", "bitbucketserver", "azuredevopsservices", "githubenterprise", "awscodecommit"];
const SINGLE_NODE_PROFILE = "singleNode";
const TASK_KEY = /^[A-Za-z0-9_-]+$/;

function checkGitSource(gs: unknown): void {
  if (gs === undefined) return;
  if (!isObject(gs)) throw invalid("git_source must be an object");
  const provider = typeof gs.git_provider === "string" ? gs.git_provider.toLowerCase() : "";
  // The provider is compared case-insensitively (API-NOTES §2.1); a missing one gets this exact message.
  if (!GIT_PROVIDERS.includes(provider)) throw invalid(`git_source.git_provider must be one of: ${GIT_PROVIDERS.join(",")}`);
  if (typeof gs.git_url !== "string") throw missingField("settings.git_source.git_url");
}

const DEPLOYMENT_KINDS = ["BUNDLE", "SYSTEM_MANAGED"];

// JobDeployment.kind is the one required field of `deployment` (sdk-go model JobDeployment, "required":
// true); the kinds are the JobDeploymentKind enum. An unknown kind's wording is ours.
function checkDeployment(d: unknown): void {
  if (d === undefined) return;
  if (!isObject(d)) throw invalid("deployment must be an object");
  if (d.kind === undefined) throw missingField("settings.deployment.kind");
  if (typeof d.kind !== "string" || !DEPLOYMENT_KINDS.includes(d.kind)) throw invalid(`deployment.kind must be one of: ${DEPLOYMENT_KINDS.join(", ")}`);
}

function isSingleNode(c: Json): boolean {
  const conf = isObject(c.spark_conf) ? c.spark_conf : {};
  return conf["spark.databricks.cluster.profile"] === SINGLE_NODE_PROFILE || c.is_single_node === true;
}

function checkCluster(c: Json): void {
  const workers = c.num_workers ?? 0;
  // An absent num_workers means 0 workers; that needs the single-node configuration (cli#1546).
  if (c.autoscale === undefined && workers === 0 && !isSingleNode(c))
    throw invalid("NumWorkers could be 0 only for SingleNode clusters. See https://docs.databricks.com/clusters/single-node.html for more details");
}

function checkTasks(settings: Json): void {
  const tasks = asArray(settings.tasks);
  // wording ours: the limit is documented (1000 on write), the message is not recorded.
  if (tasks.length > MAX_TASKS) throw invalid(`A job can have at most ${MAX_TASKS} tasks, got ${tasks.length}.`);
  const keys = new Set<string>();
  for (const t of tasks) {
    if (typeof t.task_key !== "string" || t.task_key === "") throw missingField("settings.tasks.task_key");
    // Recorded wording (issue #12, difference 5); the same rule holds inside for_each_task below.
    if (!TASK_KEY.test(t.task_key)) throw invalid(`Task key '${t.task_key}' contains an invalid character. Only alphanumeric, - and _ characters are permitted.`);
    // wording ours.
    if (keys.has(t.task_key)) throw invalid(`Task key ${t.task_key} is used by more than one task in this job.`);
    keys.add(t.task_key);
  }
  const clusterKeys = new Set(asArray(settings.job_clusters).map((c) => c.job_cluster_key));
  for (const t of tasks) {
    for (const d of asArray(t.depends_on)) {
      if (typeof d.task_key !== "string") throw missingField("settings.tasks.depends_on.task_key");
      if (d.task_key === t.task_key) throw invalid(`Invalid dependency graph, task '${t.task_key}' can not reference itself.`);
      // wording ours.
      if (!keys.has(d.task_key)) throw invalid(`Invalid dependency graph, task '${t.task_key}' depends on '${d.task_key}', which is not a task of this job.`);
    }
    // wording ours.
    if (typeof t.job_cluster_key === "string" && !clusterKeys.has(t.job_cluster_key))
      throw invalid(`The job cluster key ${t.job_cluster_key} used by task ${t.task_key} is not defined in job_clusters.`);
  }
  const cycle = findCycle(tasks);
  // wording ours, in the style of the recorded self-reference message.
  if (cycle) throw invalid(`Invalid dependency graph, cycle detected: ${cycle.join(" -> ")}.`);
}

/** A job's tasks must form a DAG; the first cycle found, as task keys from its start back to it. */
function findCycle(tasks: Json[]): string[] | undefined {
  const deps = new Map(tasks.map((t) => [t.task_key as string, asArray(t.depends_on).map((d) => d.task_key as string)]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (key: string): string[] | undefined => {
    state.set(key, "open");
    stack.push(key);
    for (const next of deps.get(key) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(key, "done");
    return undefined;
  };
  for (const key of deps.keys()) {
    if (state.has(key)) continue;
    const found = visit(key);
    if (found) return found;
  }
  return undefined;
}

function checkJobClusters(settings: Json): void {
  const seen = new Set<string>();
  for (const jc of asArray(settings.job_clusters)) {
    if (typeof jc.job_cluster_key !== "string" || jc.job_cluster_key === "") throw missingField("settings.job_clusters.job_cluster_key");
    if (seen.has(jc.job_cluster_key)) throw invalid(`Job cluster key ${jc.job_cluster_key} is used by more than one job cluster.`);
    seen.add(jc.job_cluster_key);
  }
}

/** Throws ApiFailure for the first rule the settings break. */
export function validateSettings(settings: Json): void {
  if (typeof settings.name === "string" && Buffer.byteLength(settings.name) > MAX_NAME_BYTES)
    throw invalid(`The job name must be at most ${MAX_NAME_BYTES} bytes.`);
  if (isObject(settings.tags) && Object.keys(settings.tags).length > MAX_TAGS)
    throw invalid(`A job can have at most ${MAX_TAGS} tags.`);
  const mcr = settings.max_concurrent_runs;
  if (mcr !== undefined && (typeof mcr !== "number" || !Number.isInteger(mcr) || mcr < 0 || mcr > MAX_CONCURRENT))
    throw invalid(`max_concurrent_runs must be between 0 and ${MAX_CONCURRENT}.`);
  checkGitSource(settings.git_source);
  checkDeployment(settings.deployment);
  const triggers = ["schedule", "trigger", "continuous"].filter((k) => settings[k] !== undefined);
  if (triggers.length > 1) throw invalid(`Only one of ${triggers.join(", ")} can be set.`);
  if (isObject(settings.schedule) && typeof settings.schedule.quartz_cron_expression !== "string")
    throw missingField("settings.schedule.quartz_cron_expression");
  checkJobClusters(settings);
  checkTasks(settings);
  eachTask(settings, (t) => {
    if (isObject(t.notebook_task) && typeof t.notebook_task.notebook_path !== "string") throw missingField("settings.tasks.notebook_task.notebook_path");
  });
  eachCluster(settings, checkCluster);
}
