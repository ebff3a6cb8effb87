// A job's task graph in Graphviz dot, for `jobform graph KEY --format dot | dot -Tsvg`. The picture
// itself is dag.ts's: the same nodes, labels and edges as the mermaid and text drawings.
import type { GraphTask } from "../core/plan-types.js";
import { buildDag, edgeLabel, markSign } from "./dag.js";
import type { DagNode, TaskMark } from "./dag.js";

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const SHAPE: Record<DagNode["shape"], string | undefined> = { task: undefined, condition: "diamond", for_each: "box3d", inner: undefined };
const FILL: Record<TaskMark, string> = { added: "#e6ffec", changed: "#fff8c5", removed: "#ffebe9" };

function nodeAttrs(n: DagNode): string {
  const attrs = [`label=${quote(markSign(n.mark) + n.text)}`];
  const shape = SHAPE[n.shape];
  if (shape) attrs.push(`shape=${shape}`);
  // Diamonds and 3-d boxes cannot be rounded; the default node style (rounded) is replaced only when needed.
  const style = [shape ? "" : "rounded", n.shape === "inner" ? "dashed" : "", n.mark ? "filled" : ""].filter(Boolean);
  if (shape || n.shape === "inner" || n.mark) attrs.push(`style=${quote(style.join(",") || "solid")}`);
  if (n.mark) attrs.push(`fillcolor=${quote(FILL[n.mark])}`);
  return attrs.join(", ");
}

export function renderDot(name: string, tasks: readonly GraphTask[], marks: ReadonlyMap<string, TaskMark> = new Map()): string {
  const dag = buildDag(tasks, marks);
  const lines = [`digraph ${quote(name)} {`, "  rankdir=LR;", "  node [shape=box, style=rounded];"];
  for (const n of dag.nodes) lines.push(`  ${quote(n.id)} [${nodeAttrs(n)}];`);
  for (const e of dag.edges) {
    const label = edgeLabel(e);
    const attrs = [label === undefined ? "" : `label=${quote(label)}`, e.each ? "style=dashed" : ""].filter(Boolean);
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${attrs.length ? ` [${attrs.join(", ")}]` : ""};`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}
