import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDefinition, buildJobScaffold } from "../../src/notebooks/definition.js";
import { parseWidgets } from "../../src/notebooks/widgets.js";
import { corpusDir, parseCorpus } from "./support.js";

// Run with UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff before keeping it.
const update = process.env.UPDATE_GOLDEN === "1";

function golden(file: string, actual: string): void {
  const path = corpusDir + file;
  if (update || !existsSync(path)) {
    if (!update) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const notebooks = readdirSync(corpusDir).filter((f) => /\.(py|scala|sql|r|ipynb)$/.test(f));

describe("first import writes one definition per notebook", () => {
  it.each(notebooks)("%s", (file) => {
    const report = parseCorpus(file);
    const result = buildDefinition(`/Workspace/Shared/corpus/${file.replace(/\.[^.]+$/, "")}`, report);
    expect(result.changes.map((c) => c.name)).toEqual(report.widgets.map((w) => w.name));
    // Whatever YAML style is chosen, reading the file back must give the notebook's exact names and defaults.
    const params = (parse(result.text) as { parameters?: { name: unknown; default?: unknown }[] }).parameters ?? [];
    expect(params.map((p) => [p.name, p.default ?? null])).toEqual(report.widgets.map((w) => [w.name, w.default]));
    golden(`${file}.definition.yaml`, result.text);
  });
});

describe("--as-jobs scaffolds", () => {
  it.each(["python-basic.py", "python-pitfalls.py", "sql-widgets.sql"])("%s", (file) => {
    const report = parseCorpus(file);
    const text = buildJobScaffold(`/Workspace/Shared/corpus/${file.replace(/\.[^.]+$/, "")}`, report);
    const job = parse(text) as { tasks: { notebook_task: { base_parameters?: Record<string, unknown> } }[] };
    const literal = report.widgets.filter((w) => w.default !== null).map((w) => [w.name, w.default]);
    expect(Object.entries(job.tasks[0]?.notebook_task.base_parameters ?? {})).toEqual(literal);
    golden(`${file}.job.yaml`, text);
  });
});

describe("re-import", () => {
  const cases = readdirSync(corpusDir + "reimport");
  it.each(cases)("%s", (name) => {
    const dir = `reimport/${name}/`;
    const report = parseWidgets(readFileSync(corpusDir + dir + "notebook.py", "utf8"), "SOURCE", "PYTHON");
    const existing = readFileSync(corpusDir + dir + "existing.yaml", "utf8");
    const result = buildDefinition("/Users/alice@contoso.com/etl/sales-load", report, existing);
    expect(result.error).toBeUndefined();
    golden(`${dir}expected.yaml`, result.text);
    golden(`${dir}changes.txt`, result.changes.map((c) => `${c.kind} ${c.name}: ${c.message}`).join("\n") + "\n");
  });
});
