// Shared helpers for the schema tests: one ajv configured the way jobform's validator uses it.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { parse } from "yaml";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export type JsonObject = Record<string, unknown>;

export function loadSchema(name: "job" | "project" | "notebook"): JsonObject {
  return JSON.parse(readFileSync(join(repoRoot, "schemas", `${name}.schema.json`), "utf8")) as JsonObject;
}

/** The options and annotation keywords the validator relies on (see the schema report). */
export function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, verbose: true });
  ajv.addKeyword("x-jobform-output-only");
  ajv.addKeyword("x-jobform-message");
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();
export function validator(name: "job" | "project" | "notebook"): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    v = newAjv().compile(loadSchema(name));
    compiled.set(name, v);
  }
  return v;
}

export function errorsOf(name: "job" | "project" | "notebook", doc: unknown): ErrorObject[] {
  const v = validator(name);
  return v(doc) ? [] : [...(v.errors ?? [])];
}

export function readYaml(file: string): unknown {
  return parse(readFileSync(file, "utf8"));
}

export function yamlFixtures(folder: string): { name: string; doc: unknown }[] {
  const dir = join(fixturesDir, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: f, doc: readYaml(join(dir, f)) }));
}

/** A compact description of errors for assertion messages. */
export function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || "/"} ${e.keyword} ${e.message ?? ""}`).join("\n");
}
