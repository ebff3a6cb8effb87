import type { Diagnostic } from "./diagnostic.js";
import { unmatchedJobPatterns } from "./ignore.js";
import { OWNERSHIP_TAGS } from "./ownership.js";
import { lintContext } from "./lint/context.js";
import type { Rule } from "./lint/context.js";
import { computeRules } from "./lint/compute.js";
import { taskGraph } from "./lint/graph.js";
import { uniqueKeys } from "./lint/keyed.js";
import { limitRules } from "./lint/limits.js";
import { permissionRules } from "./lint/permissions.js";
import { computeReferences, dynamicValueReferences, jobReferences } from "./lint/references.js";
import { scheduleRules } from "./lint/schedule.js";
import { secretRules } from "./lint/secrets.js";
import type { LoadedDocument } from "./load.js";
import { fileDiagnostic, locate } from "./load.js";
import { isPlainObject } from "./merge.js";
import { projectRuleDiagnostics } from "./project-rules/evaluate.js";
import { Provenance } from "./provenance.js";
import type { DesiredJob, ResolvedProject } from "./resolve.js";
import { PROJECT_FILE } from "./resolve.js";
import { schemaCheck } from "./schema-check.js";
import type { Schemas } from "./schema-check.js";
import { undeclaredTargetVariables } from "./target-variables.js";

/** Lint rules: what the schema cannot say. Each is a pure function of one job and the project's jobs. */
export const RULES: readonly Rule[] = [taskGraph, computeReferences, dynamicValueReferences, jobReferences, computeRules, uniqueKeys, scheduleRules, limitRules, permissionRules, secretRules];

function documentLocator(doc: LoadedDocument) {
  const prov = new Provenance();
  prov.register(doc.value, doc);
  const fallback = { document: doc, segments: [] };
  return (segments: readonly string[], opts?: { key?: boolean }) => prov.locate(doc.value, segments, fallback, opts);
}

export function validateProjectFile(doc: LoadedDocument | undefined, schemas: Schemas): Diagnostic[] {
  if (!doc) return [fileDiagnostic(PROJECT_FILE, "JF010", "no jobform.yaml in the project root: create one with at least `project: <name>` (the namespace written into managed jobs' tags)")];
  if (!isPlainObject(doc.value)) return [fileDiagnostic(PROJECT_FILE, "JF006", "jobform.yaml must be a mapping (project, targets, variables, …)", locate(doc, []))];
  return schemaCheck(schemas.project, doc.value, documentLocator(doc));
}

/**
 * `ignore:` entries whose `jobs` name no job in jobs/: a typo there silently hands nothing to operators, so
 * the next apply reverts the very field someone paused. A warning, since the job may simply be gone.
 */
export function ignoreRuleWarnings(doc: LoadedDocument | undefined, jobKeys: readonly string[]): Diagnostic[] {
  const rules = doc && isPlainObject(doc.value) && Array.isArray(doc.value.ignore) ? (doc.value.ignore as unknown[]) : [];
  const out: Diagnostic[] = [];
  rules.forEach((rule, i) => {
    // The ownership tags are how jobform finds its jobs: handing them to operators would orphan the job.
    if (isPlainObject(rule) && typeof rule.path === "string" && ["/tags", "/tags/*", ...OWNERSHIP_TAGS.map((t) => `/tags/${t}`)].includes(rule.path)) {
      const segments = ["ignore", String(i), "path"];
      out.push(fileDiagnostic(PROJECT_FILE, "JF010", `ignore rule for ${rule.path}: the ownership tags ${OWNERSHIP_TAGS.join(", ")} cannot be ignored (jobform finds its jobs by them); name other tags one by one`, locate(doc as LoadedDocument, segments), `/${segments.join("/")}`));
    }
    if (!isPlainObject(rule) || !Array.isArray(rule.jobs) || typeof rule.path !== "string") return;
    const jobs = rule.jobs.filter((j): j is string => typeof j === "string");
    if (jobs.length !== rule.jobs.length) return; // the schema reports it
    for (const { index, pattern } of unmatchedJobPatterns({ path: rule.path, jobs, reason: "" }, jobKeys)) {
      const segments = ["ignore", String(i), "jobs", String(index)];
      const known = jobKeys.length ? `known: ${jobKeys.join(", ")}` : "there are no job files";
      const message = `ignore rule for ${rule.path}: "${pattern}" names no job in jobs/ (${known}), so it ignores nothing there`;
      out.push({ ...fileDiagnostic(PROJECT_FILE, "JF010", message, locate(doc as LoadedDocument, segments), `/${segments.join("/")}`), severity: "warning" });
    }
  });
  return out;
}

export function validateJob(job: DesiredJob, jobs: ReadonlyMap<string, DesiredJob>, schemas: Schemas): Diagnostic[] {
  const out = schemaCheck(schemas.job, job.document, job.locate);
  for (const rule of RULES) rule(lintContext(job, jobs, out));
  return out;
}

export function validateNotebook(doc: LoadedDocument, schemas: Schemas, platforms: readonly string[]): Diagnostic[] {
  if (!isPlainObject(doc.value)) return [fileDiagnostic(doc.file, "JF006", "a notebook definition must be a mapping (notebook_path, platform, parameters)", locate(doc, []))];
  const at = documentLocator(doc);
  const out = schemaCheck(schemas.notebook, doc.value, at);
  const platform = doc.value.platform;
  if (typeof platform === "string" && !platforms.includes(platform)) {
    const pos = at(["platform"]);
    const known = platforms.length ? `defined: ${platforms.join(", ")}` : "jobform.yaml defines no platforms";
    out.push({ severity: "error", code: "JF048", message: `platform "${platform}" is not defined in jobform.yaml (${known})`, file: pos.file, line: pos.line, column: pos.column, path: pos.path });
  }
  return out;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
}

/** Every diagnostic of a resolved project: the project file, each job (schema + lint), each notebook definition. */
export function validate(resolved: ResolvedProject, projectDoc: LoadedDocument | undefined, notebookDocs: readonly LoadedDocument[], schemas: Schemas): Diagnostic[] {
  const out = [...validateProjectFile(projectDoc, schemas), ...resolved.diagnostics];
  out.push(...ignoreRuleWarnings(projectDoc, [...new Set(resolved.jobs.map((j) => j.key))].sort()));
  out.push(...undeclaredTargetVariables(projectDoc));
  const jobs = new Map(resolved.jobs.map((j) => [j.key, j]));
  for (const job of resolved.jobs) out.push(...validateJob(job, jobs, schemas));
  out.push(...projectRuleDiagnostics(resolved, projectDoc));
  const platforms = Object.keys((resolved.project?.platforms as object | undefined) ?? {});
  for (const nb of notebookDocs) out.push(...validateNotebook(nb, schemas, platforms));
  return sortDiagnostics(out);
}
