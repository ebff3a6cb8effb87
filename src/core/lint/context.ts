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

/**
 * Calls `visit` for every string in `value`. The path is built only when asked for: rules look at thousands
 * of strings and report on few of them.
 */
export function eachString(value: unknown, visit: (s: string, path: () => string[]) => void, base: readonly string[] = []): void {
  const stack: string[] = [...base];
  const walk = (v: unknown): void => {
    if (typeof v === "string") visit(v, () => stack.slice());
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(String(i));
        walk(v[i]);
        stack.pop();
      }
    } else if (v !== null && typeof v === "object") {
      for (const k in v) {
        stack.push(k);
        walk((v as Record<string, unknown>)[k]);
        stack.pop();
      }
    }
  };
  walk(value);
}
