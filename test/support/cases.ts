import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CASES_DIR = fileURLToPath(new URL("../cases/", import.meta.url));

/** Case folders that hold the given expected-output file. */
export function casesWith(expected: string): string[] {
  return readdirSync(CASES_DIR)
    .filter((name) => existsSync(join(CASES_DIR, name, expected)))
    .sort();
}

/** Extra CLI-style arguments for a case, from its `args` file (one per line). */
export function caseArgs(name: string): string[] {
  const f = join(CASES_DIR, name, "args");
  return existsSync(f) ? readFileSync(f, "utf8").split("\n").map((l) => l.trim()).filter(Boolean) : [];
}

/**
 * Compares `actual` with the golden file; with UPDATE_GOLDEN=1 rewrites it instead (then review the diff
 * in git before committing — a golden file is an assertion, not a recording).
 */
export function golden(name: string, file: string, actual: string): string {
  const path = join(CASES_DIR, name, file);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  return readFileSync(path, "utf8");
}
