// Pairs desired and live jobs by jobform's ownership tags (never by name: names are not unique) and
// decides, per job, create / update / delete / no-op with the exact field and permission changes.
import { dropPolicyFills } from "./cluster-policy/fills.js";
import { diff, diffAcl } from "./diff.js";
import { fingerprint } from "./fingerprint.js";
import { keepLiveValues, rulesForJob, withoutIgnored } from "./ignore.js";
import type { IgnoreRule } from "./ignore.js";
import { resolveJobRefs } from "./job-refs.js";
import { isPlainObject } from "./merge.js";
import { comparableLive, normalizeDesired, normalizeLive, settingsFields, stripServerDefaults, withOwnershipTags } from "./normalize.js";
import type { CanonicalJob } from "./normalize.js";
import { bundleMarkerNote, bundleMarkers } from "./bundle-adopt.js";
import { DEPLOYMENT_TAG, KEY_TAG, ownershipOf, PROJECT_TAG } from "./ownership.js";
import type { JobChange, LiveJob, Plan, PlanError, PlanOptions, ResourceChange } from "./plan-types.js";
import type { DesiredJob } from "./resolve.js";
import { createRisks, risksOf } from "./risks.js";
import { chooseStrategy } from "./strategy.js";
import { taskGraph } from "./task-graph.js";

/** A run_job task's job id → the project's key for it, so the plan's graph names jobs as the YAML does. */
function keyOfJobId(ids: ReadonlyMap<string, string>): (id: string) => string | undefined {
  const byId = new Map([...ids].map(([key, id]) => [id, key]));
  return (id) => byId.get(id);
}

const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const tagsOf = (l: LiveJob) => (isPlainObject(l.settings.tags) ? l.settings.tags : {});
const nameOf = (s: Record<string, unknown>) => (typeof s.name === "string" ? s.name : undefined);

/** Which `ignore:` rule took fields out of which jobs, for the plan's notes. */
type Ignored = Map<IgnoreRule, Set<string>>;

/**
 * `side` without the fields operators own on job `key`; the rules that removed something are recorded in
 * `ignored` (when given) so the plan can say what it left alone and why.
 */
function ownedRemoved(side: CanonicalJob, key: string, opts: PlanOptions, ignored?: Ignored): CanonicalJob {
  const rules = rulesForJob(opts.ignore ?? [], key);
  if (rules.length === 0) return side;
  const { settings, matched } = withoutIgnored(side.settings, rules);
  for (const rule of matched) ignored?.set(rule, (ignored.get(rule) ?? new Set()).add(key));
  return { settings, permissions: side.permissions };
}

type Settings = Record<string, unknown>;

/** The job as Terraform's JSON plan shows a resource: `id` and the settings, or null on the side it is absent. */
function resourceChange(change: JobChange, before: Settings | null, after: Settings | null): ResourceChange {
  const withId = (s: Settings | null) => (s && change.job_id !== undefined ? { id: change.job_id, ...s } : s);
  return {
    address: `databricks_job.${change.key}`,
    mode: "managed",
    type: "databricks_job",
    name: change.key,
    change: { actions: [change.action], before: withId(before), after: withId(after), after_unknown: change.action === "create" ? { id: true } : {} },
  };
}

/** Live settings in the API's shape, with the run_as the comparison resolved. */
const liveSettings = (live: LiveJob, canonical: CanonicalJob): Settings => {
  const out = settingsFields(live.settings);
  if (canonical.settings.run_as !== undefined) out.run_as = canonical.settings.run_as;
  return out;
};

/** Live settings as `import` would write them: the API's shape without what the server added. */
const liveWritten = (live: LiveJob, canonical: CanonicalJob): Settings => stripServerDefaults(liveSettings(live, canonical));

