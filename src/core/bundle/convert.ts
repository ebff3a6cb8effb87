// `jobform import --from-bundle`, the pure part: a Declarative Automation Bundle (Asset Bundle) read as the
// bundles CLI reads it becomes a jobform project with the same meaning — jobform.yaml (targets, variables) and
// one jobs/<key>.yaml per job — plus a report of everything jobform does differently or not at all.
import type { Diagnostic } from "../diagnostic.js";
import { locate } from "../load.js";
import { isPlainObject } from "../merge.js";
import { toPointer } from "../pointer.js";
import { schemaCheck } from "../schema-check.js";
import { sortDiagnostics } from "../validate.js";
import { assembleBundle } from "./assemble.js";
import type { Bundle } from "./assemble.js";
import { emitProject } from "./emit.js";
import { child, Findings } from "./model.js";
import type { BundleInput, ConvertOptions, ConvertResult, Obj, Sourced } from "./model.js";
import { FILE_PATH_REF, relativePaths } from "./paths.js";
import { workspaceField } from "./workspace.js";
import { complexOverrides, mergeOverrides } from "./complex-targets.js";
import { asJobformOverride } from "./override.js";
import { mapPermissions, withBundleWide } from "./permissions.js";
import { rewriteForJobform } from "./policy.js";
import type { ConversionState } from "./policy.js";
import { reportUnconverted } from "./unconverted.js";
import { chooseTargets, targetSetting, targetText, targetVariables } from "./targets.js";
import type { ChosenTarget } from "./targets.js";
import { convertVariables } from "./variables.js";

function setAt(root: Obj, at: readonly string[], value: unknown): void {
  let node: unknown = root;
  for (const seg of at.slice(0, -1)) node = (node as Obj)[seg];
  (node as Obj)[at[at.length - 1] as string] = value;
}

/** Unknown fields of a job (or an override) at the bundle's line: the rest is `jobform validate`'s to check. */
function unknownFields(schema: object | undefined, value: unknown, where: Sourced): Diagnostic[] {
  if (!schema) return [];
  return schemaCheck(schema, value, (segments, opts) => {
    const pos = locate(where.doc, [...where.at, ...segments], opts);
    return { file: where.doc.file, line: pos.line, column: pos.column, path: toPointer([...where.at, ...segments]) };
  }).filter((d) => d.code === "JF020");
}

/**
 * One job or one target's override of it: local paths to their deployed location, bundle permissions to
 * jobform's, `lifecycle` reported, references rewritten.
 */
function convertSettings(st: ConversionState, label: string, s: Sourced<Obj>, gitJob: boolean, opts: ConvertOptions): Obj {
  const value = structuredClone(s.value);
  const paths = relativePaths(s, gitJob);
  for (const p of paths) if (p.deployed !== undefined) setAt(value, p.at, p.deployed);
  const perms = child(s, "permissions");
  if (perms) value.permissions = mapPermissions(perms, st.f, false);
  const lifecycle = child(s, "lifecycle");
  if (lifecycle) {
    st.f.note("settings", `${label}: lifecycle (prevent_destroy) is the bundles CLI's; jobform never deletes a job unless apply is given --prune`, lifecycle, { key: true });
    delete value.lifecycle;
  }
  st.f.diagnostics.push(...unknownFields(opts.jobSchema, value, s));
  const out = rewriteForJobform(st, value, s) as Obj;
  for (const p of paths) {
    const where = { ...s, at: [...s.at, ...p.at] };
    const now = p.at.reduce<unknown>((n, k) => (n as Obj)[k], out);
    if (p.kind === "artifact") st.f.note("artifacts", `${label}: ${p.written} (${p.local}) is a library the bundle builds or uploads; jobform uploads nothing: upload it and point the task at its workspace or volume path`, where);
    else st.f.note("paths", `${label}: ${p.written} is a local ${p.kind} (${p.local}) the bundle uploads; jobform uploads nothing, so it must exist in the workspace at ${String(now)}${likely(st, String(now), p.deployed)}${p.local.startsWith("../") ? " (it is outside the bundle root, which the bundles CLI syncs only with sync.paths)" : ""}`, where);
  }
  return out;
}

/** Where a deployed path most likely is in each target, when it went through a variable (it depends on the user). */
function likely(st: ConversionState, now: string, deployed: string | undefined): string {
  if (!now.includes("${var.") || deployed === undefined || !deployed.startsWith(FILE_PATH_REF)) return "";
  const rest = deployed.slice(FILE_PATH_REF.length);
  return ` (likely ${st.targets.map((t) => `${t.name}: ${workspaceField("file_path", t).hint}/${rest}`).join("; ")})`;
}

/** Each target's run_as or permissions (its own, else the bundle's): the same for every target, or per target. */
function perTarget(bundleWide: Sourced | undefined, targets: readonly ChosenTarget[], key: string): { uniform: boolean; values: (Sourced | undefined)[] } {
  const values = targets.map((t) => targetSetting(t, key) ?? bundleWide);
  const json = values.map((v) => JSON.stringify(v?.value));
  return { uniform: json.every((j) => j === json[0]), values };
}

