// The bundle's targets: which ones are converted, what each knows offline (its workspace, its variables'
// values), and the bundle settings that only hold per target (run_as, permissions, variables, overrides).
import { isPlainObject } from "../merge.js";
import type { Bundle } from "./assemble.js";
import { child } from "./model.js";
import type { Findings, Obj, Sourced } from "./model.js";
import { escapeText, rewriteString } from "./references.js";
import { isScalar, lookupText } from "./variables.js";
import type { VarScalar, VariableTable } from "./variables.js";
import { workspaceField } from "./workspace.js";
import type { TargetContext } from "./workspace.js";

export interface ChosenTarget {
  ctx: TargetContext;
  parts: Sourced<Obj>[];
}

/** The last part of a target that sets `key`, sourced. */
export function targetSetting(t: ChosenTarget, key: string): Sourced | undefined {
  let found: Sourced | undefined;
  for (const p of t.parts) found = child(p, key) ?? found;
  return found;
}

/** A variable value a target gives: a scalar, `{default: scalar}`, or a lookup (undefined, reported). */
function targetValue(v: Sourced, name: string, target: string, vars: VariableTable, f: Findings): VarScalar | undefined {
  // A complex variable's target value goes into the target's jobs overrides (complex-targets.ts).
  if (vars.complex.has(name)) return undefined;
  const value = isPlainObject(v.value) && "default" in v.value ? v.value.default : v.value;
  if (isPlainObject(v.value) && isPlainObject(v.value.lookup)) {
    f.note("variables", `target ${target} looks variable "${name}" up as ${lookupText(v.value.lookup)}: jobform does not look ids up; set targets.${target}.variables.${vars.names.get(name) ?? name} to the id`, v);
    return undefined;
  }
  if (isScalar(value)) return value;
  f.error(v, `the value of variable "${name}" in target ${target} must be a string, number or boolean (or {default: …} / {lookup: …})`);
  return undefined;
}

export function chooseTargets(bundle: Bundle, wanted: readonly string[] | undefined, vars: VariableTable, f: Findings): ChosenTarget[] {
  const names = bundle.targets.size ? [...bundle.targets.keys()] : ["default"];
  const root = { value: bundle.root.value, doc: bundle.root, at: [] };
  for (const w of wanted ?? []) if (!names.includes(w)) f.error(root, `--target ${w}: the bundle has no such target (it has ${names.join(", ")})`);
  const chosen = wanted?.length ? names.filter((n) => wanted.includes(n)) : names;
  const dropped = names.filter((n) => !chosen.includes(n));
  if (dropped.length) f.note("targets", `not converted (not named by --target): ${dropped.join(", ")}`);
  if (!bundle.targets.size) f.note("targets", 'the bundle has no targets; like the bundles CLI, jobform gives it one called "default"');
  return chosen.map((name) => {
    const parts = bundle.targets.get(name) ?? [];
    const workspace: Obj = { ...(bundle.workspace?.value ?? {}) };
    for (const p of parts) if (isPlainObject(p.value.workspace)) Object.assign(workspace, p.value.workspace);
    const values = new Map<string, VarScalar>();
    for (const [bname, s] of bundle.variables) if (isScalar(s.value.default)) values.set(bname, s.value.default);
    for (const p of parts) {
      const tv = child(p, "variables");
      if (!tv) continue;
      if (!isPlainObject(tv.value)) {
        f.error(tv, `targets.${name}.variables must be a mapping of variable names to values`);
        continue;
      }
      for (const vname of Object.keys(tv.value)) {
        const v = child(tv, vname) as Sourced;
        if (!bundle.variables.has(vname)) {
          f.error({ ...v, at: v.at }, `target ${name} sets variable "${vname}", which the bundle does not declare`, { key: true });
          continue;
        }
        const value = targetValue(v, vname, name, vars, f);
        if (value !== undefined) values.set(vname, value);
        else values.delete(vname);
      }
    }
    const ctx: TargetContext = { name, bundleName: bundle.name ?? "", workspace, variables: values };
    // jobform does not resolve references inside a variable's value, so each target gets the value resolved.
    for (const [vname, v] of values) {
      if (typeof v !== "string" || !v.includes("${")) continue;
      const text = targetText(v, ctx);
      if (text === undefined) {
        values.delete(vname);
        f.note("variables", `target ${name}: the value of variable "${vname}" (${v}) refers to something not known offline; set targets.${name}.variables.${vars.names.get(vname) ?? vname}`, bundle.variables.get(vname));
      } else values.set(vname, text);
    }
    return { ctx, parts };
  });
}

/** A value a target holds as text (a variable's value, its host), resolved for that target alone. */
export function targetText(s: string, t: TargetContext): string | undefined {
  let unknown = false;
  const out = rewriteString(s, {
    inline(path) {
      if (path === "bundle.target") return escapeText(t.name);
      if (path === "bundle.name") return escapeText(t.bundleName);
      const v = path.startsWith("workspace.") ? workspaceField(path.slice(10), t).value : path.startsWith("var.") ? t.variables.get(path.slice(4)) : undefined;
      if (v === undefined) unknown = true;
      return String(v ?? "").replaceAll("${target}", t.name);
    },
  });
  return unknown ? undefined : (out as string);
}

/**
 * jobform's `variables:` of a target: the values it sets for the bundle's simple variables, and the value of a
 * variable whose default refers to something (`${bundle.target}`), resolved for the target.
 */
export function targetVariables(t: ChosenTarget, vars: VariableTable): Obj {
  const setHere = new Set(t.parts.flatMap((p) => (isPlainObject(p.value.variables) ? Object.keys(p.value.variables) : [])));
  const out: Obj = {};
  for (const [bname, jf] of vars.names) {
    const value = t.ctx.variables.get(bname);
    if (value !== undefined && (setHere.has(bname) || vars.templated.has(bname))) out[jf] = value;
  }
  return out;
}
