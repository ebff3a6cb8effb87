#!/usr/bin/env node
// Regenerates src/core/generated/*.ts from schemas/*.schema.json.
// The schemas are the source of truth; the TypeScript types are checked in so that a fresh clone
// type-checks without a build step, and test/schemas/generated-fresh.test.ts fails when they drift.
//
//   npm run gen:types          rewrite the generated files
//   node scripts/gen-types.mjs --check   exit 1 when a generated file is stale
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** schema file (relative to the repository root) → generated file. */
export const TARGETS = [
  { schema: "schemas/job.schema.json", out: "src/core/generated/job.ts" },
  { schema: "schemas/project.schema.json", out: "src/core/generated/project.ts" },
  { schema: "schemas/notebook.schema.json", out: "src/core/generated/notebook.ts" },
];

const BANNER = (schema) =>
  [
    "/* eslint-disable */",
    "/**",
    ` * GENERATED from ${schema} by scripts/gen-types.mjs. Do not edit by hand:`,
    " * change the schema and run `npm run gen:types`.",
    " */",
  ].join("\n");

// Keywords that only constrain which combinations of fields are valid. They say nothing about the
// shape of a value, and json-schema-to-typescript turns them into unreadable intersections, so the
// types are generated from the schema without them.
const RULE_KEYWORDS = ["if", "then", "else", "not", "dependencies"];

/** Deep copy of `node` with jobform annotations, output-only properties and rule keywords removed. */
export function shapeOnly(node) {
  if (Array.isArray(node)) return node.map(shapeOnly);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-jobform-") || RULE_KEYWORDS.includes(key)) continue;
    if (key === "allOf" || key === "oneOf" || key === "anyOf") {
      // Rules carry x-jobform-message (or are pure `required` lists); real type unions do not.
      const kept = value.filter((branch) => !isRule(branch));
      if (kept.length > 0) out[key] = shapeOnly(kept);
      continue;
    }
    if (key === "properties") {
      out.properties = {};
      for (const [name, sub] of Object.entries(value)) {
        // Refused fields (jobs/get output) exist in the schema only to explain the refusal.
        if (sub && typeof sub === "object" && sub["x-jobform-output-only"]) continue;
        out.properties[name] = shapeOnly(sub);
      }
      continue;
    }
    out[key] = shapeOnly(value);
  }
  return out;
}

function isRule(branch) {
  if (!branch || typeof branch !== "object") return false;
  if ("x-jobform-message" in branch) return true;
  const keys = Object.keys(branch);
  return keys.every((k) => k === "required" || k === "properties" || RULE_KEYWORDS.includes(k));
}

/** The TypeScript text generated from one schema file (path relative to the repository root). */
export async function generate(schemaFile) {
  const schema = JSON.parse(await readFile(join(root, schemaFile), "utf8"));
  const ts = await compile(shapeOnly(schema), schema.title, {
    bannerComment: BANNER(schemaFile),
    additionalProperties: false,
    unreachableDefinitions: true,
    // maxItems: 1000 would otherwise become a union of tuples.
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    format: true,
    declareExternallyReferenced: true,
    cwd: join(root, "schemas"),
  });
  return ts;
}

async function main() {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { schema, out } of TARGETS) {
    const text = await generate(schema);
    const path = join(root, out);
    if (check) {
      const current = await readFile(path, "utf8").catch(() => "");
      if (current !== text) {
        console.error(`${out} is out of date with ${schema}; run \`npm run gen:types\``);
        stale++;
      }
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    console.log(`wrote ${out}`);
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
