// The bundle's files into one configuration, as the bundles CLI merges them: resources and variables from every
// file (a key defined twice is an error), targets merged by name, the singletons (bundle, workspace, …) once.
import type { LoadedDocument } from "../load.js";
import { isPlainObject } from "../merge.js";
import { suggest } from "../suggest.js";
import { child } from "./model.js";
import type { Obj, Sourced , Findings } from "./model.js";

export interface Bundle {
  root: LoadedDocument;
  name?: string;
  workspace?: Sourced<Obj>;
  variables: Map<string, Sourced<Obj>>;
  permissions?: Sourced<unknown[]>;
  runAs?: Sourced<Obj>;
  presets?: Sourced<Obj>;
  jobs: Map<string, Sourced<Obj>>;
  /** Each target's parts, in file order (a target may be spread over several files). */
  targets: Map<string, Sourced<Obj>[]>;
}

const TOP_KEYS = ["bundle", "include", "workspace", "variables", "resources", "targets", "permissions", "run_as", "artifacts", "sync", "presets", "experimental", "python", "scripts", "environments"];
const TARGET_KEYS = ["default", "mode", "description", "workspace", "variables", "resources", "run_as", "permissions", "presets", "sync", "artifacts", "bundle", "git", "compute_id", "cluster_id"];
const VARIABLE_KEYS = ["default", "description", "type", "lookup"];
const SINGLETONS = ["bundle", "workspace", "permissions", "run_as", "presets"] as const;
const JOB_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** The keys of a sourced map that are not allowed, reported with the nearest allowed spelling. */
function unknownKeys(s: Sourced<Obj>, allowed: readonly string[], what: string, f: Findings): void {
  for (const k of Object.keys(s.value)) {
    if (allowed.includes(k)) continue;
    const hint = suggest(k, allowed);
    f.error({ ...s, at: [...s.at, k] }, `unknown key "${k}" in ${what}` + (hint ? `; did you mean "${hint}"?` : ""), { key: true });
  }
}

/** A sourced value that must be a mapping; anything else is reported and read as absent. */
function mapAt(s: Sourced | undefined, what: string, f: Findings): Sourced<Obj> | undefined {
  if (s === undefined || s.value === null) return undefined;
  if (isPlainObject(s.value)) return s as Sourced<Obj>;
  f.error(s, `${what} must be a mapping`);
  return undefined;
}

function listAt(s: Sourced | undefined, what: string, f: Findings): Sourced<unknown[]> | undefined {
  if (s === undefined || s.value === null) return undefined;
  if (Array.isArray(s.value)) return s as Sourced<unknown[]>;
  f.error(s, `${what} must be a list`);
  return undefined;
}

export function assembleBundle(files: readonly LoadedDocument[], f: Findings): Bundle | undefined {
  const root = files[0];
  if (!root) return undefined;
  const out: Bundle = { root, variables: new Map(), jobs: new Map(), targets: new Map() };
  const seen = new Map<string, string>();
  for (const doc of files) {
    const top = mapAt({ value: doc.value, doc, at: [] }, "a bundle file", f);
    if (!top) continue;
    unknownKeys(top, TOP_KEYS, "a bundle file", f);
    for (const key of SINGLETONS) {
      const s = child(top, key);
      if (s === undefined) continue;
      const before = seen.get(key);
      if (before !== undefined) f.error(s, `${key}: is also defined in ${before}; define it once`, { key: true });
      else seen.set(key, doc.file);
    }
    const bundle = mapAt(child(top, "bundle"), "bundle:", f);
    if (bundle && typeof bundle.value.name === "string") out.name = bundle.value.name;
    out.workspace ??= mapAt(child(top, "workspace"), "workspace:", f);
    out.permissions ??= listAt(child(top, "permissions"), "permissions:", f);
    out.runAs ??= mapAt(child(top, "run_as"), "run_as:", f);
    out.presets ??= mapAt(child(top, "presets"), "presets:", f);
    const envs = child(top, "environments");
    if (envs) f.error(envs, "environments: is the old name of targets:; rename it to targets:", { key: true });

    const vars = mapAt(child(top, "variables"), "variables:", f);
    for (const [name] of Object.entries(vars?.value ?? {})) {
      const v = child(vars as Sourced<Obj>, name) as Sourced;
      if (out.variables.has(name)) f.error(v, `variable "${name}" is also defined in ${out.variables.get(name)?.doc.file}`, { key: true });
      else if (!isPlainObject(v.value)) f.error(v, `variable "${name}" must be a mapping (default, description, type, lookup)`);
      else {
        unknownKeys(v as Sourced<Obj>, VARIABLE_KEYS, `variable "${name}"`, f);
        out.variables.set(name, v as Sourced<Obj>);
      }
    }

    const resources = mapAt(child(top, "resources"), "resources:", f);
    const jobs = resources && mapAt(child(resources, "jobs"), "resources.jobs", f);
    for (const key of Object.keys(jobs?.value ?? {})) {
      const j = child(jobs as Sourced<Obj>, key) as Sourced;
      const before = out.jobs.get(key);
      if (!JOB_KEY.test(key)) f.error(j, `job key "${key}" may contain only letters, digits, "_" and "-" (at most 100): it becomes the file name jobs/${key}.yaml`, { key: true });
      else if (before) f.error(j, `job "${key}" is also defined in ${before.doc.file}; a resource key must be unique in the bundle`, { key: true });
      else if (!isPlainObject(j.value)) f.error(j, `resources.jobs.${key} must be a mapping of job settings`);
      else out.jobs.set(key, j as Sourced<Obj>);
    }

    const targets = mapAt(child(top, "targets"), "targets:", f);
    for (const name of Object.keys(targets?.value ?? {})) {
      const t = mapAt(child(targets as Sourced<Obj>, name), `target "${name}"`, f) ?? { value: {}, doc, at: ["targets", name] };
      unknownKeys(t, TARGET_KEYS, `target "${name}"`, f);
      out.targets.set(name, [...(out.targets.get(name) ?? []), t]);
    }
  }
  if (out.name === undefined) f.error({ value: root.value, doc: root, at: [] }, "bundle.name is missing; the bundles CLI requires it and jobform uses it as the project name");
  return out;
}

/** Every other resource type of every file, by type: reported, since jobform manages jobs only. */
export function otherResources(files: readonly LoadedDocument[]): Map<string, Sourced<Obj>[]> {
  const out = new Map<string, Sourced<Obj>[]>();
  const add = (s: Sourced<Obj>, type: string) => out.set(type, [...(out.get(type) ?? []), s]);
  for (const doc of files) {
    if (!isPlainObject(doc.value)) continue;
    const scan = (res: unknown, at: string[]) => {
      if (!isPlainObject(res)) return;
      for (const [type, v] of Object.entries(res)) if (type !== "jobs" && isPlainObject(v)) add({ value: v, doc, at: [...at, type] }, type);
    };
    scan(doc.value.resources, ["resources"]);
    const targets = doc.value.targets;
    if (isPlainObject(targets)) for (const [t, tv] of Object.entries(targets)) if (isPlainObject(tv)) scan(tv.resources, ["targets", t, "resources"]);
  }
  return out;
}
