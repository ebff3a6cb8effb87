// The task DAG as SVG, laid out by dagre (left to right, edges routed around nodes). Nodes carry their
// task type and plan mark; condition tasks, for_each tasks and their inner tasks have their own shapes;
// edges carry the condition outcome and the run_if they wait for. Every node is a focusable button.
import { Graph, layout } from "@dagrejs/dagre";
import { svg } from "./dom.js";
import type { Dag, DagEdge } from "./types.js";

const CHAR_W = 7.2;
const NODE_H = 40;

/** Same words as the CLI's drawings: "true", "ALL_DONE", "each input". */
export function edgeText(e: DagEdge): string | undefined {
  if (e.each) return "each input";
  const parts = [e.outcome, e.runIf].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join(", ") : undefined;
}

const SIGN = { added: "+ ", removed: "− ", changed: "~ " } as const;

export function renderDag(dag: Dag, onPick: (taskId: string) => void): SVGSVGElement {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 24, ranksep: 70, edgesep: 14, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of dag.nodes) g.setNode(n.id, { width: Math.max(90, (n.text.length + 2) * CHAR_W + 24), height: NODE_H });
  dag.edges.forEach((e, i) => {
    const label = edgeText(e);
    g.setEdge(e.from, e.to, label ? { width: label.length * 6.5 + 8, height: 16, labelpos: "c" } : {}, `e${i}`);
  });
  layout(g);
  const size = g.graph();
  const root = svg("svg", { class: "dag", role: "group", "aria-label": "task graph", width: Math.ceil(size.width ?? 200), height: Math.ceil(size.height ?? 100), viewBox: `0 0 ${Math.ceil(size.width ?? 200)} ${Math.ceil(size.height ?? 100)}` });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }))));
  dag.edges.forEach((e, i) => {
    const laid = g.edge({ v: e.from, w: e.to, name: `e${i}` });
    const pts = laid?.points ?? [];
    const d = pts.map((p: { x: number; y: number }, j: number) => `${j === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const label = edgeText(e);
    const group = svg("g", { class: `edge${e.each ? " each" : ""}${e.outcome ? ` outcome-${e.outcome}` : ""}`, "data-from": e.from, "data-to": e.to }, svg("path", { d, "marker-end": "url(#arrow)" }));
    if (label && laid?.x !== undefined && laid.y !== undefined) {
      group.append(svg("rect", { class: "edge-label-bg", x: laid.x - (label.length * 6.5 + 8) / 2, y: laid.y - 9, width: label.length * 6.5 + 8, height: 16, rx: 3 }), svg("text", { class: "edge-label", x: laid.x, y: laid.y + 4, "text-anchor": "middle" }, label));
    }
    root.append(group);
  });
  for (const n of dag.nodes) {
    const laid = g.node(n.id);
    const w = laid.width;
    const x = laid.x - w / 2;
    const y = laid.y - NODE_H / 2;
    const shape = n.shape === "condition" ? svg("polygon", { points: `${x + 12},${y} ${x + w - 12},${y} ${x + w},${y + NODE_H / 2} ${x + w - 12},${y + NODE_H} ${x + 12},${y + NODE_H} ${x},${y + NODE_H / 2}` }) : svg("rect", { x, y, width: w, height: NODE_H, rx: n.shape === "inner" ? 2 : 8 });
    const node = svg(
      "g",
      {
        class: `node shape-${n.shape}${n.mark ? ` mark-${n.mark}` : ""}`,
        tabindex: 0,
        role: "button",
        "data-task": n.id,
        "aria-label": `${n.mark ? `${n.mark} ` : ""}task ${n.text}`,
        onclick: () => onPick(n.id),
        onkeydown: (ev) => {
          const k = (ev as KeyboardEvent).key;
          if (k === "Enter" || k === " ") {
            ev.preventDefault();
            onPick(n.id);
          }
        },
      },
      shape,
      n.shape === "for_each" ? svg("rect", { class: "stack", x: x + 4, y: y + 4, width: w - 8, height: NODE_H - 8, rx: 6 }) : null,
      svg("text", { x: laid.x, y: laid.y + 4, "text-anchor": "middle" }, `${n.mark ? SIGN[n.mark] : ""}${n.text}`),
    );
    root.append(node);
  }
  return root;
}
