import { list, obj, str, tasksOf } from "./context.js";
import type { LintContext, TaskRef } from "./context.js";

/** task_key → its task, for the job's top-level tasks (first occurrence wins; duplicates are reported). */
export function taskIndex(ctx: LintContext): Map<string, TaskRef> {
  const index = new Map<string, TaskRef>();
  for (const ref of tasksOf(ctx.job.document)) {
    const key = str(ref.task.task_key);
    if (key !== undefined && !index.has(key)) index.set(key, ref);
  }
  return index;
}

/** The keys a task depends on, with the path of each depends_on entry. */
function dependencies(ref: TaskRef): { key: string; outcome: unknown; segments: string[] }[] {
  return list(ref.task.depends_on).flatMap((d, i) => {
    const dep = obj(d);
    const key = str(dep?.task_key);
    return key === undefined ? [] : [{ key, outcome: dep?.outcome, segments: [...ref.segments, "depends_on", String(i)] }];
  });
}

export function taskGraph(ctx: LintContext): void {
  const seen = new Map<string, TaskRef>();
  for (const ref of tasksOf(ctx.job.document)) {
    const key = str(ref.task.task_key);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first) ctx.report("JF030", [...ref.segments, "task_key"], `task_key "${key}" is already used by tasks[${first.segments[1]}]; task keys must be unique within a job`);
    else seen.set(key, ref);
  }
  const index = taskIndex(ctx);
  for (const ref of tasksOf(ctx.job.document)) {
    const key = str(ref.task.task_key);
    const deps = dependencies(ref);
    for (const dep of deps) {
      if (dep.key === key) {
        ctx.report("JF032", [...dep.segments, "task_key"], `task "${key}" depends on itself`);
        continue;
      }
      const upstream = index.get(dep.key);
      if (!upstream) {
        ctx.report("JF031", [...dep.segments, "task_key"], `depends on "${dep.key}", which is not a task of this job` + hint(dep.key, index));
        continue;
      }
      if (dep.outcome !== undefined && !obj(upstream.task.condition_task)) {
        ctx.report("JF034", [...dep.segments, "outcome"], `"outcome" is only meaningful on a dependency on a condition task; "${dep.key}" is not one`);
      }
    }
    const runIf = str(ref.task.run_if);
    if (runIf !== undefined && runIf !== "ALL_SUCCESS" && deps.length === 0) {
      ctx.report("JF035", [...ref.segments, "run_if"], `run_if ${runIf} has no effect on a task without depends_on`, { severity: "warning" });
    }
    const inner = obj(obj(ref.task.for_each_task)?.task);
    if (inner) {
      const innerSegs = [...ref.segments, "for_each_task", "task"];
      if (list(inner.depends_on).length > 0) ctx.report("JF036", [...innerSegs, "depends_on"], "the task inside a for_each runs once per input; it cannot have depends_on (put dependencies on the for_each task)", { key: true });
    }
  }
  for (const cycle of findCycles(index)) {
    const first = index.get(cycle[0] as string) as TaskRef;
    ctx.report("JF033", [...first.segments, "depends_on"], `dependency cycle: ${[...cycle, cycle[0]].join(" → ")}`, { key: true });
  }
}

function hint(key: string, index: Map<string, TaskRef>): string {
  const lower = key.toLowerCase();
  const match = [...index.keys()].find((k) => k.toLowerCase() === lower);
  return match ? ` (did you mean "${match}"? keys are case-sensitive)` : "";
}

/**
 * Each elementary cycle once, as the list of its task keys, found by a depth-first walk that colours tasks in
 * progress. The walk keeps its own stack: a 15,000-task depends_on chain must not overflow the call stack.
 */
export function findCycles(index: Map<string, TaskRef>): string[][] {
  const state = new Map<string, 1 | 2>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const frames: { key: string; deps: string[]; next: number }[] = [];
  const enter = (key: string) => {
    state.set(key, 1);
    stack.push(key);
    const deps = dependencies(index.get(key) as TaskRef).map((d) => d.key).filter((d) => d !== key && index.has(d));
    frames.push({ key, deps, next: 0 });
  };
  for (const root of [...index.keys()].sort()) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      if (frame.next === frame.deps.length) {
        frames.pop();
        stack.pop();
        state.set(frame.key, 2);
        continue;
      }
      const dep = frame.deps[frame.next++] as string;
      const s = state.get(dep);
      if (s === 1) cycles.push(stack.slice(stack.indexOf(dep)));
      else if (s === undefined) enter(dep);
    }
  }
  return cycles;
}

/** Every task that `key` transitively depends on. */
export function upstreamOf(key: string, index: Map<string, TaskRef>): Set<string> {
  const out = new Set<string>();
  const todo = [key];
  while (todo.length) {
    const ref = index.get(todo.pop() as string);
    if (!ref) continue;
    for (const dep of dependencies(ref)) {
      if (!out.has(dep.key)) {
        out.add(dep.key);
        todo.push(dep.key);
      }
    }
  }
  return out;
}
