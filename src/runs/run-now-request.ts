/**
 * The jobs/run-now body for `jobform run`, checked against the deployed job before anything is sent:
 * a misspelled --param would otherwise be dropped or refused by the service with a message that does
 * not say which names exist, and a wrong --only key fails only after the request. Pure.
 */
import type { Id, JobSettings, RunNowRequest } from "../databricks/index.js";

export interface RunNowInput {
  jobId: Id;
  key: string;
  /** The deployed job's settings (what the run will use). */
  settings: JobSettings;
  params: ReadonlyMap<string, string>;
  only: readonly string[];
  idempotencyToken: string;
  /** Parameters the local jobs/<key>.yaml declares: named in the error when they are not deployed yet. */
  localParameters?: readonly string[];
  localTasks?: readonly string[];
}

export type RunNowResult = { request: RunNowRequest; errors?: undefined } | { errors: string[]; request?: undefined };

function knownList(names: readonly string[]): string {
  return names.length === 0 ? "none" : names.join(", ");
}

/** `only` accepts `+key` (with upstream) and `key+` (with downstream) in the API; the bare key is checked. */
function bareTaskKey(entry: string): string {
  return entry.replace(/^\+/, "").replace(/\+$/, "");
}

function notYetDeployed(name: string, local: readonly string[] | undefined, key: string): string {
  return local?.includes(name) ? `; jobs/${key}.yaml has it but it is not deployed yet: run jobform apply` : "";
}

/** Names declared under `field` of a local job document (parameters by name, tasks by task_key). */
export function localNames(doc: Record<string, unknown> | undefined, field: string, nameKey: string): string[] {
  const list = doc?.[field];
  return Array.isArray(list) ? list.flatMap((x) => (typeof x === "object" && x !== null && typeof (x as Record<string, unknown>)[nameKey] === "string" ? [(x as Record<string, string>)[nameKey] as string] : [])) : [];
}

export function buildRunNow(input: RunNowInput): RunNowResult {
  const errors: string[] = [];
  const declared = (input.settings.parameters ?? []).map((p) => p.name);
  for (const name of input.params.keys()) {
    if (declared.includes(name)) continue;
    errors.push(`--param ${name}: job ${input.key} has no parameter "${name}" (its parameters: ${knownList(declared)})${notYetDeployed(name, input.localParameters, input.key)}`);
  }
  const tasks = (input.settings.tasks ?? []).map((t) => t.task_key);
  for (const entry of input.only) {
    const bare = bareTaskKey(entry);
    if (tasks.includes(bare)) continue;
    errors.push(`--only ${entry}: job ${input.key} has no task "${bare}" (its tasks: ${knownList(tasks)})${notYetDeployed(bare, input.localTasks, input.key)}`);
  }
  if (errors.length > 0) return { errors };
  const request: RunNowRequest = { job_id: input.jobId, idempotency_token: input.idempotencyToken };
  if (input.params.size > 0) request.job_parameters = Object.fromEntries(input.params);
  if (input.only.length > 0) request.only = [...input.only];
  return { request };
}
