import type { Diagnostic } from "./diagnostic.js";
import type { LoadedDocument } from "./load.js";
import { fileDiagnostic, locate } from "./load.js";
import { isPlainObject, mergeInto, repeatedListKeys } from "./merge.js";
import { Provenance } from "./provenance.js";
import type { Located, Origin } from "./provenance.js";
import { substitute } from "./substitute.js";
import type { Unresolved, VarValue } from "./substitute.js";
import { suggest } from "./suggest.js";
import { unknownReferenceMessage } from "./reference-hint.js";
import type { ReferenceNames } from "./reference-hint.js";
import type { Code } from "./codes.js";

export const PROJECT_FILE = "jobform.yaml";

/** A job as git says it should be, for one target, with every diagnostic pointing back into the files. */
export interface DesiredJob {
  key: string;
  file: string;
  /** The merged, substituted document: JobSettings plus `permissions`. */
  document: Record<string, unknown>;
  locate(pointer: readonly string[], opts?: { key?: boolean }): Located;
  /** The document and the path inside it where the value at `pointer` was written (pull edits it there). */
  source?(pointer: readonly string[]): Origin;
}

export interface ResolveOptions {
  target?: string;
  /** `--var name=value`, already split. */
  vars: Readonly<Record<string, string>>;
  /** The environment, for `JOBFORM_VAR_<name>`. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedProject {
  project: Record<string, unknown> | undefined;
  projectName: string | undefined;
  target: string | undefined;
  host: string | undefined;
  variables: Map<string, VarValue>;
  jobs: DesiredJob[];
  diagnostics: Diagnostic[];
}

const JOB_KEY = /^[A-Za-z0-9_-]{1,100}$/;

export function jobKeyOf(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return base.replace(/\.ya?ml$/i, "");
}

function asRecord(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

function chooseTarget(targets: Record<string, unknown>, wanted: string | undefined, projectDoc: LoadedDocument | undefined, out: Diagnostic[]): string | undefined {
  const names = Object.keys(targets);
  if (wanted !== undefined) {
    if (names.includes(wanted)) return wanted;
    const hint = suggest(wanted, names);
    const known = names.length ? `${hint ? `did you mean "${hint}"? ` : ""}known targets: ${names.join(", ")}` : "jobform.yaml defines no targets";
    const pos = projectDoc ? locate(projectDoc, ["targets"], { key: true }) : { line: 0, column: 0 };
    out.push(fileDiagnostic(PROJECT_FILE, "JF011", `unknown target "${wanted}"; ${known}`, pos, "/targets"));
    return undefined;
  }
  const defaults = names.filter((n) => asRecord(targets[n]).default === true);
  if (defaults.length > 1 && projectDoc) {
    out.push(fileDiagnostic(PROJECT_FILE, "JF010", `more than one target is marked default: ${defaults.join(", ")}`, locate(projectDoc, ["targets", defaults[1] as string, "default"]), `/targets/${defaults[1]}/default`));
  }
  return defaults[0] ?? (names.length === 1 ? names[0] : undefined);
}

function coerce(raw: string, like: unknown): VarValue {
  if (typeof like === "number" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
  if (typeof like === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function isVarValue(v: unknown): v is VarValue {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** Variable values in rising precedence: default, the target's `variables`, `JOBFORM_VAR_<name>`, `--var`. */
export function resolveVariables(project: Record<string, unknown>, target: string | undefined, opts: ResolveOptions): Map<string, VarValue> {
  const declared = asRecord(project.variables);
  const values = new Map<string, VarValue>();
  for (const [name, decl] of Object.entries(declared)) {
    const d = asRecord(decl).default;
    if (isVarValue(d)) values.set(name, d);
  }
  const targetVars = target ? asRecord(asRecord(asRecord(project.targets)[target]).variables) : {};
  for (const [name, v] of Object.entries(targetVars)) if (isVarValue(v)) values.set(name, v);
  const like = (name: string) => values.get(name) ?? asRecord(declared[name]).default;
  for (const [k, v] of Object.entries(opts.env)) {
    if (k.startsWith("JOBFORM_VAR_") && v !== undefined) values.set(k.slice(12), coerce(v, like(k.slice(12))));
  }
  for (const [k, v] of Object.entries(opts.vars)) values.set(k, coerce(v, like(k)));
  return values;
}

/**
 * Turns the loaded files into the desired jobs of one target: project defaults under each job file, the
 * target's override on top (maps deep-merged, keyed lists merged by key), then `${var.x}` and `${target}`
 * substituted. `${jobs.<key>.id}` stays symbolic until apply knows the ids.
 */
export function resolve(projectDoc: LoadedDocument | undefined, jobDocs: readonly LoadedDocument[], opts: ResolveOptions): ResolvedProject {
  const diagnostics: Diagnostic[] = [];
  const prov = new Provenance();
  const project = projectDoc && isPlainObject(projectDoc.value) ? projectDoc.value : undefined;
  if (projectDoc) prov.register(projectDoc.value, projectDoc);
  const targets = asRecord(project?.targets);
  const target = chooseTarget(targets, opts.target, projectDoc, diagnostics);
  const targetUnknown = opts.target !== undefined && target === undefined;
  const targetConfig = target ? asRecord(targets[target]) : {};
  const variables = resolveVariables(project ?? {}, target, opts);
  const overrides = asRecord(targetConfig.jobs);
  const defaults = project?.defaults;

  const jobs: DesiredJob[] = [];
  const pending: [Unresolved, Located][] = [];
  const keys = new Set<string>();
  for (const doc of jobDocs) {
    const key = jobKeyOf(doc.file);
    if (!JOB_KEY.test(key)) {
      diagnostics.push(fileDiagnostic(doc.file, "JF014", `job file name "${key}" is not a valid job key: use 1-100 letters, digits, "-" or "_"`));
      continue;
    }
    if (keys.has(key.toLowerCase())) {
      diagnostics.push(fileDiagnostic(doc.file, "JF014", `another job file already uses the key "${key}" (keys are compared case-insensitively)`));
      continue;
    }
    keys.add(key.toLowerCase());
    if (!isPlainObject(doc.value)) {
      const got = Array.isArray(doc.value) ? "a list" : `a ${typeof doc.value}`;
      diagnostics.push(fileDiagnostic(doc.file, "JF006", `a job file must be a mapping of job settings (name, tasks, …), not ${got}`, locate(doc, [])));
      continue;
    }
    prov.register(doc.value, doc);
    let merged: unknown = isPlainObject(defaults) ? mergeInto(defaults, doc.value, prov) : doc.value;
    prov.setOrigin(merged as object, { document: doc, segments: [] });
    merged = withTargetSettings(merged, targetConfig, prov, { document: doc, segments: [] });
    const override = overrides[key];
    if (isPlainObject(override)) merged = mergeInto(merged, override, prov, "", "override");
    const unresolved: Unresolved[] = [];
    const document = substitute(merged, { target, variables }, prov, unresolved) as Record<string, unknown>;
    const fallback: Origin = { document: doc, segments: [] };
    const job: DesiredJob = {
      key,
      file: doc.file,
      document,
      locate: (pointer, o) => prov.locate(document, pointer, fallback, o),
      source: (pointer) => prov.source(document, pointer, fallback),
    };
    const occurrences = new Map<string, number>();
    for (const u of unresolved) {
      // With an unknown --target the one JF011 says it all; every ${target} and every value the target
      // would have given repeating it buries the mistake.
      if (targetUnknown && (u.name === "target" || isDeclaredVariable(u.name, project))) continue;
      const seen = `${u.segments.join("\u0000")}\u0000${u.name}`;
      const nth = occurrences.get(seen) ?? 0;
      occurrences.set(seen, nth + 1);
      pending.push([u, prov.locateWithin(document, u.segments, fallback, `\${${u.name}}`, nth)]);
    }
    jobs.push(job);
  }
  const names = { variables: Object.keys(asRecord(project?.variables)), jobs: jobs.map((j) => j.key) };
  for (const [u, at] of pending) diagnostics.push(unresolvedDiagnostic(u, at, names));
  if (projectDoc) {
    for (const [name, config] of Object.entries(targets)) {
      for (const [key, override] of Object.entries(asRecord(asRecord(config).jobs))) {
        if (!isPlainObject(override)) continue;
        for (const r of repeatedListKeys(override)) {
          const segments = ["targets", name, "jobs", key, r.list, String(r.index)];
          diagnostics.push(fileDiagnostic(PROJECT_FILE, "JF053", `target "${name}" lists ${r.list} "${r.key}" twice for job "${key}"; write one entry per key`, locate(projectDoc, segments), `/${segments.join("/")}`));
        }
      }
    }
    for (const key of Object.keys(overrides)) {
      if (!keys.has(key.toLowerCase())) {
        const at = locate(projectDoc, ["targets", target as string, "jobs", key], { key: true });
        diagnostics.push({ ...fileDiagnostic(PROJECT_FILE, "JF010", `target "${target}" overrides job "${key}", but there is no jobs/${key}.yaml`, at, `/targets/${target}/jobs/${key}`), severity: "warning" });
      }
    }
  }
  const projectName = typeof project?.project === "string" ? project.project : undefined;
  const host = typeof targetConfig.host === "string" ? targetConfig.host : undefined;
  return { project, projectName, target, host, variables, jobs, diagnostics };
}

function isDeclaredVariable(ref: string, project: Record<string, unknown> | undefined): boolean {
  return ref.startsWith("var.") && Object.hasOwn(asRecord(project?.variables), ref.slice(4));
}

function unresolvedDiagnostic(u: Unresolved, at: Located, names: ReferenceNames): Diagnostic {
  const isVar = u.name.startsWith("var.");
  const name = isVar ? u.name.slice(4) : u.name;
  const diagnostic = (code: Code, message: string): Diagnostic => ({ severity: "error", code, message, file: at.file, line: at.line, column: at.column, path: at.path });
  if (u.name === "target") return diagnostic("JF012", "${target} is used but no target is selected: pass --target or mark one target `default: true`");
  if (!isVar) return diagnostic("JF015", unknownReferenceMessage(u.name, names));
  if (names.variables.includes(name)) return diagnostic("JF012", `variable "${name}" has no value for this target: set targets.<target>.variables.${name}, JOBFORM_VAR_${name} or --var ${name}=…`);
  const hint = suggest(name, names.variables);
  return diagnostic("JF012", `undefined variable "${name}"` + (hint ? `; did you mean "${hint}"?` : ": declare it under variables: in jobform.yaml"));
}

/**
 * The target's `run_as` and `permissions` under a job: the job's own run_as wins, and its own entry for a
 * principal wins over the target's. Diagnostics about them point at the target in jobform.yaml.
 */
function withTargetSettings(job: unknown, targetConfig: Record<string, unknown>, prov: Provenance, jobOrigin: Origin): unknown {
  const base: Record<string, unknown> = {};
  if (targetConfig.permissions !== undefined) base.permissions = targetConfig.permissions;
  // run_as names one identity: the job's replaces the target's whole, never merged field by field.
  if (targetConfig.run_as !== undefined && !(isPlainObject(job) && job.run_as !== undefined)) base.run_as = targetConfig.run_as;
  const at = prov.origin(targetConfig);
  if (Object.keys(base).length === 0 || !at) return job;
  for (const field of Object.keys(base)) prov.setKeyOrigin(base, field, at);
  const merged = mergeInto(base, job, prov);
  prov.setOrigin(merged as object, jobOrigin);
  return merged;
}
