import type { Code } from "../codes.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { isPlainObject } from "../merge.js";
import type { DesiredJob } from "../resolve.js";

export type Obj = Record<string, unknown>;

/** What a lint rule sees: one job, every job of the project (for cross-job references), and a reporter. */
export interface LintContext {
  job: DesiredJob;
  jobs: ReadonlyMap<string, DesiredJob>;
  report(code: Code, segments: readonly string[], message: string, opts?: { severity?: Severity; key?: boolean }): void;
}

export type Rule = (ctx: LintContext) => void;

export function lintContext(job: DesiredJob, jobs: ReadonlyMap<string, DesiredJob>, out: Diagnostic[]): LintContext {
  return {
    job,
    jobs,
    report(code, segments, message, opts = {}) {
      const at = job.locate(segments, { key: opts.key });
      out.push({ severity: opts.severity ?? "error", code, message, file: at.file, line: at.line, column: at.column, path: at.path });
    },
  };
}

export function obj(v: unknown): Obj | undefined {
  return isPlainObject(v) ? v : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export interface TaskRef {
  task: Obj;
  segments: string[];
  /** The for_each task this one is nested in, if any. */
  parent?: TaskRef;
}

/** The job's top-level tasks; `nested` adds each for_each task's inner task after its parent. */
export function tasksOf(doc: Obj, nested = false): TaskRef[] {
  const out: TaskRef[] = [];
  list(doc.tasks).forEach((t, i) => {
    const task = obj(t);
    if (!task) return;
    const ref: TaskRef = { task, segments: ["tasks", String(i)] };
    out.push(ref);
    if (nested) {
      const inner = obj(obj(task.for_each_task)?.task);
      if (inner) out.push({ task: inner, segments: [...ref.segments, "for_each_task", "task"], parent: ref });
    }
  });
  return out;
}

/** Every string in `value` with its path, for reference scanning. */
export function* strings(value: unknown, segments: string[] = []): Generator<[string, string[]]> {
  if (typeof value === "string") yield [value, segments];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...segments, String(i)]);
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, [...segments, k]);
}
