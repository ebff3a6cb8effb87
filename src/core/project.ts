import type { Diagnostic } from "./diagnostic.js";
import { loadFile } from "./load.js";
import type { LoadedDocument, SourceFile } from "./load.js";
import { PROJECT_FILE, resolve } from "./resolve.js";
import type { ResolveOptions, ResolvedProject } from "./resolve.js";
import type { Schemas } from "./schema-check.js";
import { sortDiagnostics, validate } from "./validate.js";

export interface LoadedProject {
  projectDoc: LoadedDocument | undefined;
  jobDocs: LoadedDocument[];
  notebookDocs: LoadedDocument[];
  diagnostics: Diagnostic[];
}

/** Parses every file of a project; a broken file is reported and the others are still loaded. */
export function loadProject(files: readonly SourceFile[]): LoadedProject {
  const out: LoadedProject = { projectDoc: undefined, jobDocs: [], notebookDocs: [], diagnostics: [] };
  for (const f of files) {
    const { document, diagnostics } = loadFile(f);
    out.diagnostics.push(...diagnostics);
    if (!document) continue;
    if (f.path === PROJECT_FILE) out.projectDoc = document;
    else if (f.path.startsWith("notebooks/")) out.notebookDocs.push(document);
    else out.jobDocs.push(document);
  }
  return out;
}

export interface CheckedProject extends LoadedProject {
  resolved: ResolvedProject;
  /** Every diagnostic: parse errors, resolution, schema and lint. */
  all: Diagnostic[];
}

/** load → resolve → validate, the whole of `jobform validate` minus the reading of files. */
export function checkProject(files: readonly SourceFile[], opts: ResolveOptions, schemas: Schemas): CheckedProject {
  const loaded = loadProject(files);
  const projectBroken = loaded.projectDoc === undefined && files.some((f) => f.path === PROJECT_FILE);
  const resolved = resolve(loaded.projectDoc, loaded.jobDocs, opts);
  let all = validate(resolved, loaded.projectDoc, loaded.notebookDocs, schemas);
  // A jobform.yaml that failed to parse was already reported; "no jobform.yaml" would be wrong.
  if (projectBroken) all = all.filter((d) => !(d.code === "JF010" && d.line === 0));
  return { ...loaded, resolved, all: sortDiagnostics([...loaded.diagnostics, ...all]) };
}
