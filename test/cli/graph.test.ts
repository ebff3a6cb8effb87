import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { taskGraph } from "../../src/core/task-graph.js";
import { renderDagText } from "../../src/render/dag-text.js";
import { renderDot } from "../../src/render/dot.js";
import { renderMermaid } from "../../src/render/mermaid.js";
import { CASES_DIR, golden } from "../support/cases.js";
import { ensureBuilt, runCli } from "../support/cli.js";

beforeAll(ensureBuilt);

const CASE = "graph-task-kinds";

describe("jobform graph", () => {
  it.each([
    ["text", "graph.txt"],
    ["mermaid", "graph.mmd"],
    ["dot", "graph.dot"],
  ])("--format %s: task kinds on nodes, outcomes and run_if on edges, the for_each inner task, the run_job's job", (format, file) => {
    const r = runCli(["--dir", join(CASES_DIR, CASE), "graph", "release", "--format", format]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(golden(CASE, file, r.stdout));
  });

  it("draws the sample project's DAG as mermaid, edges from upstream to downstream", () => {
    const r = runCli(["graph", "ml-training"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("flowchart LR");
    expect(lines).toContain("  t_features --> t_train_per_region");
    expect(lines).toContain("  t_good_enough -->|true| t_promote");
    expect(lines).toContain("  t_train_per_region -.->|each input| t_train_per_region_2f_train_region");
    expect(lines.filter((l) => l.includes("-->"))).toHaveLength(4);
  });

  it("draws dot, and refuses an unknown job or format in one line", () => {
    const dot = runCli(["graph", "sales-load", "--format", "dot"]);
    expect(dot.stdout).toContain('digraph "Sales load" {');
    expect(dot.stdout).toContain('  "ingest" -> "quality";');
    const unknown = runCli(["graph", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('jobform: no job "nope" in jobs/');
    const badFormat = runCli(["graph", "sales-load", "--format", "png"]);
    expect(badFormat.stderr.trim()).toMatch(/^jobform: --format png is not supported by graph; use mermaid\b.* dot\b.* text$/);
  });
});

describe("one DAG picture for graph and the Markdown plan", () => {
  // The plan's graph comes from canonical forms (keyed maps); graph's from the YAML's lists: both read alike.
  const canonical = {
    tasks: {
      check: { task_key: "check", condition_task: { left: "1", op: "EQUAL_TO", right: "1" } },
      ship: { task_key: "ship", depends_on: { check: { task_key: "check", outcome: "true" } }, run_job_task: { job_id: 42 } },
      each: { task_key: "each", depends_on: { check: {} }, run_if: "ALL_DONE", for_each_task: { inputs: "[1]", task: { task_key: "one", notebook_task: { notebook_path: "/x" } } } },
    },
  };
  const tasks = taskGraph([canonical], (id) => (id === "42" ? "shipping" : undefined));

  it("reads task kinds, outcomes, run_if, the inner task and the run_job's key from the keyed form", () => {
    expect(tasks).toEqual([
      { task_key: "check", depends_on: [], type: "condition" },
      { task_key: "each", depends_on: ["check"], type: "for_each", run_if: "ALL_DONE", for_each: { task_key: "one", type: "notebook" } },
      { task_key: "ship", depends_on: ["check"], type: "run_job", outcomes: { check: "true" }, run_job: "shipping" },
    ]);
  });

  it("changed, added and removed tasks keep their colours and signs, the inner task its parent's", () => {
    const marks = new Map([["ship", "added"], ["each", "changed"], ["check", "removed"]] as const);
    const mermaid = renderMermaid(tasks, marks).split("\n");
    expect(mermaid).toContain('  t_ship["+ ship · run job → shipping"]:::added');
    expect(mermaid).toContain('  t_each_2f_one("~ one · notebook"):::changed');
    expect(mermaid).toContain('  t_check{"- check · if/else condition"}:::removed');
    expect(mermaid).toContain("  t_check -->|ALL_DONE| t_each");
    expect(mermaid).toContain("  classDef added fill:#e6ffec,stroke:#1a7f37");
    expect(renderDot("j", tasks, marks)).toContain('"ship" [label="+ ship · run job → shipping", style="rounded,filled", fillcolor="#e6ffec"];');
    expect(renderDagText("j", tasks, marks).split("\n")).toContain("         + ship · run job → shipping  ← check (true)");
  });

  it("a cycle (which validate reports) does not hang the text drawing", () => {
    const text = renderDagText("loop", [
      { task_key: "a", depends_on: ["b"] },
      { task_key: "b", depends_on: ["a"] },
    ]);
    expect(text).toMatch(/^loop: 2 tasks/);
  });
});
