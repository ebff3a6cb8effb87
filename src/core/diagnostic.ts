/** A mistake in the user's input, as a value: collected, never thrown. */
export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Stable code, `JF` + three digits; listed in docs/diagnostics.md. */
  code: string;
  message: string;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the diagnostic is about the file as a whole. */
  line: number;
  column: number;
  /** JSON pointer into the document (`/tasks/0/task_key`); "" for the whole file. */
  path: string;
}
