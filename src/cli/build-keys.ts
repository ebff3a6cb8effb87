import { basename } from "node:path";

/**
 * Hashes of built files, by file name (cli.cjs, job.cjs, …), that scripts/bundle-cli.mjs writes into the bundle
 * at build time, so the code cache can name a file's cache without hashing the file on every start. tsc's output
 * has none: there the cache hashes the source.
 */
declare const JOBFORM_BUILD_KEYS: Readonly<Record<string, string>> | undefined;

export function buildKey(file: string): string | undefined {
  return typeof JOBFORM_BUILD_KEYS === "object" ? JOBFORM_BUILD_KEYS[basename(file)] : undefined;
}