function planOne(job: DesiredJob, live: LiveJob | undefined, opts: PlanOptions, ids: ReadonlyMap<string, string>, ignored: Ignored): [JobChange, ResourceChange] {
  const document = resolveJobRefs(job.document, ids);
  const full = normalizeDesired(document, { project: opts.project, deployment: opts.deployment, key: job.key, deployer: opts.deployer });
  const name = nameOf(document);
  // What the plan shows of git's side: the definition as written (lists, the user's spelling), with the run_as
  // the comparison resolved.
  const written = settingsFields(withOwnershipTags(document, { project: opts.project, deployment: opts.deployment, key: job.key }));
  if (full.settings.run_as !== undefined) written.run_as = full.settings.run_as;
  if (!live) {
    // A new job takes every value from git: there is no workspace value yet for operators to own. Every
    // field written shows, the ones equal to a server default too, as a reviewer reads them in the file.
    const fields = diff({}, written, { defaults: false });
    const permissions = diffAcl({}, full.permissions);
    const change: JobChange = { key: job.key, action: "create", name, strategy: "create", permissions_put: true, fields, permissions, risks: createRisks(fields), graph: taskGraph([job.document]), desired_hash: fingerprint(full) };
    return [change, resourceChange(change, null, written)];
  }
  // Owned fields leave both sides before the diff, and the live side before its fingerprint: an operator
  // pausing the job between plan and apply neither shows up as drift nor makes a saved plan stale.
  const canonicalLive = normalizeLive(live);
  const want = ownedRemoved(full, job.key, opts, ignored);
  const now = ownedRemoved(canonicalLive, job.key, opts);
  const comparable = comparableLive(canonicalLive, full);
  dropPolicyFills(full.settings, comparable.settings, opts.policyFills?.get(job.key) ?? []);
  const have = ownedRemoved(comparable, job.key, opts, ignored);
  // What git asked for, hashed: apply re-resolves the repo and refuses when this moved since the review.
  const desired_hash = fingerprint(want);
  // The workspace's side shows as `import` would write it; git's side as apply will send it, with the
  // workspace's values at the owned paths.
  const rules = rulesForJob(opts.ignore ?? [], job.key);
  const after = rules.length ? keepLiveValues(written, live.settings, rules) : written;
  // The workspace's side only when something changed: most jobs of a plan are no-ops.
  // The workspace's side reads as `import` would write it; a field the server filled in that git now sets
  // shows the value the workspace holds.
  let before: Settings | undefined;
  const shown = () => ({ before: [(before ??= liveWritten(live, canonicalLive)), liveSettings(live, canonicalLive)], after: [after] });
  const fields = diff(have.settings, want.settings, { shown });
  // Without the access list nothing can be said about permissions; the plan notes it instead of guessing.
  const permissions = live.aclUnreadable ? [] : diffAcl(have.permissions, want.permissions);
  const changed = fields.length > 0 || permissions.length > 0;
  const change: JobChange = {
    key: job.key,
    action: changed ? "update" : "no-op",
    name,
    job_id: live.jobId,
    ...chooseStrategy(fields, want.settings),
    permissions_put: permissions.length > 0,
    fields,
    permissions,
    risks: risksOf(fields, permissions),
    graph: taskGraph([job.document, have.settings], keyOfJobId(ids)),
    fingerprint: fingerprint(now),
    desired_hash,
    ...(live.aclUnreadable ? { acl_unread: true as const } : {}),
  };
  // A no-op writes nothing: as in Terraform's plan, its before is its after.
  return [change, resourceChange(change, changed ? (before ?? liveWritten(live, canonicalLive)) : after, after)];
}

/**
 * The untagged jobs that jobform.yaml `adopt:` hands to a definition, by key. An entry whose key already
 * has a managed job is done (a note); an id that is missing or tagged by a project is an error on that
 * key, since planning a create instead would make the duplicate adoption exists to avoid.
 */
