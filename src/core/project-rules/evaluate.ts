// `policies:` findings as diagnostics. validate evaluates each job as its target deploys it (development
// mode pauses triggers and raises max_concurrent_runs before anything is sent); plan evaluates the job as
// apply would leave it, with the workspace's values where `ignore:` hands fields to operators.
import { developmentJob, targetSettings } from "../deployment.js";
import type { Diagnostic } from "../diagnostic.js";
import { globMatches } from "../glob.js";
import type { LoadedDocument } from "../load.js";
import { fileDiagnostic, locate } from "../load.js";
import { isPlainObject } from "../merge.js";
import { valueAt } from "../pointer.js";
import type { Located } from "../provenance.js";
import type { ResolvedProject } from "../resolve.js";
import { PROJECT_FILE } from "../resolve.js";
import { check } from "./checks.js";
import type { CheckContext } from "./checks.js";
import { RULE_CODES, SCOPE_CODE, projectRules, ruleHolds } from "./rules.js";
import type { ProjectRule } from "./rules.js";

/** A job to check: its settings, and where each of its values was written. */
export interface RuleSubject {
  key: string;
  file: string;
  document: Record<string, unknown>;
  locate(segments: readonly string[], opts?: { key?: boolean }): Located;
}

export interface EvaluateContext extends Omit<CheckContext, "key"> {
  /** Where the value at `segments` came from when not from the files (development mode, the workspace). */
  note?(segments: readonly string[]): string | undefined;
}

/**
 * A `note` for a document derived from `written` (what the files say): at a path whose value differs,
 * the value is `why`'s, and the message says so, since the line it points at says something else.
 */
export function derivedValueNote(written: unknown, evaluated: unknown, why: string): (segments: readonly string[]) => string | undefined {
  return (segments) => (JSON.stringify(valueAt(written, segments)) === JSON.stringify(valueAt(evaluated, segments)) ? undefined : why);
}

/** The findings of every rule that holds for `job` in `ctx.target`, located in the files. */
export function evaluateRules(rules: readonly ProjectRule[], job: RuleSubject, ctx: EvaluateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!ruleHolds(rule, ctx.target, job.key)) continue;
    for (const f of check(rule, job.document, { ...ctx, key: job.key })) {
      let at = job.locate(f.segments, { key: f.key });
      // Something missing is fixed in the job's file, even when the block around it came from defaults.
      if (f.missing && at.file !== job.file) at = { ...job.locate([]), path: at.path };
      const who = at.file === job.file ? "" : `job ${job.key}: `;
      // A missing field was not set by anyone; only a value that is there can come from elsewhere.
      const note = f.missing ? undefined : ctx.note?.(f.segments);
      const message = `${who}${f.message}${note ? ` (${note})` : ""} — policies[${rule.index}] ${rule.kind}: ${rule.reason}`;
      out.push({ severity: f.severity ?? rule.severity, code: RULE_CODES[rule.kind], message, file: at.file, line: at.line, column: at.column, path: at.path });
    }
  }
  return out;
}

/** Entries of a rule's scopes that match nothing in the project: such a rule silently checks less than it says. */
function scopeWarnings(doc: LoadedDocument, rules: readonly ProjectRule[], targets: readonly string[], jobs: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (rule: ProjectRule, field: string, j: number, what: string) => {
    const segments = ["policies", String(rule.index), field, String(j)];
    out.push({ ...fileDiagnostic(PROJECT_FILE, SCOPE_CODE, `policies[${rule.index}] ${rule.kind}: ${what}`, locate(doc, segments), `/${segments.join("/")}`), severity: "warning" });
  };
  const knownTargets = targets.length ? `known targets: ${targets.join(", ")}` : "jobform.yaml defines no targets";
  for (const rule of rules) {
    const scopes: [string, readonly string[] | undefined, readonly string[], string][] = [
      ["targets", rule.targets, targets, knownTargets],
      ["jobs", rule.jobs, jobs, jobs.length ? `known jobs: ${jobs.join(", ")}` : "there are no job files"],
    ];
    if (rule.kind === "schedule_paused_in") scopes.push(["schedule_paused_in", rule.value as string[], targets, knownTargets]);
    for (const [field, globs, known, hint] of scopes)
      (globs ?? []).forEach((g, j) => {
        if (!known.some((name) => globMatches(g, name))) warn(rule, field, j, `"${g.length > 60 ? `${g.slice(0, 60)}…` : g}" matches nothing (${hint}), so the rule checks nothing there`);
      });
  }
  return out;
}

/** `validate`'s view: every rule over every job of the resolved target, offline, plus rules that name nothing. */
export function projectRuleDiagnostics(resolved: ResolvedProject, projectDoc: LoadedDocument | undefined): Diagnostic[] {
  const rules = projectRules(resolved.project);
  if (rules.length === 0 || !projectDoc) return [];
  const development = targetSettings(resolved.project, resolved.target).mode === "development";
  const out: Diagnostic[] = [];
  for (const job of resolved.jobs) {
    // Who deploys is unknown offline; development mode's pauses and limits do not depend on it.
    const document = development ? developmentJob(job.document, job.key, "") : job.document;
    const note = development ? derivedValueNote(job.document, document, `development mode sets it for target ${resolved.target ?? ""}`) : undefined;
    out.push(...evaluateRules(rules, { ...job, document }, { target: resolved.target, note }));
  }
  const targets = Object.keys(isPlainObject(resolved.project?.targets) ? resolved.project.targets : {});
  out.push(...scopeWarnings(projectDoc, rules, targets, [...new Set(resolved.jobs.map((j) => j.key))].sort()));
  return out;
}
