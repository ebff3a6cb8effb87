import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support.js";

interface GenTypes {
  TARGETS: { schema: string; out: string }[];
  generate(schemaFile: string): Promise<string>;
  shapeOnly(node: unknown): unknown;
}

// A computed specifier keeps TypeScript from looking for declarations of the .mjs script.
const genTypes = (await import(pathToFileURL(join(repoRoot, "scripts", "gen-types.mjs")).href)) as GenTypes;

describe("generated types are fresh", () => {
  it("covers the three schemas", () => {
    expect(genTypes.TARGETS.map((t) => t.schema).sort()).toEqual([
      "schemas/job.schema.json",
      "schemas/notebook.schema.json",
      "schemas/project.schema.json",
    ]);
  });

  for (const { schema, out } of genTypes.TARGETS) {
    it(`${out} matches ${schema}`, async () => {
      const expected = await genTypes.generate(schema);
      const actual = readFileSync(join(repoRoot, out), "utf8");
      expect(actual === expected, `${out} is out of date with ${schema}: run \`npm run gen:types\` and commit the result`).toBe(true);
    });
  }

  it("types leave out refused output-only fields and jobform annotations", () => {
    const shaped = genTypes.shapeOnly({
      type: "object",
      properties: { job_id: { not: {}, "x-jobform-output-only": true }, name: { type: "string" } },
      allOf: [{ "x-jobform-message": "m", oneOf: [{ required: ["a"] }] }],
    });
    expect(shaped).toEqual({ type: "object", properties: { name: { type: "string" } } });
  });
});
