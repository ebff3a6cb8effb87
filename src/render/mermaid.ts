// A job's task graph as a mermaid flowchart, for PR comments and `jobform graph`. Changed tasks are
// coloured so a reviewer sees where in the DAG the change lands.

import type { GraphTask } from "../core/plan-types.js";

export type TaskMark = "added" | "changed" | "removed";


/** Mermaid ids must be plain words; task keys may contain `-`. */
const nodeId = (key: string) => "t_" + key.replace(/[^A-Za-z0-9_]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
const STYLE: Record<TaskMark, string> = {
  added: "fill:#e6ffec,stroke:#1a7f37",
  changed: "fill:#fff8c5,stroke:#9a6700",
  removed: "fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 2",
};

export function renderMermaid(tasks: readonly GraphTask[], marks: ReadonlyMap<string, TaskMark> = new Map()): string {
  const sorted = [...tasks].sort((a, b) => (a.task_key < b.task_key ? -1 : a.task_key > b.task_key ? 1 : 0));
  const lines = ["flowchart LR"];
  for (const t of sorted) {
    const mark = marks.get(t.task_key);
    const sign = mark === "added" ? "+ " : mark === "removed" ? "- " : mark === "changed" ? "~ " : "";
    lines.push(`  ${nodeId(t.task_key)}["${sign}${t.task_key}"]${mark ? `:::${mark}` : ""}`);
  }
  for (const t of sorted) for (const d of [...t.depends_on].sort()) lines.push(`  ${nodeId(d)} --> ${nodeId(t.task_key)}`);
  const used = new Set(marks.values());
  for (const m of ["added", "changed", "removed"] as const) if (used.has(m)) lines.push(`  classDef ${m} ${STYLE[m]}`);
  return lines.join("\n");
}
