// A job's task graph as a mermaid flowchart, for PR comments and `jobform graph`. Changed tasks are
// coloured so a reviewer sees where in the DAG the change lands. The picture itself is dag.ts's.
import type { GraphTask } from "../core/plan-types.js";
import { buildDag, edgeLabel, markSign } from "./dag.js";
import type { DagNode, TaskMark } from "./dag.js";

export type { TaskMark } from "./dag.js";

/** Mermaid ids must be plain words; task keys may contain `-`, inner tasks a `/`. */
const nodeId = (id: string) => "t_" + id.replace(/[^A-Za-z0-9_]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
const STYLE: Record<TaskMark, string> = {
  added: "fill:#e6ffec,stroke:#1a7f37",
  changed: "fill:#fff8c5,stroke:#9a6700",
  removed: "fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 2",
};
const SHAPE: Record<DagNode["shape"], [string, string]> = { task: ["[", "]"], condition: ["{", "}"], for_each: ["[[", "]]"], inner: ["(", ")"] };

const quoted = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;
const edgeText = (label: string) => label.replace(/[|"]/g, "");

export function renderMermaid(tasks: readonly GraphTask[], marks: ReadonlyMap<string, TaskMark> = new Map()): string {
  const dag = buildDag(tasks, marks);
  const lines = ["flowchart LR"];
  for (const n of dag.nodes) {
    const [open, close] = SHAPE[n.shape];
    lines.push(`  ${nodeId(n.id)}${open}${quoted(markSign(n.mark) + n.text)}${close}${n.mark ? `:::${n.mark}` : ""}`);
  }
  for (const e of dag.edges) {
    const arrow = e.each ? "-.->" : "-->";
    const label = edgeLabel(e);
    lines.push(`  ${nodeId(e.from)} ${arrow}${label === undefined ? "" : `|${edgeText(label)}|`} ${nodeId(e.to)}`);
  }
  const used = new Set(dag.nodes.flatMap((n) => (n.mark ? [n.mark] : [])));
  for (const m of ["added", "changed", "removed"] as const) if (used.has(m)) lines.push(`  classDef ${m} ${STYLE[m]}`);
  return lines.join("\n");
}
