// `${jobs.<key>.id}` in run_job tasks: another job of the project, whose id only exists once that job
// does. Plan resolves the ids of jobs already in the workspace (so an applied reference is no change);
// apply resolves the rest as it creates them, which is why creates run in dependency order.
import { isNode, parseDocument } from "yaml";
import { idFromString } from "../lib/json.js";
import { obj, tasksOf } from "./lint/context.js";
import { runJobTargets } from "./lint/references.js";
import { applySplices, setScalar } from "./yaml-edit.js";

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

/** A run_job task of an imported job that runs a job outside the project: its id is kept as it is. */
export interface OutsideJobRef {
  taskKey: string;
  jobId: string;
}

const idText = (v: unknown): string | undefined =>
  typeof v === "number" && Number.isSafeInteger(v) ? String(v) : typeof v === "bigint" ? v.toString() : typeof v === "string" && /^\d+$/.test(v) ? v : undefined;

/** The run_job ids of a document: those of jobs in `keyOf` (where, and whose key), and the others. */
function runJobIds(document: Readonly<Obj>, keyOf: ReadonlyMap<string, string>): { found: { segments: string[]; key: string }[]; outside: OutsideJobRef[] } {
  const outside: OutsideJobRef[] = [];
  const found: { segments: string[]; key: string }[] = [];
  for (const ref of tasksOf(document as Obj, true)) {
    const id = idText(obj(ref.task.run_job_task)?.job_id);
    if (id === undefined) continue;
    const key = keyOf.get(id);
    if (key !== undefined) found.push({ segments: [...ref.segments, "run_job_task", "job_id"], key });
    else outside.push({ taskKey: typeof ref.task.task_key === "string" ? ref.task.task_key : ref.segments.join("."), jobId: id });
  }
  return { found, outside };
}

/**
 * The reverse of resolveJobRefs, for import: each `run_job_task.job_id` that is the id of a job in `keyOf`
 * (id → key: the jobs imported together and the project's managed ones) becomes `${jobs.<key>.id}`, so apply
 * orders the jobs and a copy runs the copy it belongs with. Ids of other jobs are kept and listed.
 */
export function symbolicJobRefs(document: Readonly<Obj>, keyOf: ReadonlyMap<string, string>): { document: Obj; outside: OutsideJobRef[] } {
  const { found, outside } = runJobIds(document, keyOf);
  if (found.length === 0) return { document: document as Obj, outside };
  const out = structuredClone(document) as Obj;
  for (const f of found) setAt(out, f.segments, `\${jobs.${f.key}.id}`);
  return { document: out, outside };
}

/** symbolicJobRefs on a job file's text: the references spliced in, comments and layout kept. */
export function symbolicJobRefsInText(text: string, keyOf: ReadonlyMap<string, string>): { text: string; outside: OutsideJobRef[] } {
  const doc = parseDocument(text, { intAsBigInt: true });
  if (doc.errors.length > 0) return { text, outside: [] };
  const { found, outside } = runJobIds((doc.toJS() ?? {}) as Obj, keyOf);
  const splices = found.flatMap((f) => {
    const node = doc.getIn(f.segments, true);
    return isNode(node) ? setScalar(text, node, `\${jobs.${f.key}.id}`) : [];
  });
  return { text: applySplices(text, splices), outside };
}
