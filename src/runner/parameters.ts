/**
 * The base_parameters of a one-off run: the definition's defaults overridden by --param, each value
 * checked against its declared type before anything is sent. Pure; errors and warnings are values.
 */
import type { NotebookParameter } from "../core/generated/notebook.js";
import { shownValue } from "../core/mask.js";
import { coerceValue } from "./coerce.js";
import type { ParameterType } from "./coerce.js";

export interface ResolvedParameters {
  baseParameters: Record<string, string>;
  /** Each names the parameter; any error stops the submit. */
  errors: string[];
  warnings: string[];
}

/** `--param k=v` (repeatable, last one wins); the name is everything before the first "=". */
export function parseParamFlags(list: readonly string[]): { values: Map<string, string>; errors: string[] } {
  const values = new Map<string, string>();
  const errors: string[] = [];
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq <= 0) errors.push(`--param ${item}: expected name=value`);
    else values.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return { values, errors };
}

const OUTPUT_ADVICE =
  "notebooks cannot return named values to a run: use dbutils.notebook.exit(value) for one result shown in the run output, " +
  "and write larger results to a table or volume that the caller reads";

function inChoices(value: string, choices: readonly (string | number | boolean)[]): boolean {
  const allowed = new Set(choices.map(String));
  // A multiselect value is a comma-joined subset of its choices.
  return allowed.has(value) || value.split(",").every((part) => allowed.has(part.trim()));
}

/**
 * `definition` is undefined for a run by notebook path: then every --param is sent as given.
 * `source` names where the declarations live (notebooks/x.yaml) in messages.
 */
export function resolveParameters(definition: readonly NotebookParameter[] | undefined, flags: ReadonlyMap<string, string>, source = "the definition"): ResolvedParameters {
  const out: ResolvedParameters = { baseParameters: {}, errors: [], warnings: [] };
  if (definition === undefined) {
    for (const [name, value] of flags) out.baseParameters[name] = value;
    return out;
  }
  const declared = new Set<string>();
  for (const p of definition) {
    declared.add(p.name);
    const given = flags.get(p.name);
    if ((p.direction ?? "input") === "output") {
      const passed = given !== undefined ? " The --param value is ignored." : "";
      out.warnings.push(`parameter "${p.name}" is an output and is not sent: ${OUTPUT_ADVICE}.${passed}`);
      continue;
    }
    const value = given ?? p.default;
    if (value === undefined) continue; // no default here: the notebook's own widget default applies
    if (value === null) {
      out.errors.push(`parameter "${p.name}" has no default in ${source}; pass --param ${p.name}=<value>`);
      continue;
    }
    const type: ParameterType = p.type ?? "string";
    const coerced = coerceValue(type, value);
    const from = given !== undefined ? "--param" : `the default in ${source}`;
    if (!coerced.ok) {
      // The reason quotes the value it refused ("…"): a secret's is shown masked.
      const text = String(value).trim();
      const reason = coerced.reason.split(`"${text}"`).join(`"${shownValue(p.name, text)}"`);
      out.errors.push(`parameter "${p.name}" (${type}) from ${from}: ${reason}`);
      continue;
    }
    if (p.choices && p.choices.length > 0 && !inChoices(coerced.value, p.choices)) {
      out.errors.push(`parameter "${p.name}" from ${from}: "${shownValue(p.name, coerced.value)}" is not one of its choices (${p.choices.map(String).join(", ")})`);
      continue;
    }
    out.baseParameters[p.name] = coerced.value;
  }
  for (const [name, value] of flags) {
    if (declared.has(name)) continue;
    out.warnings.push(`--param ${name} is not declared in ${source}; it is sent as the string given`);
    out.baseParameters[name] = value;
  }
  return out;
}
