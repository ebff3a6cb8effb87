/**
 * `*` any run of characters, `?` one, everything else literal: the globs `--job`, `ignore.jobs` and the
 * `policies:` scopes take. Matched without a regular expression: `a*a*a*…b` against a long key backtracks
 * polynomially in a regex engine, while this scan (retry only from the last `*`) costs at most
 * glob length × key length, whatever a hostile jobform.yaml writes.
 */
export function globMatches(glob: string, key: string): boolean {
  let g = 0;
  let k = 0;
  let star = -1;
  let resume = 0;
  while (k < key.length) {
    const c = glob[g];
    if (c === "*") {
      star = g++;
      resume = k;
    } else if (g < glob.length && (c === "?" || c === key[k])) {
      g++;
      k++;
    } else if (star >= 0) {
      g = star + 1;
      k = ++resume;
    } else return false;
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}
