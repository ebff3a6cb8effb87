import { describe, expect, it } from "vitest";
import { parsePolicyDefinition } from "../../src/core/cluster-policy/definition.js";
import { evaluatePolicy } from "../../src/core/cluster-policy/evaluate.js";
import { splitPolicyPath, valuesAt } from "../../src/core/cluster-policy/paths.js";

/** Violations of `cluster` under the policy `definition`, as `path reason [kind]` lines. */
function broken(definition: Record<string, unknown>, cluster: Record<string, unknown>, applyDefaults = false): string[] {
  const policy = parsePolicyDefinition(JSON.stringify(definition));
  expect(policy.problems).toEqual([]);
  return evaluatePolicy(cluster, policy, { applyDefaults }).violations.map((v) => `${v.path} ${v.reason} [${v.kind}]`);
}

function fills(definition: Record<string, unknown>, cluster: Record<string, unknown>, applyDefaults: boolean) {
  return evaluatePolicy(cluster, parsePolicyDefinition(JSON.stringify(definition)), { applyDefaults }).fills;
}

describe("policy definitions", () => {
  it("read every rule kind with its options", () => {
    const p = parsePolicyDefinition(
      JSON.stringify({
        runtime_engine: { type: "fixed", value: "PHOTON", hidden: true },
        instance_pool_id: { type: "forbidden", hidden: true },
        node_type_id: { type: "allowlist", values: ["a", "b"], defaultValue: "a" },
        spark_version: { type: "blocklist", values: ["13.3.x-scala2.12"] },
        "custom_tags.team": { type: "regex", pattern: "[a-z]+" },
        num_workers: { type: "range", minValue: 1, maxValue: 4, defaultValue: 2 },
        autotermination_minutes: { type: "unlimited", defaultValue: 60, isOptional: true },
      }),
    );
    expect(p.problems).toEqual([]);
    expect(p.rules.map((r) => r.type)).toEqual(["fixed", "forbidden", "allowlist", "blocklist", "regex", "range", "unlimited"]);
    expect(p.rules[0]).toMatchObject({ path: "runtime_engine", value: "PHOTON", hidden: true });
    expect(p.rules[5]).toMatchObject({ minValue: 1, maxValue: 4, defaultValue: 2 });
    expect(p.rules[6]).toMatchObject({ isOptional: true, defaultValue: 60 });
  });

  it("report what they cannot read instead of guessing, and keep the rest", () => {
    const p = parsePolicyDefinition(JSON.stringify({ a: { type: "maybe" }, b: { type: "fixed" }, c: { type: "regex", pattern: "(" }, d: { type: "range", maxValue: "9" }, e: { type: "forbidden" } }));
    expect(p.rules.map((r) => r.path)).toEqual(["e"]);
    expect(p.problems).toHaveLength(4);
    expect(p.problems[0]).toMatch(/^a: unknown type "maybe"/);
    expect(parsePolicyDefinition("{not json").problems[0]).toMatch(/not JSON/);
    expect(parsePolicyDefinition("[1]").problems[0]).toMatch(/not a JSON object/);
  });
});

describe("policy paths", () => {
  it("keep the dotted key of a map field whole", () => {
    expect(splitPolicyPath("spark_conf.spark.databricks.io.cache.enabled")).toEqual(["spark_conf", "spark.databricks.io.cache.enabled"]);
    expect(splitPolicyPath("custom_tags.cost.center")).toEqual(["custom_tags", "cost.center"]);
    expect(splitPolicyPath("init_scripts.*.workspace.destination")).toEqual(["init_scripts", "*", "workspace", "destination"]);
    expect(splitPolicyPath("autoscale.max_workers")).toEqual(["autoscale", "max_workers"]);
  });

  it("expand wildcards over maps and lists, and index lists by number", () => {
    const c = { init_scripts: [{ workspace: { destination: "/a" } }, { volumes: { destination: "/b" } }, { workspace: { destination: "/c" } }], spark_conf: { x: "1", y: "2" } };
    expect(valuesAt(c, ["init_scripts", "*", "workspace", "destination"]).map((f) => [f.segments.join("."), f.value])).toEqual([
      ["init_scripts.0.workspace.destination", "/a"],
      ["init_scripts.2.workspace.destination", "/c"],
    ]);
    expect(valuesAt(c, ["init_scripts", "1", "volumes", "destination"])[0]?.value).toBe("/b");
    expect(valuesAt(c, ["init_scripts", "5", "volumes", "destination"])).toEqual([]);
    expect(valuesAt(c, ["spark_conf", "*"]).map((f) => f.value)).toEqual(["1", "2"]);
  });
});