function adoptions(
  opts: PlanOptions,
  live: readonly LiveJob[],
  managed: ReadonlyMap<string, LiveJob[]>,
  declared: ReadonlySet<string>,
  inScope: (key: string) => boolean,
  errors: PlanError[],
  notes: string[],
): Map<string, LiveJob> {
  const out = new Map<string, LiveJob>();
  const byId = new Map(live.map((l) => [l.jobId, l]));
  const claimed = new Map<string, string>();
  const fail = (key: string, id: string, message: string) => errors.push({ code: "adopt-invalid", key, job_ids: [id], message: `adopt.${key}: ${message}` });
  for (const [key, id] of Object.entries(opts.adopt ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!inScope(key)) continue;
    const have = managed.get(key)?.[0];
    if (have) {
      notes.push(`adopt.${key}: already adopted (job ${have.jobId} carries the tags); remove adopt.${key} from jobform.yaml`);
      continue;
    }
    if (!declared.has(key)) {
      notes.push(`adopt.${key}: there is no jobs/${key}.yaml for this target, so job ${id} is not adopted`);
      continue;
    }
    const l = byId.get(id);
    const tags = l ? tagsOf(l) : {};
    const other = claimed.get(id);
    if (!l) fail(key, id, `job ${id} does not exist in this workspace`);
    else if (tags[PROJECT_TAG] === opts.project) fail(key, id, `job ${id} is already managed by this project as ${String(tags[KEY_TAG])}`);
    else if (tags[PROJECT_TAG] !== undefined) fail(key, id, `job ${id} belongs to project "${String(tags[PROJECT_TAG])}"; jobform does not take over another project's job`);
    else if (other !== undefined) fail(key, id, `job ${id} is also adopted as ${other}; one job can be adopted by one key only`);
    else {
      claimed.set(id, key);
      out.set(key, l);
    }
  }
  return out;
}

/**
 * Two jobs under one key (a create repeated after a lost answer, or two applies without a lock). The one
 * created first (the lowest id) is kept: `${jobs.<key>.id}` references made before the duplicate point to it.
 */
function duplicateTags(key: string, jobs: readonly LiveJob[], tags: string): PlanError {
  const ids = jobs.map((j) => j.jobId).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const [keep, ...extra] = ids;
  const commands = extra.map((id) => `jobform api POST /api/2.2/jobs/delete --json '{"job_id": ${id}}'`).join(", then ");
  return {
    code: "duplicate-tags",
    key,
    job_ids: ids,
    message: `jobs ${ids.join(" and ")} ${ids.length === 2 ? "both" : "all"} carry the tags ${tags}; keep job ${keep} (the first created) and delete the other${extra.length > 1 ? "s" : ""} (${commands}), or re-tag one to manage it separately`,
  };
}

