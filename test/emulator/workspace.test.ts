import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { call, ok, workspace } from "./helpers.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const unb64 = (s: unknown) => Buffer.from(String(s), "base64").toString();
const NOTEBOOK = "# Databricks notebook source\nprint(1)\n\n# COMMAND ----------\n\n# MAGIC %md\n# MAGIC # Title\n";

describe("workspace API", () => {
  it("imports SOURCE, exports SOURCE and JUPYTER, and imports JUPYTER back to the same source", () => {
    const ws = workspace();
    ok(call(ws, "POST", "/api/2.0/workspace/import", { path: "/Shared/nb", content: b64(NOTEBOOK), format: "SOURCE", language: "PYTHON" }));
    const src = ok(call(ws, "GET", "/api/2.0/workspace/export?path=/Shared/nb&format=SOURCE"));
    expect(unb64(src.content)).toBe(NOTEBOOK);
    expect(src.file_type).toBe("py");
    const jup = ok(call(ws, "GET", "/api/2.0/workspace/export?path=/Shared/nb&format=JUPYTER"));
    const nb = JSON.parse(unb64(jup.content)) as { cells: { cell_type: string; source: string[] }[] };
    expect(nb.cells.map((c) => c.cell_type)).toEqual(["code", "markdown"]);
    expect(nb.cells[1]?.source).toEqual(["# Title"]);
    ok(call(ws, "POST", "/api/2.0/workspace/import", { path: "/Shared/nb2", content: jup.content, format: "JUPYTER" }));
    expect(unb64(ok(call(ws, "GET", "/api/2.0/workspace/export?path=/Shared/nb2")).content)).toBe(NOTEBOOK);
    const raw = call(ws, "GET", "/api/2.0/workspace/export?path=/Shared/nb&direct_download=true");
    expect(raw.raw?.toString()).toBe(NOTEBOOK);
  });

  it("refuses to overwrite without overwrite=true (the apply lock relies on it)", () => {
    const ws = workspace();
    const body = { path: "/Shared/lock.json", content: b64("{}"), format: "AUTO" };
    ok(call(ws, "POST", "/api/2.0/workspace/import", body));
    expect(call(ws, "POST", "/api/2.0/workspace/import", body)).toEqual({
      status: 409,
      body: { error_code: "RESOURCE_ALREADY_EXISTS", message: "Path (/Shared/lock.json) already exists." },
    });
    const nbBody = { path: "/Shared/n", content: b64("x"), format: "SOURCE", language: "SQL" };
    ok(call(ws, "POST", "/api/2.0/workspace/import", nbBody));
    expect(call(ws, "POST", "/api/2.0/workspace/import", nbBody).status).toBe(400);
    ok(call(ws, "POST", "/api/2.0/workspace/import", { ...body, content: b64('{"a":1}'), overwrite: true }));
    expect(unb64(ok(call(ws, "GET", "/api/2.0/workspace/export?path=/Shared/lock.json")).content)).toBe('{"a":1}');
  });

  it("AUTO strips a notebook's extension; the parent must exist", () => {
    const ws = workspace();
    ok(call(ws, "POST", "/api/2.0/workspace/import", { path: "/Shared/etl.py", content: b64(NOTEBOOK), format: "AUTO" }));
    expect(ok(call(ws, "GET", "/api/2.0/workspace/get-status?path=/Shared/etl"))).toMatchObject({ object_type: "NOTEBOOK", language: "PYTHON" });
    expect(call(ws, "POST", "/api/2.0/workspace/import", { path: "/Nope/x.py", content: b64("x"), format: "AUTO" })).toEqual({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Path (/Nope) doesn't exist." },
    });
  });

  it("mkdirs, list (non-recursive), delete with the recursive rule", () => {
    const ws = workspace();
    ok(call(ws, "POST", "/api/2.0/workspace/mkdirs", { path: "/Shared/a/b//c" }));
    ok(call(ws, "POST", "/api/2.0/workspace/mkdirs", { path: "/Shared/a/b" }));
    ok(call(ws, "POST", "/api/2.0/workspace/import", { path: "/Shared/a/f.txt", content: b64("hi"), format: "AUTO" }));
    const list = ok<{ objects: Record<string, unknown>[] }>(call(ws, "GET", "/api/2.0/workspace/list?path=/Shared/a"));
    expect(list.objects.map((o) => [o.path, o.object_type])).toEqual([["/Shared/a/b", "DIRECTORY"], ["/Shared/a/f.txt", "FILE"]]);
    expect(call(ws, "POST", "/api/2.0/workspace/delete", { path: "/Shared/a" })).toMatchObject({ status: 400, body: { error_code: "DIRECTORY_NOT_EMPTY" } });
    ok(call(ws, "POST", "/api/2.0/workspace/delete", { path: "/Shared/a", recursive: true }));
    expect(call(ws, "GET", "/api/2.0/workspace/get-status?path=/Shared/a/b/c").status).toBe(404);
    expect(call(ws, "GET", "/api/2.0/workspace/list?path=/missing").body).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Path (/missing) doesn't exist." });
  });

  it("mirrors --workspace-dir: notebooks by header keep their language, other files stay files", () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-wsdir-"));
    try {
      mkdirSync(join(dir, "Shared", "etl"), { recursive: true });
      writeFileSync(join(dir, "Shared", "etl", "load.sql"), "-- Databricks notebook source\nselect 1\n");
      writeFileSync(join(dir, "Shared", "etl", "helper.py"), "x = 1\n");
      const ws = workspace({ workspaceDir: dir });
      expect(ok(call(ws, "GET", "/api/2.0/workspace/get-status?path=/Shared/etl/load"))).toMatchObject({ object_type: "NOTEBOOK", language: "SQL" });
      expect(ok(call(ws, "GET", "/api/2.0/workspace/get-status?path=/Shared/etl/helper.py"))).toMatchObject({ object_type: "FILE" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
