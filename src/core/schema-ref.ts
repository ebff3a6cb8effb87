/** The schemas editors need for jobform's YAML files (schemas/<name>.schema.json). */
export type SchemaName = "job" | "project" | "notebook";

/** Every schema `jobform schema` writes: the editors' three and the JSON plan's. */
export const SCHEMA_FILES: readonly string[] = ["job", "project", "notebook", "plan"].map((n) => `${n}.schema.json`);

/** Where `jobform schema` writes without `--out`, relative to the project root. */
export const SCHEMA_DIR = "schemas";

/** The reference from a file one folder below the project root (jobs/, notebooks/) to where `jobform schema` writes. */
export function defaultSchemaRef(name: SchemaName): string {
  return `../${SCHEMA_DIR}/${name}.schema.json`;
}

/** A YAML comment's text (after the `#`) that gives yaml-language-server editors the file's schema. */
export function schemaComment(ref: string): string {
  return ` yaml-language-server: $schema=${ref}`;
}
