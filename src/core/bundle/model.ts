// The shapes `import --from-bundle` passes around: the bundle's files as read, the project it becomes, and the
// report of what jobform does differently or not at all.
import type { Code } from "../codes.js";
import type { Diagnostic } from "../diagnostic.js";
import type { LoadedDocument } from "../load.js";
import { fileDiagnostic, locate } from "../load.js";
import { toPointer } from "../pointer.js";

export type Obj = Record<string, unknown>;

/** The bundle's YAML files, paths relative to the bundle root: databricks.yml first, then its includes. */
export interface BundleInput {
  files: readonly LoadedDocument[];
}

/** A value and where it was written: the file and the path inside it (for located messages and relative paths). */
export interface Sourced<T = unknown> {
  value: T;
  doc: LoadedDocument;
  at: readonly string[];
}

export type Topic = "variables" | "references" | "paths" | "permissions" | "targets" | "resources" | "presets" | "mode" | "sync" | "artifacts" | "python" | "settings";

/** One line of the report: something the user has to know or do, and where the bundle says it. */
export interface ReportItem {
  topic: Topic;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface ConvertOptions {
  /** Convert only these targets (the bundle's names); all when absent. */
  targets?: readonly string[];
  /** The job schema: unknown fields are reported at the bundle's line. */
  jobSchema?: object;
  /** The editor `$schema` reference written at the top of job files and of jobform.yaml. */
  schemaRefs?: { job: string; project: string };
}

export interface ConvertedFile {
  /** Relative to the output folder: jobform.yaml or jobs/<key>.yaml. */
  path: string;
  text: string;
}

export interface ConvertResult {
  files: ConvertedFile[];
  report: ReportItem[];
  diagnostics: Diagnostic[];
}

/** Collects diagnostics (the bundle cannot be read as one) and report items (it can, with these notes). */
export class Findings {
  readonly diagnostics: Diagnostic[] = [];
  readonly report: ReportItem[] = [];

  error(where: Sourced, message: string, opts: { key?: boolean; code?: Code } = {}): void {
    const pos = locate(where.doc, where.at, { key: opts.key });
    this.diagnostics.push(fileDiagnostic(where.doc.file, opts.code ?? "JF016", message, pos, toPointer(where.at)));
  }

  note(topic: Topic, message: string, where?: Sourced, opts: { key?: boolean } = {}): void {
    if (!where) {
      this.report.push({ topic, message });
      return;
    }
    const pos = locate(where.doc, where.at, opts);
    this.report.push({ topic, message, file: where.doc.file, line: pos.line, column: pos.column });
  }

  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}

/** The value at `key` of a sourced map, sourced. */
export function child<T = unknown>(s: Sourced, key: string): Sourced<T> | undefined {
  const v = s.value as Obj | unknown[];
  const value = Array.isArray(v) ? v[Number(key)] : (v as Obj)[key];
  if (value === undefined || !Object.hasOwn(v as object, key)) return undefined;
  return { value: value as T, doc: s.doc, at: [...s.at, key] };
}
