import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import { createAjv, usePrecompiled } from "../core/schema-check.js";
import type { AjvModules } from "../core/schema-check.js";
import type { Schemas } from "../core/schema-check.js";
import { requireWithCodeCache } from "./code-cache.js";

let cached: Schemas | undefined;
const loaded = new Map<Name, object>();
type Name = "job" | "project" | "notebook";
const require = createRequire(import.meta.url);

function read(name: Name): object {
  // schemas/ ships beside dist/ (package.json "files"); from src/ under vitest the relative path is the same.
  const text = readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), "utf8");
  const schema = JSON.parse(text) as object;
  const compiled = new URL(`../../dist/validators/${name}.cjs`, import.meta.url);
  if (existsSync(compiled)) {
    const fn = requireWithCodeCache(fileURLToPath(compiled)).exports as ValidateFunction & { schemaHash?: string };
    if (fn.schemaHash === createHash("sha256").update(text).digest("hex")) {
      usePrecompiled(schema, fn);
      return schema;
    }
  }
  // No build, or a schema edited since: compile now, loading ajv only for that.
  const modules: AjvModules = { Ajv: (require("ajv") as { default: AjvModules["Ajv"] }).default, addFormats: (require("ajv-formats") as { default: AjvModules["addFormats"] }).default };
  usePrecompiled(schema, createAjv(modules, schema).compile(schema));
  return schema;
}

/** Each schema (and its validator) is read when first asked for: a project without notebooks/ never loads that one. */
function once(name: Name): object {
  let schema = loaded.get(name);
  if (schema === undefined) loaded.set(name, (schema = read(name)));
  return schema;
}

export function loadSchemas(): Schemas {
  cached ??= {
    get job() {
      return once("job");
    },
    get project() {
      return once("project");
    },
    get notebook() {
      return once("notebook");
    },
  };
  return cached;
}
