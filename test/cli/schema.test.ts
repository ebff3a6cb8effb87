import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_FILES } from "../../src/core/schema-ref.js";
import { editorSchemaRef } from "../../src/cli/schema-home.js";
import { ensureBuilt, ROOT, runCli } from "../support/cli.js";

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "jobform-schema-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("jobform schema", () => {
  beforeAll(ensureBuilt);

  it("writes the package's schemas to schemas/ under --dir, where generated files point", () => {
    const dir = tmp();
    const r = runCli(["--dir", dir, "schema"]);
    expect(r.code).toBe(0);
    for (const f of SCHEMA_FILES) {
      expect(readFileSync(join(dir, "schemas", f), "utf8")).toBe(readFileSync(join(ROOT, "schemas", f), "utf8"));
      expect(r.stdout).toContain(`wrote schemas/${f}`);
    }
    // A job file in jobs/ and a definition in notebooks/, as import and notebooks import write them, resolve.
    expect(existsSync(resolve(dir, "jobs", editorSchemaRef(join(dir, "jobs"), dir, "job")))).toBe(true);
    expect(existsSync(resolve(dir, "notebooks", editorSchemaRef(join(dir, "notebooks"), dir, "notebook")))).toBe(true);
  });

  it("--out takes a folder relative to --dir, or an absolute one as it is", () => {
    const dir = tmp();
    expect(runCli(["--dir", dir, "schema", "--out", ".vscode/jobform"]).code).toBe(0);
    expect(existsSync(join(dir, ".vscode/jobform/job.schema.json"))).toBe(true);
    const elsewhere = join(tmp(), "abs");
    expect(runCli(["--dir", dir, "schema", "--out", elsewhere]).code).toBe(0);
    expect(existsSync(join(elsewhere, "project.schema.json"))).toBe(true);
    expect(existsSync(join(dir, elsewhere))).toBe(false);
  });
});

describe("editorSchemaRef", () => {
  it("points at the installed package's copy when jobform runs from the project's node_modules", () => {
    expect(editorSchemaRef("/p/jobs", "/p", "job", "/p/node_modules/jobform/schemas/")).toBe("../node_modules/jobform/schemas/job.schema.json");
  });

  it("points at a monorepo root's node_modules from a project below it", () => {
    expect(editorSchemaRef("/repo/etl/notebooks", "/repo/etl", "notebook", "/repo/node_modules/jobform/schemas/")).toBe("../../node_modules/jobform/schemas/notebook.schema.json");
  });

  it("points where `jobform schema` writes when jobform is not installed in or above the project", () => {
    expect(editorSchemaRef("/p/jobs", "/p", "job", "/home/me/src/jobform/schemas/")).toBe("../schemas/job.schema.json");
    expect(editorSchemaRef("/p/jobs", "/p", "job", "/root/.npm/_npx/1a2b/node_modules/jobform/schemas/")).toBe("../schemas/job.schema.json");
  });
});