function convertTarget(st: ConversionState, t: ChosenTarget, jobs: Map<string, Obj>, perTargetSettings: { runAs?: Obj; permissions?: Obj[] }, opts: ConvertOptions): Obj {
  const name = t.ctx.name;
  const out: Obj = {};
  const host = t.ctx.workspace.host;
  const hostText = typeof host === "string" ? targetText(host, t.ctx) : undefined;
  if (hostText !== undefined) out.host = hostText;
  else st.f.note("targets", `target ${name} has no workspace.host jobform can read offline; give it host: in jobform.yaml, or --host / a profile when you run jobform`, t.parts[0]);
  if (typeof t.ctx.workspace.profile === "string") out.profile = t.ctx.workspace.profile;
  const dflt = targetSetting(t, "default");
  if (dflt?.value === true) out.default = true;
  const mode = targetSetting(t, "mode");
  if (mode?.value === "development") {
    out.mode = "development";
    st.f.note("mode", `target ${name}: mode: development — jobform's development mode also prefixes names ("[dev <user>] "), pauses schedules and triggers and keeps one copy per developer, but spells the prefix and tags its own way and does not take the bundle's name_prefix preset`, mode);
  } else if (mode?.value === "production") {
    out.mode = "production";
    st.f.note("mode", `target ${name}: mode: production — jobform's production mode refuses to apply from a dirty work tree or from a branch other than main (set targets.${name}.branch for another)`, mode);
  } else if (mode) st.f.error(mode, `mode ${JSON.stringify(mode.value)}: the bundles CLI takes development or production`);
  if (perTargetSettings.runAs) out.run_as = perTargetSettings.runAs;
  if (perTargetSettings.permissions?.length) out.permissions = perTargetSettings.permissions;
  const variables = targetVariables(t, st.vars);
  if (Object.keys(variables).length) out.variables = variables;
  const overrides: Obj = Object.fromEntries(complexOverrides(st, t, jobs));
  const own = new Set<string>();
  for (const p of t.parts) {
    const res = child(p, "resources");
    const jobsOver = res && isPlainObject(res.value) ? child(res, "jobs") : undefined;
    if (!jobsOver || !isPlainObject(jobsOver.value)) continue;
    for (const key of Object.keys(jobsOver.value)) {
      const o = child(jobsOver, key) as Sourced;
      if (!jobs.has(key)) {
        st.f.note("resources", `job "${key}" is defined only in target ${name}: not converted (a jobform job exists in every target); move it to resources.jobs, or keep it in the bundle`, o, { key: true });
        continue;
      }
      if (own.has(key)) st.f.error(o, `target ${name} overrides job "${key}" in two files; merge them into one`, { key: true });
      else if (!isPlainObject(o.value)) st.f.error(o, `targets.${name}.resources.jobs.${key} must be a mapping of job settings`);
      else {
        own.add(key);
        const converted = asJobformOverride(jobs.get(key), convertSettings(st, `target ${name}, job ${key}`, o as Sourced<Obj>, isPlainObject(jobs.get(key)?.git_source), opts));
        // The target's own override wins over its complex variables' values, as the bundles CLI merges it first.
        overrides[key] = mergeOverrides(overrides[key], converted);
      }
    }
  }
  if (Object.keys(overrides).length) out.jobs = overrides;
  return out;
}

export function convertBundle(input: BundleInput, opts: ConvertOptions = {}): ConvertResult {
  const f = new Findings();
  const bundle: Bundle | undefined = assembleBundle(input.files, f);
  if (!bundle || f.failed) return { files: [], report: f.report, diagnostics: sortDiagnostics(f.diagnostics) };
  const vars = convertVariables(bundle, f);
  const targets = chooseTargets(bundle, opts.targets, vars, f);
  const st: ConversionState = { bundle, vars, targets: targets.map((t) => t.ctx), generated: new Map(), complexUses: [], expanded: 0, f };

  // run_as and permissions: written into every job when all targets agree, else per target.
  const runAs = perTarget(bundle.runAs, targets, "run_as");
  const perms = perTarget(bundle.permissions, targets, "permissions");
  const mapped = perms.values.map((p) => (p ? (rewriteForJobform(st, mapPermissions(p, f, true), p) as Obj[]) : []));
  const runAsOf = runAs.values.map((r) => (r ? (rewriteForJobform(st, r.value, r) as Obj) : undefined));
  if (bundle.permissions || perms.values.some(Boolean))
    f.note("permissions", perms.uniform ? "the bundle-wide permissions are written into every job (CAN_RUN is CAN_MANAGE_RUN for a job); like the bundles CLI, jobform makes the deploying identity IS_OWNER of a job that lists no owner" : "targets give different bundle-wide permissions: each target's are in targets.<name>.permissions (CAN_RUN is CAN_MANAGE_RUN for a job)", bundle.permissions);
  if (runAs.uniform && runAsOf[0]) f.note("permissions", "the bundle's run_as is written into every job that does not set its own", runAs.values[0]);
  if (runAs.values.some(Boolean) && !runAs.uniform) f.note("permissions", "targets run the jobs as different identities: each target's run_as is in targets.<name>.run_as", runAs.values.find(Boolean));

  const jobs = new Map<string, Obj>();
  for (const [key, s] of bundle.jobs) {
    const job = convertSettings(st, `job ${key}`, s, isPlainObject(s.value.git_source), opts);
    if (perms.uniform && mapped[0]?.length) job.permissions = withBundleWide(Array.isArray(job.permissions) ? (job.permissions as Obj[]) : [], mapped[0]);
    if (runAs.uniform && runAsOf[0] && job.run_as === undefined) job.run_as = runAsOf[0];
    jobs.set(key, job);
  }
  const targetObjs = new Map(
    targets.map((t, i) => [t.ctx.name, convertTarget(st, t, jobs, { runAs: runAs.uniform ? undefined : runAsOf[i], permissions: perms.uniform ? undefined : mapped[i] }, opts)]),
  );
  reportUnconverted(input.files, targets, f);
  if (f.failed) return { files: [], report: f.report, diagnostics: sortDiagnostics(f.diagnostics) };
  const files = emitProject({ bundle, vars, generated: st.generated, targets: targetObjs, jobs, schemaRefs: opts.schemaRefs, f });
  return { files, report: f.report, diagnostics: sortDiagnostics(f.diagnostics) };
}
