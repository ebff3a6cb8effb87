// What each rule kind asks of one job. Pure: a job document (JobSettings in the API's shape plus
// `permissions`) in, findings with the path of the offending key out; where a field is missing, the path of
// the nearest thing that is there, so the diagnostic lands on the job's line that should carry it.
import { jobClusters } from "../cluster-policy/clusters.js";
import type { Severity } from "../diagnostic.js";
import { globMatches } from "../glob.js";
import { canonicalMatches } from "../ignore.js";
import { list, obj, str } from "../lint/context.js";
import type { Obj } from "../lint/context.js";
import { pointerSegments } from "../pointer.js";
import type { OwnerKind, ProjectRule, RuleKind } from "./rules.js";

export interface Finding {
  segments: string[];
  /** Point at the key rather than its value (the field itself is the problem). */
  key?: boolean;
  message: string;
  /** The field is missing: the finding belongs in the job's own file even when its parent came from defaults. */
  missing?: boolean;
  /** Set when the finding is weaker than the rule (a question only plan can answer). */
  severity?: Severity;
}

export interface CheckContext {
  key: string;
  target: string | undefined;
  /** Who deploys (plan): the owner of a job whose permissions name none. Unknown offline. */
  deployer?: string;
}

type Check = (doc: Obj, value: unknown, ctx: CheckContext) => Finding[];

const names = (v: unknown): string[] => list(v).filter((s): s is string => typeof s === "string");

/** Where a missing field would go: the field's key when present, else the nearest parent that is written. */
function nearest(doc: Obj, segments: readonly string[]): string[] {
  const out: string[] = [];
  let node: unknown = doc;
  for (const seg of segments) {
    node = obj(node)?.[seg];
    if (node === undefined) break;
    out.push(seg);
  }
  return out;
}

/** Every new_cluster of a job (job clusters, task clusters, a for_each's inner task), found as the policy check finds them. */
function newClusters(doc: Obj): { cluster: Obj; segments: string[] }[] {
  return jobClusters(doc).map((c) => ({ cluster: c.spec, segments: c.segments }));
}

const requireTags: Check = (doc, value) => {
  const tags = obj(doc.tags) ?? {};
  const missing = names(value).filter((t) => !Object.hasOwn(tags, t));
  if (missing.length === 0) return [];
  const plural = missing.length === 1 ? "" : "s";
  return [{ segments: nearest(doc, ["tags"]), key: true, missing: true, message: `missing tag${plural} ${missing.join(", ")}` }];
};

/** Paths of every key named `name`, at any depth (one path stack, copied only for a hit: jobs are big, hits rare). */
function keysNamed(doc: unknown, name: string): string[][] {
  const out: string[][] = [];
  const path: string[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    for (const k in node) {
      const v = (node as Obj)[k];
      path.push(k);
      if (k === name && v !== undefined) out.push(path.slice());
      walk(v);
      path.pop();
    }
  };
  walk(doc);
  return out;
}

/** A path as a reader names it: list items by their key where they have one (`tasks[ingest].existing_cluster_id`). */
function fieldLabel(doc: Obj, segments: readonly string[]): string {
  let out = "";
  let node: unknown = doc;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      const item = obj(node[Number(seg)]);
      out += `[${str(item?.task_key) ?? str(item?.job_cluster_key) ?? str(item?.environment_key) ?? seg}]`;
      node = item;
    } else {
      out += out ? `.${seg}` : seg;
      node = obj(node)?.[seg];
    }
  }
  return out;
}

const forbid: Check = (doc, value) =>
  names(value).flatMap((field) => {
    const hits = field.startsWith("/") ? canonicalMatches(doc, pointerSegments(field)) : keysNamed(doc, field);
    return hits.map((segments) => ({ segments, key: true, message: `${fieldLabel(doc, segments)} is set; this field is forbidden` }));
  });

const maxWorkers: Check = (doc, value) => {
  const limit = typeof value === "number" ? value : Infinity;
  return newClusters(doc).flatMap(({ cluster, segments }) => {
    const fixed = cluster.num_workers;
    const most = obj(cluster.autoscale)?.max_workers;
    const out: Finding[] = [];
    if (typeof fixed === "number" && fixed > limit) out.push({ segments: [...segments, "num_workers"], message: `num_workers ${fixed} is above the maximum of ${limit}` });
    if (typeof most === "number" && most > limit) out.push({ segments: [...segments, "autoscale", "max_workers"], message: `autoscale.max_workers ${most} is above the maximum of ${limit}` });
    return out;
  });
};

const allowedNodeTypes: Check = (doc, value) => {
  const allowed = names(value);
  return newClusters(doc).flatMap(({ cluster, segments }) =>
    ["node_type_id", "driver_node_type_id"].flatMap((field) => {
      const type = str(cluster[field]);
      if (type === undefined || allowed.some((g) => globMatches(g, type))) return [];
      return [{ segments: [...segments, field], message: `${field} ${type} is not an allowed node type (allowed: ${allowed.join(", ")})` }];
    }),
  );
};

