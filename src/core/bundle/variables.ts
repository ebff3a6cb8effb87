// The bundle's `variables:` as jobform variables: a simple one keeps its default and description; a complex one
// (a list or map, which jobform variables cannot hold) is substituted where it is used; a lookup (an id the
// bundles CLI finds by name at deploy time) becomes a required variable, and the report says what to look up.
import { isPlainObject } from "../merge.js";
import type { Bundle } from "./assemble.js";
import type { Findings, Obj } from "./model.js";

export type VarScalar = string | number | boolean;

export interface JobformVariable {
  description?: string;
  default?: VarScalar;
}

export interface VariableTable {
  /** jobform's variables by jobform name, in the bundle's order. */
  declared: Map<string, JobformVariable>;
  /** The jobform name of each simple or lookup variable, by its bundle name. */
  names: Map<string, string>;
  /** Complex variables' defaults, by bundle name, as the bundle wrote them (references not yet rewritten). */
  complex: Map<string, unknown>;
  /** Lookup variables, by bundle name: the lookup, as the bundle wrote it. */
  lookups: Map<string, Obj>;
  /** Simple variables whose default refers to something: each target gets its value, resolved. */
  templated: Set<string>;
}

export const isScalar = (v: unknown): v is VarScalar => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** `{warehouse: "Shared Serverless"}` → `warehouse "Shared Serverless"`. */
export function lookupText(lookup: Obj): string {
  return Object.entries(lookup).map(([kind, name]) => `${kind} ${JSON.stringify(name)}`).join(", ");
}

/** A jobform variable name for a bundle name or path: letters, digits and "_" only, unique among `taken`. */
export function jobformName(raw: string, taken: ReadonlySet<string>): string {
  const base = raw.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=[0-9])/, "_");
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

export function convertVariables(bundle: Bundle, f: Findings): VariableTable {
  const table: VariableTable = { declared: new Map(), names: new Map(), complex: new Map(), lookups: new Map(), templated: new Set() };
  for (const [name, s] of bundle.variables) {
    const spec = s.value;
    const description = typeof spec.description === "string" ? spec.description : undefined;
    if (spec.type === "complex" || (spec.default !== undefined && spec.default !== null && !isScalar(spec.default))) {
      if (spec.default === undefined || spec.default === null) f.note("variables", `complex variable "${name}" has no default; jobform cannot take a list or map as a variable, so its uses are kept as \${var.${name}} and must be given a value`, s, { key: true });
      else {
        table.complex.set(name, spec.default);
        f.note("variables", `complex variable "${name}" is written out where it is used (jobform variables hold strings, numbers and booleans)`, s, { key: true });
        continue;
      }
    }
    const jf = jobformName(name, new Set(table.declared.keys()));
    if (jf !== name) f.note("variables", `variable "${name}" is called "${jf}" in jobform (variable names there are letters, digits and "_")`, s, { key: true });
    table.names.set(name, jf);
    const v: JobformVariable = {};
    if (isPlainObject(spec.lookup)) {
      table.lookups.set(name, spec.lookup);
      v.description = [description, `the bundle looked up ${lookupText(spec.lookup)}`].filter(Boolean).join("; ");
      f.note("variables", `variable "${name}" is a lookup of ${lookupText(spec.lookup)}: jobform does not look ids up, so it is a required variable; set it per target (targets.<name>.variables.${jf}) or with --var ${jf}=<id>`, s, { key: true });
    } else if (description !== undefined) v.description = description;
    if (typeof spec.default === "string" && spec.default.includes("${")) table.templated.add(name);
    else if (isScalar(spec.default)) v.default = spec.default;
    table.declared.set(jf, v);
  }
  return table;
}
