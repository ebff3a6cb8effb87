// The converted project as text: jobform.yaml and jobs/<key>.yaml, each with the editor schema line and where
// it came from, keys in the bundle's own order (the user's), no timestamps (converting twice gives the same bytes).
import { Document } from "yaml";
import { defaultSchemaRef, schemaComment } from "../schema-ref.js";
import type { Bundle } from "./assemble.js";
import type { ConvertedFile, Findings, Obj } from "./model.js";
import type { GeneratedVariable } from "./policy.js";
import type { VariableTable } from "./variables.js";

export interface Converted {
  bundle: Bundle;
  vars: VariableTable;
  generated: ReadonlyMap<string, GeneratedVariable>;
  targets: ReadonlyMap<string, Obj>;
  jobs: ReadonlyMap<string, Obj>;
  schemaRefs?: { job: string; project: string };
  f: Findings;
}

const yamlText = (value: unknown) => new Document(value).toString({ lineWidth: 0, indentSeq: true });

/** bundle.name as a jobform project name: letters, digits, "_", "-" and ".", starting with a letter or digit. */
export function projectName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 100) || "bundle";
}

export function emitProject(c: Converted): ConvertedFile[] {
  const source = c.bundle.root.file;
  const project = projectName(c.bundle.name ?? "");
  if (project !== c.bundle.name) c.f.note("settings", `bundle name "${c.bundle.name}" is the project name "${project}" (jobform's project names are letters, digits, "_", "-" and ".")`);
  const variables: Obj = {};
  for (const [name, v] of c.vars.declared) variables[name] = { ...v };
  const targets: Obj = {};
  for (const [name, t] of c.targets) targets[name] = { ...t };
  for (const g of c.generated.values()) {
    variables[g.name] = { description: g.description };
    for (const [tname, value] of g.values) {
      const t = targets[tname] as Obj;
      t.variables = { ...((t.variables as Obj | undefined) ?? {}), [g.name]: value };
    }
  }
  const config: Obj = { project };
  if (Object.keys(targets).length) config.targets = targets;
  if (Object.keys(variables).length) config.variables = variables;
  const header = (ref: string, from: string) => `#${schemaComment(ref)}\n# converted from ${from} by jobform import --from-bundle\n`;
  const files: ConvertedFile[] = [{ path: "jobform.yaml", text: header(c.schemaRefs?.project ?? "schemas/project.schema.json", `the bundle ${source}`) + yamlText(config) }];
  for (const [key, job] of c.jobs) {
    const from = c.bundle.jobs.get(key)?.doc.file ?? source;
    files.push({ path: `jobs/${key}.yaml`, text: header(c.schemaRefs?.job ?? defaultSchemaRef("job"), `resources.jobs.${key} in ${from}`) + yamlText(job) });
  }
  return files;
}
