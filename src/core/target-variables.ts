import type { Diagnostic } from "./diagnostic.js";
import type { LoadedDocument } from "./load.js";
import { fileDiagnostic, locate } from "./load.js";
import { isPlainObject } from "./merge.js";
import { toPointer } from "./pointer.js";
import { PROJECT_FILE } from "./resolve.js";
import { suggest } from "./suggest.js";

/**
 * A target's `variables` key that names no declared variable is a typo nothing else would catch: the
 * target silently deploys the default. Every target is checked, not only the selected one, so CI on the
 * dev target still stops a misspelt prod value.
 */
export function undeclaredTargetVariables(doc: LoadedDocument | undefined): Diagnostic[] {
  const project = doc && isPlainObject(doc.value) ? doc.value : undefined;
  if (!doc || !project || !isPlainObject(project.targets)) return [];
  const declared = Object.keys(isPlainObject(project.variables) ? project.variables : {});
  const out: Diagnostic[] = [];
  for (const [target, config] of Object.entries(project.targets)) {
    const values = isPlainObject(config) && isPlainObject(config.variables) ? config.variables : {};
    for (const name of Object.keys(values)) {
      if (declared.includes(name)) continue;
      const hint = suggest(name, declared);
      const advice = hint ? `did you mean "${hint}"?` : declared.length ? `declared: ${declared.join(", ")}` : "declare it under variables: first";
      const segments = ["targets", target, "variables", name];
      out.push(fileDiagnostic(PROJECT_FILE, "JF012", `target "${target}" sets "${name}", which is not a declared variable; ${advice}`, locate(doc, segments, { key: true }), toPointer(segments)));
    }
  }
  return out;
}
