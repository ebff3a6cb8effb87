import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SCHEMA_DIR } from "../core/schema-ref.js";
import type { SchemaName } from "../core/schema-ref.js";

/** The installed package's schemas/ folder, shipped beside dist/ (package.json "files"). */
export function packageSchemasDir(): string {
  return fileURLToPath(new URL("../../schemas/", import.meta.url));
}

/**
 * The folder editors should read the schemas from for a project at `projectDir`: the installed package's
 * copy when jobform runs from the node_modules of the project or of a folder above it (a monorepo), since
 * that copy always matches the installed version; otherwise where `jobform schema` writes by default.
 */
export function editorSchemasDir(projectDir: string, pkgSchemas = packageSchemasDir()): string {
  const project = resolve(projectDir);
  const marker = `${sep}node_modules${sep}`;
  const at = pkgSchemas.lastIndexOf(marker);
  if (at >= 0) {
    const owner = relative(pkgSchemas.slice(0, at) || sep, project);
    if (!owner.startsWith("..") && !isAbsolute(owner)) return pkgSchemas;
  }
  return join(project, SCHEMA_DIR);
}

/** The `$schema` reference, with forward slashes, from a file in `fileDir` to the schema `name`. */
export function editorSchemaRef(fileDir: string, projectDir: string, name: SchemaName, pkgSchemas?: string): string {
  return relative(resolve(fileDir), join(editorSchemasDir(projectDir, pkgSchemas), `${name}.schema.json`)).split(sep).join("/");
}
