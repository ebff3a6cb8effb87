// One picture of a job's task DAG, drawn three ways (mermaid, dot, text) by the renderers beside this
// file: `jobform graph` and the Markdown plan both start here, so a node or an edge reads the same
// everywhere. Nodes say what kind of task they are; edges say when they fire (a condition's outcome,
// a run_if other than ALL_SUCCESS); a for_each task leads to its inner task; a run_job task names its job.
import type { GraphTask } from "../core/plan-types.js";

export type TaskMark = "added" | "changed" | "removed";

export type NodeShape = "task" | "condition" | "for_each" | "inner";

export interface DagNode {
  /** The task key; an inner task is `<for_each key>/<inner key>` (task keys have no "/"). */
  id: string;
  /** "ingest · notebook", "sales · run job → sales-load". */
  text: string;
  shape: NodeShape;
  mark?: TaskMark;
}

export interface DagEdge {
  from: string;
  to: string;
  /** "true" or "false": the upstream condition's outcome this edge waits for. */
  outcome?: string;
  /** The downstream task's run_if, when it is not ALL_SUCCESS. */
  runIf?: string;
  /** The for_each → inner task edge (drawn dashed). */
  each?: boolean;
}

export interface Dag {
  nodes: DagNode[];
  edges: DagEdge[];
}

/** The UI's names for task kinds; a kind not listed reads as its API name with spaces. */
const TYPE_WORDS: Record<string, string> = {
  notebook: "notebook",
  spark_python: "python script",
  python_wheel: "python wheel",
  spark_jar: "JAR",
  spark_submit: "spark-submit",
  sql: "SQL",
  dbt: "dbt",
  pipeline: "pipeline",
  run_job: "run job",
  condition: "if/else condition",
  for_each: "for each",
  dashboard: "dashboard",
  power_bi: "Power BI",
};

export function typeWord(type: string | undefined): string | undefined {
  return type === undefined ? undefined : (TYPE_WORDS[type] ?? type.replace(/_/g, " "));
}

function nodeText(key: string, type: string | undefined, runJob?: string): string {
  const word = typeWord(type);
  if (word === undefined) return key;
  return runJob === undefined ? `${key} · ${word}` : `${key} · ${word} → ${runJob}`;
}

/** What an edge is labelled with in the drawings that label edges: "true", "ALL_DONE", "true, ALL_DONE". */
export function edgeLabel(e: DagEdge): string | undefined {
  if (e.each) return "each input";
  const parts = [e.outcome, e.runIf].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

export function buildDag(tasks: readonly GraphTask[], marks: ReadonlyMap<string, TaskMark> = new Map()): Dag {
  const sorted = [...tasks].sort((a, b) => (a.task_key < b.task_key ? -1 : a.task_key > b.task_key ? 1 : 0));
  const nodes: DagNode[] = [];
  const edges: DagEdge[] = [];
  const withMark = <T extends object>(o: T, mark: TaskMark | undefined): T & { mark?: TaskMark } => (mark ? { ...o, mark } : o);
  for (const t of sorted) {
    const mark = marks.get(t.task_key);
    const shape: NodeShape = t.type === "condition" ? "condition" : t.for_each ? "for_each" : "task";
    nodes.push(withMark({ id: t.task_key, text: nodeText(t.task_key, t.type, t.run_job), shape }, mark));
    if (t.for_each) {
      const inner = `${t.task_key}/${t.for_each.task_key}`;
      nodes.push(withMark({ id: inner, text: nodeText(t.for_each.task_key, t.for_each.type), shape: "inner" as const }, mark));
      edges.push({ from: t.task_key, to: inner, each: true });
    }
  }
  for (const t of sorted) {
    for (const d of [...t.depends_on].sort()) {
      const e: DagEdge = { from: d, to: t.task_key };
      const outcome = t.outcomes?.[d];
      if (outcome !== undefined) e.outcome = outcome;
      if (t.run_if !== undefined) e.runIf = t.run_if;
      edges.push(e);
    }
  }
  return { nodes, edges };
}

/** The sign a marked task carries in every drawing, so the change reads even without colour. */
export function markSign(mark: TaskMark | undefined): string {
  return mark === "added" ? "+ " : mark === "removed" ? "- " : mark === "changed" ? "~ " : "";
}
