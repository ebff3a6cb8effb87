#!/usr/bin/env node
// Dev-only: compares schemas/job.schema.json with a field inventory of the Databricks Go SDK and
// lists the settable JobSettings fields (followed through every nested struct) that the schema does
// not declare. Never run by tests; the inventory lives outside the repository, so pass its path:
//
//   node scripts/schema-coverage.mjs path/to/model-jobs-compute-iam-workspace.json
//
// The inventory shape is { <package>: { structs: { <Name>: { fields: [{ name, type }] } } } } where
// a type looks like `string`, `*Task`, `[]compute.Library` or `map[string]string`.
// Exit code: 0 when nothing is missing, 1 otherwise.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const inventoryPath = process.argv[2];
if (!inventoryPath) {
  console.error("usage: node scripts/schema-coverage.mjs <sdk model inventory .json>");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const inventory = JSON.parse(readFileSync(inventoryPath, "utf8"));
const schema = JSON.parse(readFileSync(join(root, "schemas/job.schema.json"), "utf8"));
const defs = schema.definitions ?? {};

/** `*[]compute.Library` in package `jobs` → { pkg: "compute", name: "Library" } (or null for scalars/maps of scalars). */
function structOf(pkg, type) {
  let t = type.replace(/^\*/, "").replace(/^\[\]/, "").replace(/^\*/, "");
  if (t.startsWith("map[")) t = t.slice(t.indexOf("]") + 1).replace(/^\*/, "");
  const [p, n] = t.includes(".") ? t.split(".", 2) : [pkg, t];
  return inventory[p]?.structs?.[n] ? { pkg: p, name: n } : null;
}

/** Follows $ref, array items and anyOf to the object schema that describes a field's value. */
function objectSchemaOf(prop) {
  let s = prop;
  for (let i = 0; i < 5 && s; i++) {
    if (s.$ref) s = defs[s.$ref.replace("#/definitions/", "")];
    else if (s.type === "array") s = s.items;
    else if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") s = s.additionalProperties;
    else break;
  }
  return s;
}

const missing = [];
const extra = [];
const seen = new Set();
let checked = 0;

function walk(pkg, name, node, path) {
  const key = `${pkg}.${name}@${node?.title ?? path}`;
  if (seen.has(key)) return;
  seen.add(key);
  const fields = inventory[pkg].structs[name].fields;
  const props = node?.properties ?? {};
  for (const f of fields) {
    checked++;
    const prop = props[f.name];
    if (!prop) {
      missing.push(`${path}.${f.name}  (${pkg}.${name}, ${f.type})`);
      continue;
    }
    if (prop["x-jobform-output-only"]) continue; // declared on purpose, to refuse it with a message
    const sub = structOf(pkg, f.type);
    if (sub) walk(sub.pkg, sub.name, objectSchemaOf(prop), `${path}.${f.name}`);
  }
  const known = new Set(fields.map((f) => f.name));
  for (const p of Object.keys(props)) if (!known.has(p)) extra.push(`${path}.${p}`);
}

// The file root is JobSettings plus permissions and the refused output-only fields.
walk("jobs", "JobSettings", schema, "JobSettings");

console.log(`checked ${checked} SDK fields across ${seen.size} struct/definition pairs`);
console.log(`missing from the schema: ${missing.length}`);
for (const m of missing) console.log(`  - ${m}`);
if (extra.length) {
  console.log(`declared in the schema but not in the inventory (jobform additions or newer API): ${extra.length}`);
  for (const e of extra) console.log(`  + ${e}`);
}
process.exit(missing.length ? 1 : 0);
