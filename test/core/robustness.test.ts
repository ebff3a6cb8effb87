// Whatever shape a job file takes, validate answers with diagnostics, never an exception: a seeded run of
// random mutations of the sample jobs (wrong types, nulls, lists for maps, deep nesting, odd keys).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { prng } from "../../src/lib/prng.js";
import { checkProject } from "../../src/core/project.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { ROOT } from "../support/cli.js";


const samples = readdirSync(join(ROOT, "jobs")).map((f) => parse(readFileSync(join(ROOT, "jobs", f), "utf8")) as Record<string, unknown>);

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 10);
  if (depth > 3) return "x";
  switch (pick) {
    case 0: return null;
    case 1: return Math.floor(r() * 1e6) - 5e5;
    case 2: return r() < 0.5;
    case 3: return "";
    case 4: return ["{{job.parameters.nope}}", "${var.missing}", "${jobs.ghost.id}", "0 0 * * *", "Not/AZone", "__proto__"][Math.floor(r() * 6)];
    case 5: return [randomValue(r, depth + 1), randomValue(r, depth + 1)];
    case 6: return { task_key: "t", depends_on: [{ task_key: "t" }] };
    case 7: return { [["constructor", "toString", "valueOf", "a.b", "k"][Math.floor(r() * 5)] as string]: randomValue(r, depth + 1) };
    case 8: return 1e308 * 10;
    default: return "text";
  }
}

function mutate(doc: unknown, r: () => number): unknown {
  const copy = structuredClone(doc);
  for (let n = 0; n < 1 + Math.floor(r() * 4); n++) {
    let node: unknown = copy;
    let parent: Record<string, unknown> | unknown[] | undefined;
    let key: string | number | undefined;
    while (node !== null && typeof node === "object" && r() < 0.75) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      parent = node as Record<string, unknown>;
      key = keys[Math.floor(r() * keys.length)] as string;
      node = (node as Record<string, unknown>)[key];
    }
    if (parent !== undefined && key !== undefined) (parent as Record<string, unknown>)[key] = r() < 0.15 ? undefined : randomValue(r);
  }
  return copy;
}

describe("validate never throws on odd job files", () => {
  it("answers 400 random mutations of the sample jobs with diagnostics", () => {
    const r = prng(20261122);
    const schemas = loadSchemas();
    const project = { path: "jobform.yaml", bytes: Buffer.from("project: p\nvariables:\n  catalog: { default: dev }\n  warehouse_id: { default: w }\n  pipeline_id: { default: p }\n") };
    let withErrors = 0;
    for (let i = 0; i < 400; i++) {
      const doc = mutate(samples[i % samples.length], r);
      const text = stringify(doc);
      const files = [project, { path: `jobs/job-${i}.yaml`, bytes: Buffer.from(text) }];
      const checked = checkProject(files, { vars: {}, env: {} }, schemas);
      expect(Array.isArray(checked.all), text).toBe(true);
      for (const d of checked.all) expect(d.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(0);
      if (checked.all.some((d) => d.severity === "error")) withErrors++;
    }
    expect(withErrors).toBeGreaterThan(200);
  });
});
