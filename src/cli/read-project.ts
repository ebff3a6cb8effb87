import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { MAX_FILE_BYTES } from "../core/load.js";
import type { SourceFile } from "../core/load.js";
import { PROJECT_FILE } from "../core/resolve.js";
import { UserError } from "./errors.js";

const YAML_FILE = /\.ya?ml$/i;

function readSource(dir: string, rel: string): SourceFile {
  const full = join(dir, rel);
  const size = statSync(full).size;
  if (size > MAX_FILE_BYTES) {
    // Read only a prefix: the loader reports the size, and a 30 MB file should cost nothing.
    const fd = openSync(full, "r");
    const bytes = new Uint8Array(4096);
    readSync(fd, bytes, 0, bytes.length, 0);
    closeSync(fd);
    return { path: rel, bytes, size };
  }
  return { path: rel, bytes: readFileSync(full) };
}

function yamlFiles(dir: string, sub: string): string[] {
  const full = join(dir, sub);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true })
    .filter((e) => e.isFile() && YAML_FILE.test(e.name))
    .map((e) => `${sub}/${e.name}`)
    .sort();
}

/** Reads jobform.yaml, jobs/*.yaml and notebooks/*.yaml of a project directory (the only I/O of validate). */
export function readProject(dir: string): SourceFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`project directory ${dir} does not exist`);
  const files: SourceFile[] = [];
  if (existsSync(join(dir, PROJECT_FILE))) files.push(readSource(dir, PROJECT_FILE));
  for (const rel of [...yamlFiles(dir, "jobs"), ...yamlFiles(dir, "notebooks")]) files.push(readSource(dir, rel));
  if (files.length === 0) throw new UserError(`${dir} is not a jobform project: it has no jobform.yaml and no jobs/*.yaml`);
  return files;
}
