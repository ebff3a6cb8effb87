import { describe, expect, it } from "vitest";
import { describeErrors, errorsOf } from "./support.js";
import type { JsonObject } from "./support.js";

function project(): JsonObject {
  return {
    project: "acme-data",
    targets: {
      dev: { host: "https://adb-1111.11.azuredatabricks.net", default: true, variables: { warehouse_id: "abc", workers: 2, strict: true } },
      prod: {
        host: "https://adb-2222.22.azuredatabricks.net",
        description: "Production",
        variables: { warehouse_id: "def" },
        jobs: { "sales-load": { schedule: { pause_status: "UNPAUSED" } } },
      },
    },
    variables: { warehouse_id: { description: "SQL warehouse for publish tasks" }, workers: { default: 1 } },
    platforms: {
      default: { compute_type: "Serverless", environment: { environment_version: "2", dependencies: ["polars"] } },
      etl: { compute_type: "NewJobCluster", cluster_version: "15.4.x-scala2.12", node_type: "Standard_DS3_v2", num_workers: 2, spark_conf: { "spark.x": "1" } },
      shared: { compute_type: "ExistingInteractiveCluster", existing_cluster_id: "0923-164208-meows279" },
      pooled: { compute_type: "ExistingInstancePool", instance_pool_id: "pool-1", cluster_version: "15.4.x-scala2.12", autoscale: { min_workers: 1, max_workers: 4 } },
    },
    defaults: { edit_mode: "UI_LOCKED", queue: { enabled: true } },
    apply: { prune_max_fraction: 0.25, lock: true },
  };
}

type P = JsonObject & { platforms: Record<string, JsonObject>; targets: Record<string, JsonObject> };

const projectCases: { name: string; change: (d: P) => void; path: string; keyword: string }[] = [
  { name: "missing project", change: (d) => delete d.project, path: "", keyword: "required" },
  { name: "unsafe project name", change: (d) => (d.project = "acme data/x"), path: "/project", keyword: "pattern" },
  { name: "unknown top-level field", change: (d) => (d.target = {}), path: "", keyword: "additionalProperties" },
  { name: "unknown target field", change: (d) => (d.targets.dev!.workspace = "x"), path: "/targets/dev", keyword: "additionalProperties" },
  { name: "host that is not a URL", change: (d) => (d.targets.dev!.host = "adb-1.azuredatabricks.net"), path: "/targets/dev/host", keyword: "pattern" },
  { name: "variable value that is an object", change: (d) => (d.targets.dev!.variables = { x: { y: 1 } }), path: "/targets/dev/variables/x", keyword: "anyOf" },
  { name: "unknown compute_type", change: (d) => (d.platforms.etl!.compute_type = "Cluster"), path: "/platforms/etl/compute_type", keyword: "enum" },
  { name: "platform without compute_type", change: (d) => delete d.platforms.etl!.compute_type, path: "/platforms/etl", keyword: "required" },
  { name: "NewJobCluster without node_type", change: (d) => delete d.platforms.etl!.node_type, path: "/platforms/etl", keyword: "if" },
  { name: "NewJobCluster without size", change: (d) => delete d.platforms.etl!.num_workers, path: "/platforms/etl", keyword: "if" },
  { name: "num_workers and autoscale", change: (d) => (d.platforms.etl!.autoscale = { min_workers: 1, max_workers: 2 }), path: "/platforms/etl", keyword: "not" },
  { name: "ExistingInteractiveCluster without id", change: (d) => delete d.platforms.shared!.existing_cluster_id, path: "/platforms/shared", keyword: "if" },
  { name: "ExistingInstancePool without cluster_version", change: (d) => delete d.platforms.pooled!.cluster_version, path: "/platforms/pooled", keyword: "if" },
  { name: "Serverless with a cluster size", change: (d) => (d.platforms.default!.num_workers = 2), path: "/platforms/default", keyword: "if" },
  { name: "prune fraction above 1", change: (d) => (d.apply = { prune_max_fraction: 1.5 }), path: "/apply/prune_max_fraction", keyword: "maximum" },
  { name: "unknown apply field", change: (d) => (d.apply = { prune: true }), path: "/apply", keyword: "additionalProperties" },
  { name: "unknown variable field", change: (d) => (d.variables = { x: { value: 1 } }), path: "/variables/x", keyword: "additionalProperties" },
];

describe("project.schema.json", () => {
  it("accepts a realistic jobform.yaml", () => {
    const errors = errorsOf("project", project());
    expect(errors, describeErrors(errors)).toEqual([]);
  });
  for (const c of projectCases) {
    it(`rejects ${c.name}`, () => {
      const doc = project() as P;
      c.change(doc);
      const errors = errorsOf("project", doc);
      expect(errors.some((e) => e.instancePath === c.path && e.keyword === c.keyword), describeErrors(errors)).toBe(true);
    });
  }
});

function notebook(): JsonObject {
  return {
    notebook_path: "/Users/alice@contoso.com/etl/sales-load",
    platform: "etl",
    run_name: "sales load (ad hoc)",
    timeout_seconds: 3600,
    parameters: [
      { name: "run_date", type: "date", direction: "input", default: "2024-01-01" },
      { name: "mode", type: "string", direction: "input_output", default: "full", choices: ["full", "delta"] },
      { name: "rows", type: "int", direction: "output" },
      { name: "dry_run", type: "bool", default: false },
      { name: "ratio", type: "float", default: 0.5 },
      { name: "config", type: "json", default: null },
    ],
  };
}

type N = JsonObject & { parameters: JsonObject[] };
const notebookCases: { name: string; change: (d: N) => void; path: string; keyword: string }[] = [
  { name: "missing notebook_path", change: (d) => delete d.notebook_path, path: "", keyword: "required" },
  { name: "relative notebook_path", change: (d) => (d.notebook_path = "etl/x"), path: "/notebook_path", keyword: "pattern" },
  { name: "unknown parameter type", change: (d) => (d.parameters[0]!.type = "integer"), path: "/parameters/0/type", keyword: "enum" },
  { name: "unknown direction", change: (d) => (d.parameters[0]!.direction = "in"), path: "/parameters/0/direction", keyword: "enum" },
  { name: "parameter without name", change: (d) => delete d.parameters[0]!.name, path: "/parameters/0", keyword: "required" },
  { name: "object default", change: (d) => (d.parameters[0]!.default = { a: 1 }), path: "/parameters/0/default", keyword: "anyOf" },
  { name: "unknown field", change: (d) => (d.params = []), path: "", keyword: "additionalProperties" },
  { name: "negative timeout", change: (d) => (d.timeout_seconds = -1), path: "/timeout_seconds", keyword: "minimum" },
];

describe("notebook.schema.json", () => {
  it("accepts the product contract's example", () => {
    const errors = errorsOf("notebook", notebook());
    expect(errors, describeErrors(errors)).toEqual([]);
  });
  for (const c of notebookCases) {
    it(`rejects ${c.name}`, () => {
      const doc = notebook() as N;
      c.change(doc);
      const errors = errorsOf("notebook", doc);
      expect(errors.some((e) => e.instancePath === c.path && e.keyword === c.keyword), describeErrors(errors)).toBe(true);
    });
  }
});
