// How a plan reads (issue #11 points 19–22): values in the API's shape with the user's spelling, nested
// changes as a YAML-like tree, long values folded only in the terminal.
import { describe, expect, it } from "vitest";
import { changeTree } from "../../src/core/change-tree.js";
import { diff } from "../../src/core/diff.js";
import { mask, maskPlan, MASK } from "../../src/core/mask.js";
import { normalizeSettings } from "../../src/core/normalize.js";
import type { FieldChange, JobChange, Plan } from "../../src/core/plan-types.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { jobLines, renderPlanText } from "../../src/render/plan-text.js";
import { yamlLines } from "../../src/render/yaml-lines.js";

const update = (fields: FieldChange[]): JobChange => ({ key: "j", action: "update", job_id: "1", strategy: "update", permissions_put: false, fields, permissions: [], risks: [], graph: [] });
const planOf = (change: JobChange): Plan => ({ format_version: 1, project: "p", target: null, host: null, changes: [change], notes: [], errors: [], summary: { create: 0, update: 1, delete: 0, no_op: 0 } });

describe("diff values in the API's shape", () => {
  it("gives keyed lists back as lists and the user's spelling on git's side", () => {
    const live = { job_clusters: [{ job_cluster_key: "c", new_cluster: { data_security_mode: "SINGLE_USER" } }], tasks: [{ task_key: "a" }] };
    const desired = { job_clusters: [{ job_cluster_key: "c", new_cluster: { data_security_mode: "USER_ISOLATION" } }], tasks: [{ task_key: "a" }, { task_key: "b", depends_on: [{ task_key: "a" }] }] };
    const fields = diff(normalizeSettings(live), normalizeSettings(desired), { shown: () => ({ before: [live], after: [desired] }) });
    expect(fields).toEqual([
      { op: "replace", path: "/job_clusters/c/new_cluster/data_security_mode", before: "SINGLE_USER", after: "USER_ISOLATION" },
      { op: "add", path: "/tasks/b", after: { task_key: "b", depends_on: [{ task_key: "a" }] } },
    ]);
  });
  it("falls back to the canonical value, made a list again, where the document has none", () => {
    const fields = diff({}, normalizeSettings({ tasks: [{ task_key: "a", depends_on: [{ task_key: "z" }] }] }), { defaults: false });
    expect(fields).toEqual([{ op: "add", path: "/tasks", after: [{ task_key: "a", depends_on: [{ task_key: "z" }] }] }]);
  });
  it("pairs a library version bump into one replace, and leaves different libraries apart", () => {
    const lib = (...l: object[]) => normalizeSettings({ tasks: [{ task_key: "t", libraries: l }] });
    const fields = diff(lib({ whl: "/v/lib-1.4.2-py3-none-any.whl" }, { pypi: { package: "numpy" } }), lib({ whl: "/v/lib-1.4.3-py3-none-any.whl" }, { pypi: { package: "pandas" } }));
    expect(fields).toEqual([
      { op: "add", path: "/tasks/t/libraries/pypi:pandas", after: { pypi: { package: "pandas" } } },
      { op: "remove", path: "/tasks/t/libraries/pypi:numpy", before: { pypi: { package: "numpy" } } },
      { op: "replace", path: "/tasks/t/libraries/whl:~1v~1lib-1.4.2-py3-none-any.whl", before: { whl: "/v/lib-1.4.2-py3-none-any.whl" }, after: { whl: "/v/lib-1.4.3-py3-none-any.whl" } },
    ].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });
});

describe("change tree", () => {
  it("diffs a replaced plain list element by element, unchanged ones as context", () => {
    const [node] = changeTree([{ op: "replace", path: "/tasks/t/spark_python_task/parameters", before: ["--a", "1", "--b"], after: ["--a", "2", "--b"] }]);
    const params = node?.children?.[0]?.children?.[0];
    expect(params?.children?.map((c) => [c.sign, c.value])).toEqual([[" ", "--a"], ["-", "1"], ["+", "2"], [" ", "--b"]]);
  });
  it("lists tasks after the job's fields and splits a whole task list into tasks", () => {
    const nodes = changeTree([
      { op: "add", path: "/tasks", after: [{ task_key: "x" }, { task_key: "y" }] },
      { op: "add", path: "/name", after: "n" },
    ]);
    expect(nodes.map((n) => n.label)).toEqual([{ kind: "field", name: "name" }, { kind: "task", key: "x" }, { kind: "task", key: "y" }]);
  });
});

describe("rendering", () => {
  const long = "x".repeat(5000);
  const many = Array.from({ length: 100 }, (_, i) => `arg${i}`);
  const change = update([
    { op: "add", path: "/description", after: long },
    { op: "add", path: "/tasks/t/spark_python_task/parameters", after: many },
  ]);
  it("folds long values in the terminal with a count", () => {
    const text = renderPlanText(planOf(change), { color: false });
    expect(text).toContain("(5000 characters)");
    expect(text).toContain("# … 80 more items");
    expect(text).not.toContain(long);
    expect(text).not.toContain("arg99");
  });
  it("never truncates in Markdown or JSON", () => {
    const md = renderPlanMarkdown(planOf(change));
    expect(md).toContain(long);
    expect(md).toContain("- arg99");
    expect(JSON.stringify(maskPlan(planOf(change)))).toContain(long);
  });
  it("shows a created task's fields as YAML, secrets masked", () => {
    const lines = jobLines({ ...update([{ op: "add", path: "/tasks/t", after: { task_key: "t", notebook_task: { notebook_path: "/n", base_parameters: { db_password: "hunter2" } } } }]) });
    expect(lines.slice(1)).toEqual(["    + task t", "    +   notebook_task:", "    +     notebook_path: /n", "    +     base_parameters:", `    +       db_password: ${MASK}`]);
  });
  it("quotes strings YAML would read as something else", () => {
    expect(yamlLines({ a: "64", b: "true", c: "", d: "{{secrets/s/k}}", e: "2024-01-01", f: "--date", g: "plain text" })).toEqual([
      'a: "64"', 'b: "true"', 'c: ""', 'd: "{{secrets/s/k}}"', 'e: "2024-01-01"', "f: --date", "g: plain text",
    ]);
  });
});

describe("mask in the API's shape", () => {
  it("masks a parameter's default in the list of job parameters by the parameter's name", () => {
    expect(mask([{ name: "api_token", default: "abc" }, { name: "region", default: "eu" }], ["parameters"])).toEqual([{ name: "api_token", default: MASK }, { name: "region", default: "eu" }]);
  });
});
