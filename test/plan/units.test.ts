import { describe, expect, it } from "vitest";
import { fingerprint, fnv1a64, stableStringify } from "../../src/core/fingerprint.js";
import { mask, MASK } from "../../src/core/mask.js";
import { chooseStrategy } from "../../src/core/strategy.js";
import { renderMermaid } from "../../src/render/mermaid.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import type { Plan } from "../../src/core/plan-types.js";

describe("fingerprint", () => {
  it("ignores key order and changes with any value", () => {
    expect(fingerprint({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprint({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(stableStringify({ b: 1, a: undefined, c: "x" })).toBe('{"b":1,"c":"x"}');
  });
  it("is FNV-1a 64 (published test vectors)", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fingerprint({})).toBe(`fnv1a64:${fnv1a64("{}")}`);
  });
});

describe("mask", () => {
  it("hides secret-named values, parameter defaults and URL credentials, keeps references", () => {
    expect(mask({ spark_env_vars: { DB_PASSWORD: "hunter2", REGION: "eu" } })).toEqual({ spark_env_vars: { DB_PASSWORD: MASK, REGION: "eu" } });
    expect(mask({ name: "api_token", default: "abc" }, ["parameters", "api_token"])).toEqual({ name: "api_token", default: MASK });
    expect(mask("{{secrets/s/k}}", ["spark_conf", "token"])).toBe("{{secrets/s/k}}");
    expect(mask("https://bob:pw@git.example.com/r?token=xyz&a=1")).toBe(`https://bob:${MASK}@git.example.com/r?token=${MASK}&a=1`);
  });
});

describe("strategy", () => {
  it("a pause-only change is a single jobs/update of schedule", () => {
    const s = chooseStrategy([{ op: "replace", path: "/schedule/pause_status", before: "PAUSED", after: "UNPAUSED" }], { schedule: { quartz_cron_expression: "x" } });
    expect(s).toEqual({ strategy: "update", update: { fields: ["schedule"], tasks: [], job_clusters: [], fields_to_remove: [] } });
  });
  it("tasks by key, removals through fields_to_remove", () => {
    const s = chooseStrategy(
      [
        { op: "replace", path: "/tasks/a/timeout_seconds", before: 0, after: 5 },
        { op: "remove", path: "/tasks/b", before: {} },
        { op: "remove", path: "/description", before: "d" },
      ],
      { tasks: { a: {} } },
    );
    expect(s.update).toEqual({ fields: [], tasks: ["a"], job_clusters: [], fields_to_remove: ["description", "tasks/b"] });
  });
  it("a field going back to its server default needs reset", () => {
    expect(chooseStrategy([{ op: "replace", path: "/queue", before: { enabled: false }, after: { enabled: true } }], {}).strategy).toBe("reset");
  });
});

describe("mermaid", () => {
  it("draws edges and highlights marked tasks", () => {
    const out = renderMermaid([{ task_key: "b-2", depends_on: ["a"] }, { task_key: "a", depends_on: [] }], new Map([["b-2", "changed" as const]]));
    expect(out).toBe(['flowchart LR', '  t_a["a"]', '  t_b_2d_2["~ b-2"]:::changed', "  t_a --> t_b_2d_2", "  classDef changed fill:#fff8c5,stroke:#9a6700"].join("\n"));
  });
});

describe("markdown", () => {
  it("trims to the comment limit with a note", () => {
    const fields = Array.from({ length: 30 }, (_, j) => ({ op: "add" as const, path: `/tags/t${j}`, after: "x".repeat(150) }));
    const changes = Array.from({ length: 40 }, (_, i) => ({
      key: `job${String(i).padStart(2, "0")}`, action: "create" as const, strategy: "create" as const, permissions_put: true,
      fields, permissions: [], risks: [], graph: [],
    }));
    const plan: Plan = { format_version: 1, project: "p", target: null, host: null, changes, notes: [], errors: [], summary: { create: 40, update: 0, delete: 0, no_op: 0 } };
    const md = renderPlanMarkdown(plan);
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toMatch(/Output trimmed to fit a GitHub comment: \d+ of 40 job sections/);
  });
});
