import type { Diagnostic } from "./diagnostic.js";
import type { LoadedDocument } from "./load.js";
import { fileDiagnostic, locate } from "./load.js";
import { isPlainObject } from "./merge.js";
import { suggest } from "./suggest.js";

const ENV_PREFIX = "JOBFORM_VAR_";

/**
 * `--var catalg=prod` for a project that declares `catalog` would deploy the default without a word. A `--var` name
 * no variable declares is an error; a `JOBFORM_VAR_<name>` one is a warning only, since one CI environment often
 * serves several projects. Both point at the project's `variables:` (the list of what is declared).
 */
export function undeclaredCommandVariables(projectFile: string, doc: LoadedDocument | undefined, vars: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>>): Diagnostic[] {
  const project = doc && isPlainObject(doc.value) ? doc.value : {};
  const declared = Object.keys(isPlainObject(project.variables) ? project.variables : {});
  const pos = doc ? locate(doc, declared.length ? ["variables"] : [], { key: true }) : undefined;
  const advise = (name: string): string => {
    const hint = suggest(name, declared);
    if (hint) return `did you mean "${hint}"?`;
    return declared.length ? `declared: ${declared.join(", ")}` : "jobform.yaml declares no variables";
  };
  const out: Diagnostic[] = [];
  for (const name of Object.keys(vars)) {
    if (!declared.includes(name)) out.push(fileDiagnostic(projectFile, "JF013", `--var ${name}: no variable "${name}" is declared; ${advise(name)}`, pos, "/variables"));
  }
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(ENV_PREFIX) || value === undefined) continue;
    const name = key.slice(ENV_PREFIX.length);
    if (declared.includes(name) || name in vars) continue;
    out.push({ ...fileDiagnostic(projectFile, "JF013", `${key} is set but no variable "${name}" is declared; ${advise(name)}`, pos, "/variables"), severity: "warning" });
  }
  return out;
}
