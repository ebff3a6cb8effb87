// The edits of one pull made on the files' texts, in an order where none moves the place of another: values
// set first, list items appended next, removals last and from the end of each list backwards.
import type { Plan } from "../plan-types.js";
import type { LeftAlone, PullEdit } from "./types.js";
import { applyOp, EditRefused } from "./yaml-ops.js";

const RANK = { set: 0, append: 1, remove: 2 } as const;

/** Later list items first: segment by segment, numbers compared as numbers. */
function backwards(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const n = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(y) - Number(x) : x < y ? 1 : -1;
    return n;
  }
  return b.length - a.length;
}

export interface Edited {
  /** The new text of every file an edit changed. */
  texts: Map<string, string>;
  /** The edits made. */
  made: PullEdit[];
  /** Edits that could not be made as splices, reported as left alone. */
  refused: LeftAlone[];
}

export function applyEdits(texts: ReadonlyMap<string, string>, edits: readonly PullEdit[]): Edited {
  const out: Edited = { texts: new Map(), made: [], refused: [] };
  const order = [...edits].sort((a, b) => RANK[a.op.kind] - RANK[b.op.kind] || (a.op.kind === "remove" ? backwards(a.op.segments, b.op.segments) : 0));
  for (const e of order) {
    const text = out.texts.get(e.file) ?? texts.get(e.file);
    if (text === undefined) continue;
    try {
      const next = applyOp(text, e.op);
      if (next !== text) out.texts.set(e.file, next);
      out.made.push(e);
    } catch (err) {
      if (!(err instanceof EditRefused)) throw err;
      out.refused.push({ key: e.key, pointer: e.pointer, reason: `${e.file} cannot be edited there: ${err.message}`, git: e.before, live: e.after });
    }
  }
  return out;
}

/**
 * What a plan from the edited files still changes that pull did not report as left alone (`key pointer`
 * strings); empty when the edits settle the job.
 */
export function unsettled(replan: Plan, left: readonly LeftAlone[]): string[] {
  const reported = new Set(left.map((l) => `${l.key} ${l.pointer}`));
  const out: string[] = [];
  for (const c of replan.changes) {
    if (c.action !== "update") continue;
    for (const f of c.fields) if (!reported.has(`${c.key} ${f.path}`)) out.push(`${c.key} ${f.path}`);
    for (const p of c.permissions) if (!reported.has(`${c.key} /permissions/${p.principal}`)) out.push(`${c.key} /permissions/${p.principal}`);
  }
  return out;
}