describe("policy rules", () => {
  it("fixed: another value breaks it; the same value (as text) does not; a missing one is filled, with or without defaults", () => {
    const def = { spark_version: { type: "fixed", value: "15.4.x-scala2.12" }, "spark_conf.spark.x": { type: "fixed", value: "true", hidden: true } };
    expect(broken(def, { spark_version: "14.3.x-scala2.12", spark_conf: { "spark.x": true } })).toEqual(['spark_version must be "15.4.x-scala2.12" (is "14.3.x-scala2.12") [fixed]']);
    expect(fills(def, {}, false).map((f) => [f.segments.join("/"), f.value, f.from])).toEqual([
      ["spark_version", "15.4.x-scala2.12", "fixed"],
      ["spark_conf/spark.x", "true", "fixed"],
    ]);
  });

  it("forbidden: any value breaks it, absence does not", () => {
    const def = { instance_pool_id: { type: "forbidden" } };
    expect(broken(def, { instance_pool_id: "p-1" })).toEqual(["instance_pool_id is forbidden [forbidden]"]);
    expect(broken(def, {})).toEqual([]);
  });

  it("allowlist and blocklist", () => {
    const def = { node_type_id: { type: "allowlist", values: ["i3.xlarge", "i3.2xlarge"] }, spark_version: { type: "blocklist", values: ["13.3.x-scala2.12"] } };
    expect(broken(def, { node_type_id: "r5.24xlarge", spark_version: "13.3.x-scala2.12" })).toEqual([
      'node_type_id must be one of "i3.xlarge", "i3.2xlarge" (is "r5.24xlarge") [allowlist]',
      'spark_version must not be "13.3.x-scala2.12" (blocked: "13.3.x-scala2.12") [blocklist]',
    ]);
    expect(broken(def, { node_type_id: "i3.2xlarge", spark_version: "15.4.x-scala2.12" })).toEqual([]);
  });

  it("regex matches the whole value", () => {
    const def = { spark_version: { type: "regex", pattern: "15\\.[0-9]+\\.x-scala.*" } };
    expect(broken(def, { spark_version: "15.4.x-scala2.12" })).toEqual([]);
    expect(broken(def, { spark_version: "xx15.4.x-scala2.12" })).toHaveLength(1);
    expect(broken({ "custom_tags.team": { type: "regex", pattern: "[a-z]+" } }, { custom_tags: { team: "Sales" } })).toEqual(['custom_tags.team must match "[a-z]+" (is "Sales") [regex]']);
  });

  it("range: below, above, not a number", () => {
    const def = { "autoscale.max_workers": { type: "range", minValue: 2, maxValue: 10 } };
    expect(broken(def, { autoscale: { min_workers: 1, max_workers: 20 } })).toEqual(["autoscale.max_workers must be at least 2 and at most 10 (is 20) [range]"]);
    expect(broken(def, { autoscale: { max_workers: 1 } })).toHaveLength(1);
    expect(broken(def, { autoscale: { max_workers: "5" } })).toEqual(['autoscale.max_workers must be a number at least 2 and at most 10 (is "5") [range]']);
    expect(broken(def, { autoscale: { max_workers: 10 } })).toEqual([]);
  });

  it("unlimited allows anything, but like every limiting rule makes the attribute required unless isOptional", () => {
    expect(broken({ autotermination_minutes: { type: "unlimited" } }, { autotermination_minutes: 99999 })).toEqual([]);
    expect(broken({ autotermination_minutes: { type: "unlimited" } }, {})).toEqual(["autotermination_minutes is required [unlimited]"]);
    expect(broken({ autotermination_minutes: { type: "unlimited", isOptional: true } }, {})).toEqual([]);
    expect(broken({ node_type_id: { type: "allowlist", values: ["a"] } }, {})).toEqual(["node_type_id is required [allowlist]"]);
  });

  it("defaultValue fills a missing attribute only with apply_policy_default_values, never over a value given", () => {
    const def = { num_workers: { type: "range", maxValue: 8, defaultValue: 2 }, "custom_tags.team": { type: "unlimited", defaultValue: "data", isOptional: true } };
    expect(fills(def, {}, true).map((f) => [f.segments.join("/"), f.value, f.from])).toEqual([
      ["num_workers", 2, "default"],
      ["custom_tags/team", "data", "default"],
    ]);
    expect(fills(def, {}, false)).toEqual([]);
    expect(broken(def, {}, false)).toEqual(["num_workers is required (set it, or set apply_policy_default_values to take the default 2) [range]"]);
    expect(broken(def, {}, true)).toEqual([]);
    expect(fills(def, { num_workers: 4 }, true).map((f) => f.segments.join("/"))).toEqual(["custom_tags/team"]);
  });

  it("wildcards check every element; an exact path for one element takes it over", () => {
    const def = { "spark_conf.*": { type: "blocklist", values: ["bad"] }, "spark_conf.spark.ok": { type: "unlimited", isOptional: true } };
    expect(broken(def, { spark_conf: { "spark.a": "bad", "spark.ok": "bad", "spark.b": "fine" } })).toEqual(['spark_conf.spark.a must not be "bad" (blocked: "bad") [blocklist]']);
    const scripts = { "init_scripts.*.workspace.destination": { type: "regex", pattern: "/Shared/init/.*" } };
    expect(broken(scripts, { init_scripts: [{ workspace: { destination: "/Shared/init/a.sh" } }, { workspace: { destination: "/Users/me/b.sh" } }] })).toEqual([
      'init_scripts.1.workspace.destination must match "/Shared/init/.*" (is "/Users/me/b.sh") [regex]',
    ]);
    // A wildcard rule over nothing is not a missing attribute.
    expect(broken(scripts, {})).toEqual([]);
    expect(broken({ "init_scripts.*.dbfs.destination": { type: "forbidden" } }, { init_scripts: [{ dbfs: { destination: "dbfs:/x" } }] })).toEqual(["init_scripts.0.dbfs.destination is forbidden [forbidden]"]);
  });

  it("array indexes and custom tags address one place", () => {
    expect(broken({ "ssh_public_keys.0": { type: "fixed", value: "ssh-rsa K" } }, { ssh_public_keys: ["ssh-rsa J"] })).toEqual(['ssh_public_keys.0 must be "ssh-rsa K" (is "ssh-rsa J") [fixed]']);
    expect(broken({ "custom_tags.cost_center": { type: "allowlist", values: ["cc-1"] } }, { custom_tags: { cost_center: "cc-9" } })).toEqual(['custom_tags.cost_center must be one of "cc-1" (is "cc-9") [allowlist]']);
  });

  it("virtual attributes: cluster_type is job for a job cluster; dbus_per_hour is left unchecked", () => {
    expect(broken({ cluster_type: { type: "fixed", value: "all-purpose" } }, {})).toEqual(['cluster_type must be "all-purpose" (is "job") [fixed]']);
    expect(broken({ cluster_type: { type: "allowlist", values: ["job", "dlt"] } }, {})).toEqual([]);
    const r = evaluatePolicy({}, parsePolicyDefinition(JSON.stringify({ dbus_per_hour: { type: "range", maxValue: 10 } })), { applyDefaults: false });
    expect(r).toEqual({ violations: [], fills: [], unchecked: ["dbus_per_hour"] });
  });
});

describe("policy regexes", () => {
  it("take escapes written for the service's engine, like \\- outside a class", () => {
    expect(broken({ "custom_tags.env": { type: "regex", pattern: "prod\\-[a-z]+" } }, { custom_tags: { env: "prod-eu" } })).toEqual([]);
  });
});
