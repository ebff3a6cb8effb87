/**
 * The project's ownership namespace for `jobs list`, which works in any directory: with a readable
 * jobform.yaml the list can say which jobs are this project's; without one every tagged job is simply
 * "another project's". Only the `project:` field is read, so a job file with an error does not stop a
 * read-only listing.
 */
import { readProjectFile } from "../cli/read-project.js";

export function projectNameIn(dir: string): string | undefined {
  const value = readProjectFile(dir)?.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const name = (value as Record<string, unknown>).project;
  return typeof name === "string" ? name : undefined;
}
