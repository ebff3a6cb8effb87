import { describe, expect, it } from "vitest";
import { describeErrors, errorsOf, loadSchema, yamlFixtures } from "./support.js";
import type { JsonObject } from "./support.js";

const fixtures = yamlFixtures("jobs-valid");
const defs = loadSchema("job").definitions as Record<string, JsonObject>;
const propsOf = (def: string) => Object.keys((defs[def]?.properties ?? {}) as JsonObject);

/** All tasks of a job, including the ones nested in for_each_task. */
function tasksOf(doc: unknown): JsonObject[] {
  const top = ((doc as JsonObject).tasks ?? []) as JsonObject[];
  return top.flatMap((t) => {
    const nested = (t.for_each_task as JsonObject | undefined)?.task as JsonObject | undefined;
    return nested ? [t, nested] : [t];
  });
}

describe("valid job files", () => {
  it("has fixtures to check", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  for (const { name, doc } of fixtures) {
    it(`${name} is accepted`, () => {
      const errors = errorsOf("job", doc);
      expect(errors, describeErrors(errors)).toEqual([]);
    });
  }

  it("the fixtures use every task type the schema knows", () => {
    const taskTypes = propsOf("Task").filter((p) => p.endsWith("_task"));
    expect(taskTypes.length).toBeGreaterThanOrEqual(20);
    const used = new Set(fixtures.flatMap(({ doc }) => tasksOf(doc).flatMap((t) => Object.keys(t))));
    expect(taskTypes.filter((t) => !used.has(t))).toEqual([]);
  });

  it("the fixtures use every trigger kind (schedule, trigger.*, continuous, triggers[].*)", () => {
    const used = new Set<string>();
    for (const { doc } of fixtures) {
      const d = doc as JsonObject;
      for (const k of ["schedule", "continuous"]) if (d[k]) used.add(k);
      for (const k of Object.keys((d.trigger ?? {}) as JsonObject)) used.add(`trigger.${k}`);
      for (const t of (d.triggers ?? []) as JsonObject[]) for (const k of Object.keys(t)) used.add(`triggers.${k}`);
    }
    const expected = [
      "schedule",
      "continuous",
      ...propsOf("TriggerSettings").filter((k) => k !== "pause_status").map((k) => `trigger.${k}`),
      ...propsOf("TriggerConfiguration").filter((k) => k !== "pause_status" && k !== "sql_condition").map((k) => `triggers.${k}`),
    ];
    expect(expected.filter((k) => !used.has(k))).toEqual([]);
  });

  it("the fixtures use every compute choice and every init script / log destination", () => {
    const tasks = fixtures.flatMap(({ doc }) => tasksOf(doc));
    const clusters = fixtures.flatMap(({ doc }) =>
      (((doc as JsonObject).job_clusters ?? []) as JsonObject[]).map((c) => c.new_cluster as JsonObject),
    );
    for (const k of ["job_cluster_key", "new_cluster", "existing_cluster_id", "environment_key", "compute"]) {
      expect(tasks.some((t) => k in t), k).toBe(true);
    }
    expect(tasks.some((t) => !["job_cluster_key", "new_cluster", "existing_cluster_id", "environment_key"].some((k) => k in t))).toBe(true);
    for (const k of ["aws_attributes", "azure_attributes", "gcp_attributes", "autoscale", "num_workers", "docker_image", "workload_type"]) {
      expect(clusters.some((c) => k in c), k).toBe(true);
    }
    const scripts = new Set(clusters.flatMap((c) => ((c.init_scripts ?? []) as JsonObject[]).flatMap((s) => Object.keys(s))));
    expect(propsOf("InitScriptInfo").filter((k) => !scripts.has(k))).toEqual([]);
    const logs = new Set(clusters.flatMap((c) => Object.keys((c.cluster_log_conf ?? {}) as JsonObject)));
    expect(propsOf("ClusterLogConf").filter((k) => !logs.has(k))).toEqual([]);
  });
});
