/**
 * The files `jobform submit` needs from the project: jobform.yaml (platforms) and notebooks/*.yaml.
 * Job files are not read: a run of one notebook should not wait for, or fail on, thousands of jobs.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "../core/load.js";
import { PROJECT_FILE } from "../core/resolve.js";

export const NOTEBOOKS_DIR = "notebooks";
const DEFINITION = /^(.+)\.ya?ml$/i;

export function readSubmitFiles(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  if (existsSync(join(dir, PROJECT_FILE))) files.push({ path: PROJECT_FILE, bytes: readFileSync(join(dir, PROJECT_FILE)) });
  const nbDir = join(dir, NOTEBOOKS_DIR);
  if (!existsSync(nbDir)) return files;
  for (const entry of readdirSync(nbDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && DEFINITION.test(entry.name)) files.push({ path: `${NOTEBOOKS_DIR}/${entry.name}`, bytes: readFileSync(join(nbDir, entry.name)) });
  }
  return files;
}

/** notebooks/sales-load.yaml → sales-load */
export function definitionName(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return DEFINITION.exec(base)?.[1] ?? base;
}
