/** `*` any run of characters, `?` one, everything else literal: the globs `--job` and `ignore.jobs` take. */
export function globMatches(glob: string, key: string): boolean {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(key);
}
