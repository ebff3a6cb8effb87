import { isNode } from "yaml";
import { locate } from "./load.js";
import { toPointer } from "./pointer.js";
import type { LoadedDocument, Position } from "./load.js";

/** Where a value came from: a document and the pointer of that value inside it. */
export interface Origin {
  document: LoadedDocument;
  segments: readonly string[];
}

export interface Located extends Position {
  file: string;
  path: string;
}

/**
 * Remembers, for every object of a resolved job, which file and which place in it the object came from — a
 * job is the merge of project defaults, its own file and a target override, and a diagnostic must point at
 * the line the user wrote, whichever file that is.
 */
export class Provenance {
  private readonly objects = new WeakMap<object, Origin>();
  private readonly keys = new WeakMap<object, Map<string, Origin>>();

  /** Registers a parsed value and every object below it as coming from `document` at `segments`. */
  register(value: unknown, document: LoadedDocument, segments: readonly string[] = []): void {
    if (value === null || typeof value !== "object") return;
    this.objects.set(value, { document, segments });
    if (Array.isArray(value)) value.forEach((v, i) => this.register(v, document, [...segments, String(i)]));
    else for (const [k, v] of Object.entries(value)) this.register(v, document, [...segments, k]);
  }

  origin(value: object): Origin | undefined {
    return this.objects.get(value);
  }

  /** `target` was built from `source`: it answers for the same place. */
  copy(source: object, target: object): void {
    const o = this.objects.get(source);
    if (o) this.objects.set(target, o);
    const k = this.keys.get(source);
    if (k) this.keys.set(target, k);
  }

  setOrigin(target: object, origin: Origin): void {
    this.objects.set(target, origin);
  }

  /** The key `key` of `target` was written in another place (a target override) than `target` itself. */
  setKeyOrigin(target: object, key: string, container: Origin): void {
    let m = this.keys.get(target);
    if (!m) this.keys.set(target, (m = new Map()));
    m.set(key, container);
  }

  /**
   * The document, and the path inside it, where the value at `segments` below `root` was written. `fallback`
   * answers when nothing on the way is known (a value made up by jobform itself).
   */
  source(root: unknown, segments: readonly string[], fallback: Origin): Origin {
    let origin = (root !== null && typeof root === "object" ? this.objects.get(root) : undefined) ?? fallback;
    let rel: string[] = [];
    let cur: unknown = root;
    for (const seg of segments) {
      const keyOrigin = cur !== null && typeof cur === "object" ? this.keys.get(cur)?.get(seg) : undefined;
      if (keyOrigin) {
        origin = keyOrigin;
        rel = [seg];
      } else rel.push(seg);
      cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[seg] : undefined;
      const o = cur !== null && typeof cur === "object" ? this.objects.get(cur) : undefined;
      if (o) {
        origin = o;
        rel = [];
      }
    }
    return { document: origin.document, segments: [...origin.segments, ...rel] };
  }

  /** The file position of `segments` below `root` (see `source`). */
  locate(root: unknown, segments: readonly string[], fallback: Origin, opts: { key?: boolean } = {}): Located {
    const { document, segments: full } = this.source(root, segments, fallback);
    const pos = locate(document, full, opts);
    return { file: document.file, line: pos.line, column: pos.column, path: toPointer(segments) };
  }

  /**
   * The position of the `nth` occurrence of `needle` in the source text of the scalar at `segments`, so a
   * diagnostic about one `${…}` of a long string points at it; the scalar's own position when its source does
   * not spell the needle out (an escape, an alias).
   */
  locateWithin(root: unknown, segments: readonly string[], fallback: Origin, needle: string, nth = 0): Located {
    const at = this.locate(root, segments, fallback);
    const { document, segments: full } = this.source(root, segments, fallback);
    const node: unknown = document.doc.getIn(full, true);
    const range = isNode(node) ? node.range : undefined;
    if (!range) return at;
    const raw = document.text.slice(range[0], range[1]);
    let i = -1;
    for (let n = 0; n <= nth; n++) {
      i = raw.indexOf(needle, i + 1);
      if (i < 0) return at;
    }
    const p = document.lines.linePos(range[0] + i);
    return { ...at, line: p.line, column: p.col };
  }
}
