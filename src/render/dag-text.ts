// A job's task DAG for the terminal (`jobform graph KEY --format text`): tasks in stages, a stage being
// the longest chain of upstream tasks before it, so everything on one line of stages can run once the
// stages above are done. Each task names its upstream tasks with the edge's condition; a for_each task
// shows its inner task under it. Works for diamonds and fan-ins, where a tree drawing would repeat nodes.
import type { GraphTask } from "../core/plan-types.js";
import { buildDag, markSign } from "./dag.js";
import type { TaskMark } from "./dag.js";

/** Stage of each task (1 = no upstream in the job); a cycle, which validate reports, stops the climb. */
function stages(tasks: readonly GraphTask[]): Map<string, number> {
  const byKey = new Map(tasks.map((t) => [t.task_key, t]));
  const out = new Map<string, number>();
  const visiting = new Set<string>();
  const stageOf = (key: string): number => {
    const known = out.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    const ups = (byKey.get(key)?.depends_on ?? []).filter((d) => byKey.has(d));
    const stage = 1 + Math.max(0, ...ups.map(stageOf));
    visiting.delete(key);
    out.set(key, stage);
    return stage;
  };
  for (const t of tasks) stageOf(t.task_key);
  return out;
}

export function renderDagText(name: string, tasks: readonly GraphTask[], marks: ReadonlyMap<string, TaskMark> = new Map()): string {
  if (tasks.length === 0) return `${name}: no tasks\n`;
  const dag = buildDag(tasks, marks);
  const stage = stages(tasks);
  const text = new Map(dag.nodes.map((n) => [n.id, markSign(n.mark) + n.text]));
  const upstream = new Map<string, string[]>();
  const inner = new Map<string, string>();
  for (const e of dag.edges) {
    if (e.each) inner.set(e.from, e.to);
    else upstream.set(e.to, [...(upstream.get(e.to) ?? []), e.outcome === undefined ? e.from : `${e.from} (${e.outcome})`]);
  }
  // run_if is the downstream task's, so it is said once after its upstream list rather than per edge.
  const runIf = new Map(tasks.flatMap((t) => (t.run_if ? [[t.task_key, t.run_if] as const] : [])));
  const order = [...tasks].sort((a, b) => (stage.get(a.task_key) ?? 0) - (stage.get(b.task_key) ?? 0) || (a.task_key < b.task_key ? -1 : 1));
  const last = Math.max(...stage.values());
  const label = (n: number) => `stage ${n}`.padEnd(`stage ${last}`.length);
  const width = Math.max(...order.map((t) => [...(text.get(t.task_key) ?? "")].length));
  const lines = [`${name}: ${tasks.length} task${tasks.length === 1 ? "" : "s"} in ${last} stage${last === 1 ? "" : "s"}`, ""];
  let shown = 0;
  for (const t of order) {
    const n = stage.get(t.task_key) ?? 0;
    const head = n === shown ? " ".repeat(label(n).length) : label(n);
    shown = n;
    const node = text.get(t.task_key) ?? t.task_key;
    const ups = upstream.get(t.task_key);
    const when = runIf.has(t.task_key) ? ` when ${runIf.get(t.task_key)}` : "";
    lines.push(ups ? `${head}  ${node}${" ".repeat(width - [...node].length)}  ← ${ups.join(", ")}${when}` : `${head}  ${node}`);
    const each = inner.get(t.task_key);
    if (each) lines.push(`${" ".repeat(label(n).length)}    └ each input: ${text.get(each) ?? each}`);
  }
  return lines.join("\n") + "\n";
}
