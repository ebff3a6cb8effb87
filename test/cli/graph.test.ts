import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../support/cli.js";

beforeAll(ensureBuilt);

describe("jobform graph", () => {
  it("draws a job's DAG as mermaid, edges from upstream to downstream", () => {
    const r = runCli(["graph", "ml-training"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("flowchart LR");
    expect(lines).toContain("  t_features --> t_train_per_region");
    expect(lines).toContain("  t_good_enough --> t_promote");
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
    expect(badFormat.stderr.trim()).toBe("jobform: --format png is not supported by graph; use mermaid or dot");
  });
});