/** The plan for one target. Unmanaged jobs never appear as changes; a same-named one is mentioned in a note. */
export function planJobs(desired: readonly DesiredJob[], live: readonly LiveJob[], opts: PlanOptions): Plan {
  const inScope = (key: string) => !opts.only || opts.only.includes(key);
  const managed = new Map<string, LiveJob[]>();
  const unmanaged: LiveJob[] = [];
  const legacy = new Set<LiveJob>();
  // Other deployments of this project on this workspace: never changed, never "extra", only counted.
  const others = new Map<string, number>();
  const owner = { project: opts.project, deployment: opts.deployment, claimsLegacy: opts.claimsLegacy };
  for (const l of live) {
    const tags = tagsOf(l);
    const o = ownershipOf(tags, owner);
    if (o.kind === "managed") managed.set(o.key, [...(managed.get(o.key) ?? []), l]);
    if (o.kind === "managed" && o.legacy) legacy.add(l);
    if (o.kind === "other-deployment") others.set(o.deployment ?? "", (others.get(o.deployment ?? "") ?? 0) + 1);
    if (o.kind === "unmanaged" && tags[PROJECT_TAG] === undefined) unmanaged.push(l);
  }
  const errors: PlanError[] = [];
  const notes: string[] = [];
  const changes: JobChange[] = [];
  const resources: ResourceChange[] = [];
  const ignored: Ignored = new Map();
  for (const [key, jobs] of [...managed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (jobs.length > 1 && inScope(key)) {
      const deployment = opts.deployment === undefined ? "" : ` (${DEPLOYMENT_TAG}=${opts.deployment}${jobs.some((j) => legacy.has(j)) ? " or none" : ""})`;
      errors.push(duplicateTags(key, jobs, `${PROJECT_TAG}=${opts.project}, ${KEY_TAG}=${key}${deployment}`));
    }
  }
  const declared = new Set(desired.map((d) => d.key));
  const adopted = adoptions(opts, live, managed, declared, inScope, errors, notes);
  errors.push(...(opts.rules?.errors ?? []).filter((e) => inScope(e.key)));
  // A job held back (two live copies, a broken project rule) is neither planned nor taken for deleted.
  const duplicated = new Set(errors.map((e) => e.key));
  // `${jobs.<key>.id}` of a job that exists compares as its id; one still to create stays symbolic.
  const ids = new Map([...managed].flatMap(([key, jobs]) => (jobs.length === 1 && jobs[0] ? [[key, jobs[0].jobId] as const] : [])));
  for (const [key, l] of adopted) ids.set(key, l.jobId);
  const adoptedIds = new Set([...adopted.values()].map((l) => l.jobId));
  for (const job of [...desired].sort(byKey)) {
    if (!inScope(job.key) || duplicated.has(job.key)) continue;
    const taken = adopted.get(job.key);
    const [change, resource] = planOne(job, managed.get(job.key)?.[0] ?? taken, opts, ids, ignored);
    resources.push(resource);
    // The ownership tags show up as added fields, so the update that writes them is the takeover.
    if (taken) change.adopting = true;
    if (change.job_id !== undefined && [...legacy].some((l) => l.jobId === change.job_id)) change.migrating = true;
    changes.push(change);
    for (const u of unmanaged.filter((l) => change.name !== undefined && nameOf(l.settings) === change.name && !adoptedIds.has(l.jobId)))
      notes.push(`job ${u.jobId} is also named "${change.name}" but has no jobform tags: it is left alone; \`jobform import --adopt\` takes it over`);
  }
  for (const [key, jobs] of [...managed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const l = jobs[0];
    if (declared.has(key) || !inScope(key) || duplicated.has(key) || !l) continue;
    if (!opts.prune) {
      notes.push(`job ${l.jobId} (${key}) has no definition any more; plan with --prune to delete it`);
      continue;
    }
    const risks = [{ kind: "delete" as const, message: `job ${key} (id ${l.jobId}) and its run history are deleted` }];
    const canonical = normalizeLive(l);
    const change: JobChange = { key, action: "delete", name: nameOf(l.settings), job_id: l.jobId, strategy: "delete", permissions_put: false, fields: [], permissions: [], risks, graph: taskGraph([canonical.settings], keyOfJobId(ids)), fingerprint: fingerprint(ownedRemoved(canonical, key, opts)) };
    changes.push(change);
    resources.push(resourceChange(change, liveWritten(l, canonical), null));
  }
  changes.sort(byKey);
  resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const liveById = new Map(live.map((l) => [l.jobId, l]));
  const bundled = bundleMarkerNote(changes.filter((c) => c.action !== "delete" && c.job_id !== undefined && bundleMarkers(liveById.get(c.job_id)?.settings ?? {})).map((c) => c.key));
  if (bundled) notes.push(bundled);
  const migrating = changes.filter((c) => c.migrating).map((c) => c.key);
  if (migrating.length)
    notes.push(`${migrating.join(", ")} ${migrating.length === 1 ? "was" : "were"} applied before deployments existed: this plan adds the tag ${DEPLOYMENT_TAG}=${opts.deployment ?? ""} (a tag-only update where nothing else changed); no job is recreated`);
  for (const [deployment, n] of [...others].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    notes.push(deployment === ""
      ? `${n} job${n === 1 ? "" : "s"} of project ${opts.project} without a deployment tag belong${n === 1 ? "s" : ""} to another target on this workspace (the one that migrates them): left alone`
      : `${n} job${n === 1 ? "" : "s"} of project ${opts.project} belong${n === 1 ? "s" : ""} to deployment "${deployment}" (another target): left alone`);
  // In the order of jobform.yaml, once per rule, so a reviewer sees every field the plan did not look at.
  for (const rule of opts.ignore ?? []) {
    const keys = ignored.get(rule);
    if (keys) notes.push(`ignored ${rule.path} on ${[...keys].sort().join(", ")}: ${rule.reason}`);
  }
  notes.push(...(opts.rules?.warnings ?? []));
  const unread = changes.filter((c) => c.acl_unread).map((c) => c.key);
  if (unread.length)
    notes.push(`these credentials may not read the access lists of ${unread.join(", ")} (reading one takes CAN_MANAGE): permission changes are not shown for them`);
  const count = (a: JobChange["action"]) => changes.filter((c) => c.action === a).length;
  return {
    format_version: 1,
    project: opts.project,
    target: opts.target ?? null,
    host: opts.host ?? null,
    changes,
    notes,
    errors,
    summary: { create: count("create"), update: count("update"), delete: count("delete"), no_op: count("no-op") },
    resource_changes: resources,
    ...(opts.only ? { only: [...opts.only].sort() } : {}),
  };
}
