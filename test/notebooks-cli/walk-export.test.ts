import { describe, expect, it } from "vitest";
import type { ObjectInfo, WorkspaceFormat } from "../../src/databricks/index.js";
import { buildDefinition } from "../../src/notebooks/definition.js";
import { exportNotebook } from "../../src/notebooks/export-notebook.js";
import { walkWorkspace } from "../../src/notebooks/walk.js";
import { parseWidgets } from "../../src/notebooks/widgets.js";

const tree: Record<string, ObjectInfo[]> = {
  "/": [
    { path: "/Repos", object_type: "DIRECTORY" },
    { path: "/Shared", object_type: "DIRECTORY" },
    { path: "/top", object_type: "NOTEBOOK", language: "SQL" },
  ],
  "/Repos": [{ path: "/Repos/me/proj", object_type: "REPO" }],
  "/Repos/me/proj": [
    { path: "/Repos/me/proj/nb", object_type: "NOTEBOOK" },
    { path: "/Repos/me/proj/lib.py", object_type: "FILE" },
  ],
  "/Shared": [
    { path: "/Shared/b", object_type: "NOTEBOOK" },
    { path: "/Shared/a", object_type: "NOTEBOOK" },
    { path: "/Shared/lib", object_type: "LIBRARY" },
    { path: "/Shared/d", object_type: "DASHBOARD" },
    { path: "/Shared/f", object_type: "FILE" },
    // a listing that answers with the folder itself must not loop
    { path: "/Shared", object_type: "DIRECTORY" },
  ],
};

describe("walkWorkspace", () => {
  it("enters folders and Git folders, returns notebooks by path and counts the rest", async () => {
    const listed: string[] = [];
    const r = await walkWorkspace({ list: async (p) => (listed.push(p), tree[p] ?? []) }, "/", 2);
    expect(r.notebooks.map((n) => n.path)).toEqual(["/Repos/me/proj/nb", "/Shared/a", "/Shared/b", "/top"]);
    expect(r.skipped).toEqual({ FILE: 2, LIBRARY: 1, DASHBOARD: 1 });
    expect(listed.sort()).toEqual(["/", "/Repos", "/Repos/me/proj", "/Shared"]);
  });
});

const SOURCE = "# Databricks notebook source\ndbutils.widgets.text('a', '1')\n";
function jupyter(widgets: Record<string, unknown> | undefined): string {
  const meta = widgets ? { "application/vnd.databricks.v1+notebook": { language: "python", widgets } } : {};
  return JSON.stringify({ cells: [{ cell_type: "code", source: ["dbutils.widgets.text('a', '1')\n"], metadata: {}, outputs: [] }], metadata: meta, nbformat: 4, nbformat_minor: 0 });
}

function exporter(answers: Partial<Record<WorkspaceFormat, string | Error>>) {
  const asked: WorkspaceFormat[] = [];
  return {
    asked,
    exportBytes: async (_path: string, format: WorkspaceFormat = "SOURCE") => {
      asked.push(format);
      const a = answers[format];
      if (a instanceof Error || a === undefined) throw a ?? new Error("no");
      return Buffer.from(a);
    },
  };
}

describe("exportNotebook", () => {
  it("prefers the JUPYTER export when it carries the saved widget state", async () => {
    const saved = { b: { widgetInfo: { widgetType: "text", name: "b", defaultValue: "2" } } };
    const ws = exporter({ JUPYTER: jupyter(saved), SOURCE });
    const e = await exportNotebook(ws, { path: "/x", language: "PYTHON" });
    expect(e.format).toBe("JUPYTER");
    expect(ws.asked).toEqual(["JUPYTER"]);
    expect(parseWidgets(e.text, e.format, e.language).widgets.map((w) => w.name).sort()).toEqual(["a", "b"]);
  });

  it("falls back to SOURCE without a widget record or when JUPYTER fails", async () => {
    const plain = exporter({ JUPYTER: jupyter(undefined), SOURCE });
    expect(await exportNotebook(plain, { path: "/x" })).toEqual({ text: SOURCE, format: "SOURCE", language: "PYTHON" });
    expect(plain.asked).toEqual(["JUPYTER", "SOURCE"]);
    const big = exporter({ JUPYTER: new Error("MAX_NOTEBOOK_SIZE_EXCEEDED"), SOURCE: "-- Databricks notebook source\n" });
    expect(await exportNotebook(big, { path: "/x", language: "SQL" })).toMatchObject({ format: "SOURCE", language: "SQL" });
  });
});

describe("buildDefinition re-import (fix)", () => {
  it("leaves a definition without parameters unchanged when the notebook still has none", () => {
    const empty = { widgets: [], findings: [] };
    const first = buildDefinition("/x", empty);
    expect(buildDefinition("/x", empty, first.text).text).toBe(first.text);
  });
});
