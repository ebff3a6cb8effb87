// `${jobs.<key>.id}` in run_job tasks: another job of the project, whose id only exists once that job
// does. Plan resolves the ids of jobs already in the workspace (so an applied reference is no change);
// apply resolves the rest as it creates them, which is why creates run in dependency order.
import { idFromString } from "../lib/json.js";
import { runJobTargets } from "./lint/references.js";

type Obj = Record<string, unknown>;

function setAt(root: unknown, segments: readonly string[], value: unknown): void {
  let node = root as Obj;
  for (const seg of segments.slice(0, -1)) node = node[seg] as Obj;
  node[segments[segments.length - 1] as string] = value;
}

/** A copy of `document` with every reference to a job in `ids` replaced by its id (as the wire spells ids). */
export function resolveJobRefs(document: Readonly<Obj>, ids: ReadonlyMap<string, string>): Obj {
  const refs = runJobTargets(document as Obj).filter((r) => ids.has(r.key));
  if (refs.length === 0) return document as Obj;
  const out = structuredClone(document) as Obj;
  for (const r of refs) setAt(out, r.segments, idFromString(ids.get(r.key) as string));
  return out;
}

/** Keys of the jobs a document still refers to symbolically. */
export function jobRefsOf(document: Readonly<Obj>): string[] {
  return [...new Set(runJobTargets(document as Obj).map((r) => r.key))].sort();
}

/**
 * `keys` ordered so a job comes after every job it refers to (among `keys`); ties by key for a stable
 * order. Validate rejects reference cycles, so a leftover cycle only keeps its members in key order.
 */
export function dependencyOrder(keys: readonly string[], refsOf: (key: string) => readonly string[]): string[] {
  const pending = new Set([...keys].sort());
  const out: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((k) => refsOf(k).every((d) => d === k || !pending.has(d)));
    const next = ready.length > 0 ? ready : [...pending].slice(0, 1);
    for (const k of next) {
      pending.delete(k);
      out.push(k);
    }
  }
  return out;
}
