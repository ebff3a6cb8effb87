// A unified diff of one file's text (as `git diff` prints it), for `pull --dry-run`. Lines are matched by a
// longest common subsequence over the part between the common head and tail: pull's edits are local, so
// that part is small even in a large file.

type Line = { kind: " " | "-" | "+"; text: string };

/** Above this many cells the middle is shown as removed and added whole instead of matched line by line. */
const MAX_CELLS = 4_000_000;

function middle(a: readonly string[], b: readonly string[]): Line[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((text) => ({ kind: "-" as const, text })), ...b.map((text) => ({ kind: "+" as const, text }))];
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i * w + j] = a[i] === b[j] ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
  const out: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: " ", text: a[i++] as string });
      j++;
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number))) out.push({ kind: "-", text: a[i++] as string });
    else out.push({ kind: "+", text: b[j++] as string });
  }
  return out;
}

const splitLines = (t: string) => (t === "" ? [] : t.replace(/\n$/, "").split("\n"));

/** The diff of `before` → `after` with three lines of context; "" when they are equal. */
export function unifiedDiff(file: string, before: string, after: string, opts: { color?: boolean; context?: number } = {}): string {
  if (before === after) return "";
  const context = opts.context ?? 3;
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const lines: Line[] = [
    ...a.slice(0, head).map((text) => ({ kind: " " as const, text })),
    ...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((text) => ({ kind: " " as const, text })),
  ];
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out = [paint("1", `--- a/${file}`), paint("1", `+++ b/${file}`)];
  const changed = lines.map((l, k) => (l.kind !== " " ? k : -1)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, (changed[k] as number) - context);
    let end = (changed[k] as number) + context;
    while (k + 1 < changed.length && (changed[k + 1] as number) - context <= end + 1) end = (changed[++k] as number) + context;
    end = Math.min(lines.length - 1, end);
    k++;
    // Line numbers of the hunk's first line on each side: context and removed lines count on the left, context and added on the right.
    const before1 = lines.slice(0, start).filter((l) => l.kind !== "+").length;
    const after1 = lines.slice(0, start).filter((l) => l.kind !== "-").length;
    const hunk = lines.slice(start, end + 1);
    const left = hunk.filter((l) => l.kind !== "+").length;
    const right = hunk.filter((l) => l.kind !== "-").length;
    out.push(paint("36", `@@ -${left ? before1 + 1 : before1},${left} +${right ? after1 + 1 : after1},${right} @@`));
    for (const l of hunk) out.push(l.kind === "-" ? paint("31", `-${l.text}`) : l.kind === "+" ? paint("32", `+${l.text}`) : ` ${l.text}`);
  }
  return out.join("\n") + "\n";
}
