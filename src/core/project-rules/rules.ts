// jobform.yaml `policies:` as values: which rule kinds exist, their diagnostic codes, and which rules hold for
// a target and a job. The schema (schemas/project.schema.json, PolicyRule) has refused malformed entries by
// the time a command acts on them; reading them here still drops what cannot be a rule instead of casting.
import type { Code } from "../codes.js";
import type { Severity } from "../diagnostic.js";
import { globMatches } from "../glob.js";
import { isPlainObject } from "../merge.js";

/** Each rule kind and its diagnostic code: one code per kind, so CI filters can pick them. */
export const RULE_CODES = {
  require_tags: "JF100",
  forbid: "JF101",
  max_workers: "JF102",
  allowed_node_types: "JF103",
  require_owner: "JF104",
  schedule_paused_in: "JF105",
  require_timeout: "JF106",
  max_concurrent_runs: "JF107",
  require_notifications_on_failure: "JF108",
} as const satisfies Record<string, Code>;

/** A rule whose scope names nothing that exists: a target or job glob matching none (a typo, or renamed). */
export const SCOPE_CODE: Code = "JF109";

export type RuleKind = keyof typeof RULE_CODES;
export const RULE_KINDS = Object.keys(RULE_CODES) as RuleKind[];

export type OwnerKind = "service_principal" | "user" | "group";

/** One `policies:` entry: exactly one kind with its value, plus scope, severity and reason. */
export interface ProjectRule {
  /** Position in `policies:`, for messages and the rule's own location in jobform.yaml. */
  index: number;
  kind: RuleKind;
  /** The kind's value as written: a list of names, a number, `true` or an owner kind. */
  value: unknown;
  severity: Severity;
  reason: string;
  targets?: readonly string[];
  jobs?: readonly string[];
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : undefined);

const OWNER_KINDS: readonly unknown[] = ["service_principal", "user", "group"] satisfies OwnerKind[];

/** Whether `value` is what the schema allows for `kind`: a rule with a broken value is reported, not run. */
function wellFormed(kind: RuleKind, value: unknown): boolean {
  switch (kind) {
    case "max_workers":
    case "max_concurrent_runs":
      return typeof value === "number" && Number.isInteger(value);
    case "require_timeout":
    case "require_notifications_on_failure":
      return value === true;
    case "require_owner":
      return OWNER_KINDS.includes(value);
    default:
      return (strings(value)?.length ?? 0) > 0;
  }
}

/** The schema's `maxItems` of `policies:`: every rule is checked against every job of every target. */
export const MAX_RULES = 200;

/** The well-formed rules of a project value (`resolved.project`); the schema reports the rest. */
export function projectRules(project: Readonly<Record<string, unknown>> | undefined): ProjectRule[] {
  const raw = project?.policies;
  // Past the limit the schema reports the list; checking thousands of rules on thousands of jobs first would
  // let a hostile jobform.yaml stall validate.
  if (!Array.isArray(raw) || raw.length > MAX_RULES) return [];
  return raw.flatMap((r: unknown, index): ProjectRule[] => {
    if (!isPlainObject(r)) return [];
    const kinds = RULE_KINDS.filter((k) => r[k] !== undefined);
    const kind = kinds[0];
    if (kinds.length !== 1 || kind === undefined || !wellFormed(kind, r[kind])) return [];
    if ((r.severity !== "error" && r.severity !== "warning") || typeof r.reason !== "string") return [];
    const targets = strings(r.targets);
    const jobs = strings(r.jobs);
    if ((r.targets !== undefined && !targets) || (r.jobs !== undefined && !jobs)) return [];
    return [{ index, kind, value: r[kind], severity: r.severity, reason: r.reason.trim(), ...(targets ? { targets } : {}), ...(jobs ? { jobs } : {}) }];
  });
}

const anyMatches = (globs: readonly string[] | undefined, name: string | undefined) => globs === undefined || (name !== undefined && globs.some((g) => globMatches(g, name)));

/** Whether `rule` holds for job `key` in `target` (a project without targets matches only unscoped rules). */
export function ruleHolds(rule: ProjectRule, target: string | undefined, key: string): boolean {
  return anyMatches(rule.targets, target) && anyMatches(rule.jobs, key);
}

/** The codes of rule findings: plan evaluates these itself, against the job as apply would leave it. */
export function isRuleFindingCode(code: string): boolean {
  return (Object.values(RULE_CODES) as string[]).includes(code);
}
