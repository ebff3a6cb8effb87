// `include:` patterns as the bundles CLI reads them (Go's filepath.Glob, relative to the declaring file):
// `*` and `?` within one path segment, `[…]` classes; `**` is taken as any number of folders.

/** A matcher for one path segment of a glob; undefined when the segment has no wildcard. */
export function segmentMatcher(segment: string): RegExp | undefined {
  if (!/[*?[]/.test(segment)) return undefined;
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        const body = segment.slice(i + 1, end).replace(/^\^/, "!");
        re += `[${body.startsWith("!") ? "^" + body.slice(1).replace(/[\\\]]/g, "\\$&") : body.replace(/[\\\]]/g, "\\$&")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