const PRINCIPAL_FIELDS: Record<OwnerKind, string> = { user: "user_name", group: "group_name", service_principal: "service_principal_name" };
const KIND_WORDS: Record<OwnerKind, string> = { user: "a user", group: "a group", service_principal: "a service principal" };

/** The kind of identity scim/v2/Me names: a user's userName is an e-mail address, a service principal's its application id. */
const deployerKind = (deployer: string): OwnerKind => (deployer.includes("@") ? "user" : "service_principal");

const requireOwner: Check = (doc, value, ctx) => {
  const wanted = value as OwnerKind;
  const entries = list(doc.permissions);
  const i = entries.findIndex((e) => obj(e)?.permission_level === "IS_OWNER");
  const owner = obj(entries[i]);
  if (owner) {
    const kind = (Object.keys(PRINCIPAL_FIELDS) as OwnerKind[]).find((k) => typeof owner[PRINCIPAL_FIELDS[k]] === "string");
    if (kind === wanted) return [];
    const field = kind ? PRINCIPAL_FIELDS[kind] : "permission_level";
    return [{ segments: ["permissions", String(i), field], message: `the owner ${String(owner[field] ?? "")} is not ${KIND_WORDS[wanted]}` }];
  }
  const at = nearest(doc, ["permissions"]);
  if (ctx.deployer === undefined)
    return [{ segments: at, key: true, missing: true, severity: "warning", message: `no IS_OWNER in permissions: whoever deploys becomes the owner, so only plan can tell whether it is ${KIND_WORDS[wanted]}; name the owner to be sure` }];
  if (deployerKind(ctx.deployer) === wanted) return [];
  return [{ segments: at, key: true, missing: true, message: `no IS_OWNER in permissions, so the deploying identity ${ctx.deployer} becomes the owner, and it is not ${KIND_WORDS[wanted]}` }];
};

/** Every way a job starts on its own, each with its own pause_status (API-NOTES: triggers[] excludes the other three). */
function starters(doc: Obj): { block: Obj; segments: string[] }[] {
  const out: { block: Obj; segments: string[] }[] = [];
  for (const field of ["schedule", "trigger", "continuous"]) {
    const block = obj(doc[field]);
    if (block) out.push({ block, segments: [field] });
  }
  list(doc.triggers).forEach((t, i) => {
    const block = obj(t);
    if (block) out.push({ block, segments: ["triggers", String(i)] });
  });
  return out;
}

const schedulePausedIn: Check = (doc, value, ctx) => {
  if (ctx.target === undefined || !names(value).some((g) => globMatches(g, ctx.target as string))) return [];
  return starters(doc).flatMap(({ block, segments }) => {
    const label = fieldLabel(doc, segments);
    if (block.pause_status === "PAUSED") return [];
    if (block.pause_status === undefined) return [{ segments, key: true, message: `${label} has no pause_status, so it runs (UNPAUSED is the default) in target ${ctx.target}; it must be PAUSED here` }];
    return [{ segments: [...segments, "pause_status"], message: `${label} is ${String(block.pause_status)} in target ${ctx.target}; it must be PAUSED here` }];
  });
};

const requireTimeout: Check = (doc) => {
  const t = doc.timeout_seconds;
  if (typeof t === "number" && t > 0) return [];
  if (t === undefined) return [{ segments: [], missing: true, message: "no timeout_seconds: a stuck run holds its compute until someone cancels it" }];
  return [{ segments: ["timeout_seconds"], message: `timeout_seconds ${String(t)} means no timeout` }];
};

const maxConcurrentRuns: Check = (doc, value) => {
  const runs = doc.max_concurrent_runs;
  if (typeof runs !== "number" || typeof value !== "number" || runs <= value) return [];
  return [{ segments: ["max_concurrent_runs"], message: `max_concurrent_runs ${runs} is above the maximum of ${value}` }];
};

const requireNotificationsOnFailure: Check = (doc) => {
  if (list(obj(doc.email_notifications)?.on_failure).length > 0 || list(obj(doc.webhook_notifications)?.on_failure).length > 0) return [];
  const at = nearest(doc, ["email_notifications", "on_failure"]);
  return [{ segments: at, key: at.length > 0, missing: true, message: "nobody is told when it fails: set email_notifications.on_failure or webhook_notifications.on_failure" }];
};

export const CHECKS: Record<RuleKind, Check> = {
  require_tags: requireTags,
  forbid,
  max_workers: maxWorkers,
  allowed_node_types: allowedNodeTypes,
  require_owner: requireOwner,
  schedule_paused_in: schedulePausedIn,
  require_timeout: requireTimeout,
  max_concurrent_runs: maxConcurrentRuns,
  require_notifications_on_failure: requireNotificationsOnFailure,
};

export function check(rule: ProjectRule, doc: Obj, ctx: CheckContext): Finding[] {
  return CHECKS[rule.kind](doc, rule.value, ctx);
}
