// A job's task graph in Graphviz dot, for `jobform graph KEY --format dot | dot -Tsvg`.
import type { GraphTask } from "../core/plan-types.js";

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function renderDot(name: string, tasks: readonly GraphTask[]): string {
  const lines = [`digraph ${quote(name)} {`, "  rankdir=LR;", "  node [shape=box, style=rounded];"];
  for (const t of tasks) lines.push(`  ${quote(t.task_key)};`);
  for (const t of tasks) for (const d of t.depends_on) lines.push(`  ${quote(d)} -> ${quote(t.task_key)};`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
