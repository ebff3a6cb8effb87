// The bodies apply sends, as pure functions of the definition (API-NOTES §4): what create, reset and
// update carry, and which fields must always be explicit because the service treats their absence
// specially.
import { resolveJobRefs } from "../core/job-refs.js";
import { isPlainObject } from "../core/merge.js";
import { ownershipTags } from "../core/ownership.js";
import type { UpdateRequest } from "../core/plan-types.js";
import type { Principal } from "../core/normalize-acl.js";

type Obj = Record<string, unknown>;

export interface SettingsInput {
  project: string;
  /** The target's deployment name; absent only for callers that predate deployments (tests). */
  deployment?: string;
  key: string;
  /** Ids of the project's jobs known so far (live or just created), for `${jobs.<key>.id}`. */
  ids: ReadonlyMap<string, string>;
}

/**
 * JobSettings for the job: the definition without `permissions` (a separate PUT), with the ownership tags
 * and references resolved. `queue` is always explicit: 2.2 turns queueing on when it is omitted, and a
 * body that says so leaves nothing to the service's choice.
 */
export function jobSettings(document: Readonly<Obj>, input: SettingsInput): Obj {
  const { permissions: _acl, ...rest } = resolveJobRefs(document, input.ids);
  const tags = { ...(isPlainObject(rest.tags) ? rest.tags : {}), ...ownershipTags(input, input.key) };
  return { ...rest, tags, queue: isPlainObject(rest.queue) ? rest.queue : { enabled: true } };
}

/** run_as as the API spells it for an identity. */
export function runAsOf(p: Principal): Obj {
  return p.kind === "service_principal" ? { service_principal_name: p.name } : { user_name: p.name };
}

/**
 * jobs/reset replaces everything except run_as, which it keeps when the body omits it (§4 jobs/reset):
 * a definition without run_as runs as its owner, so the owner is sent and an old run_as does not stick.
 */
export function resetSettings(settings: Readonly<Obj>, owner: Principal): Obj {
  return settings.run_as === undefined ? { ...settings, run_as: runAsOf(owner) } : { ...settings };
}

const keyed = (list: unknown, field: string, keys: readonly string[]): Obj[] =>
  (Array.isArray(list) ? list : []).filter((item): item is Obj => isPlainObject(item) && keys.includes(item[field] as string));

/**
 * jobs/update for the plan's UpdateRequest: changed top-level fields wholesale (update never merges inside
 * them), changed tasks and job clusters whole and by key (update merges those lists by key), removals
 * by name. An empty new_settings is left out so a removal-only update sends only fields_to_remove.
 */
export function updateBody(settings: Readonly<Obj>, update: UpdateRequest): { new_settings?: Obj; fields_to_remove?: string[] } {
  const next: Obj = {};
  for (const f of update.fields) if (settings[f] !== undefined) next[f] = settings[f];
  if (update.tasks.length) next.tasks = keyed(settings.tasks, "task_key", update.tasks);
  if (update.job_clusters.length) next.job_clusters = keyed(settings.job_clusters, "job_cluster_key", update.job_clusters);
  const body: { new_settings?: Obj; fields_to_remove?: string[] } = {};
  if (Object.keys(next).length) body.new_settings = next;
  if (update.fields_to_remove.length) body.fields_to_remove = [...update.fields_to_remove];
  return body;
}
