import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadFile, MAX_FILE_BYTES } from "../core/load.js";
import type { LoadedDocument, SourceFile } from "../core/load.js";
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

/**
 * Reads jobform.yaml, jobs/*.yaml and notebooks/*.yaml of a project directory (the only I/O of validate).
 * `jobs: false` skips the job files (a one-off notebook run should not wait for thousands of them);
 * `required: false` accepts a directory that is no project at all.
 */
export function readProject(dir: string, opts: { jobs?: boolean; required?: boolean } = {}): SourceFile[] {
  const required = opts.required ?? true;
  if (required && (!existsSync(dir) || !statSync(dir).isDirectory())) throw new UserError(`project directory ${dir} does not exist`);
  const files: SourceFile[] = [];
  if (existsSync(join(dir, PROJECT_FILE))) files.push(readSource(dir, PROJECT_FILE));
  const jobs = opts.jobs === false ? [] : yamlFiles(dir, "jobs");
  for (const rel of [...jobs, ...yamlFiles(dir, "notebooks")]) files.push(readSource(dir, rel));
  if (required && files.length === 0) throw new UserError(`${dir} is not a jobform project: it has no jobform.yaml and no jobs/*.yaml`);
  return files;
}

/** jobform.yaml alone, parsed (undefined when absent or broken): for commands that need only its settings. */
export function readProjectFile(dir: string): LoadedDocument | undefined {
  if (!existsSync(join(dir, PROJECT_FILE))) return undefined;
  return loadFile(readSource(dir, PROJECT_FILE)).document;
}
