import { readFileSync } from "node:fs";
import type { Schemas } from "../core/schema-check.js";

let cached: Schemas | undefined;

function read(name: string): object {
  // schemas/ ships beside dist/ (package.json "files"); from src/ under vitest the relative path is the same.
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), "utf8")) as object;
}

export function loadSchemas(): Schemas {
  cached ??= { job: read("job.schema.json"), project: read("project.schema.json"), notebook: read("notebook.schema.json") };
  return cached;
}
