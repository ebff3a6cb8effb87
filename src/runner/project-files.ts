import type { SourceFile } from "../core/load.js";
import { readProject } from "../cli/read-project.js";

const DEFINITION = /^(.+)\.ya?ml$/i;

/**
 * The files `jobform submit` needs from the project: jobform.yaml (platforms) and notebooks/*.yaml.
 * Job files are not read: a run of one notebook should not wait for, or fail on, thousands of jobs.
 */
export function readSubmitFiles(dir: string): SourceFile[] {
  return readProject(dir, { jobs: false, required: false });
}

/** notebooks/sales-load.yaml → sales-load */
export function definitionName(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return DEFINITION.exec(base)?.[1] ?? base;
}
