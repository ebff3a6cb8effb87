/** JSON pointers (RFC 6901), the path language of diagnostics, plans and patches. */

/** Splits a pointer into its unescaped segments; "" (and "/") is the whole document. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** The value at `segments` below `root` (through maps and lists), or undefined when the path does not exist. */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const seg of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}
