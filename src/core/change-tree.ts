// A job's field changes as the tree a reviewer reads (Terraform's jsonformat is the model): the differ's
// flat list of pointer-addressed changes grouped by path, keyed lists shown as the lists the user wrote
// (`- task_key: ingest`, `- id: 0c7e…`), tasks as `task <key>`, and a replaced list or object diffed
// inside. The renderers only lay these nodes out; what changed is decided here.
import { listAddressing } from "./api-shape.js";
import { stableStringify } from "./fingerprint.js";
import { isPlainObject } from "./merge.js";
import { toMap } from "./normalize.js";
import type { FieldChange } from "./plan-types.js";
import { pointerSegments } from "./pointer.js";

/** `+` added, `-` removed, `~` changed inside, ` ` unchanged (context in a changed list). */
export type Sign = "+" | "-" | "~" | " ";

export type Label =
  /** `name:` — a field of an object. */
  | { kind: "field"; name: string }
  /** `task <key>` — a task of the job. */
  | { kind: "task"; key: string }
  /** `- field: key` for an item of a keyed list; `- …` (its value) for a list item known by content or position. */
  | { kind: "item"; field?: string; key?: string };

export interface ChangeNode {
  sign: Sign;
  label: Label;
  /** Canonical segments of the node, for masking by name. */
  path: string[];
  /** The whole value, for `+`, `-` and ` ` nodes. */
  value?: unknown;
  /** A `~` scalar change: both present. */
  replace?: { before: unknown; after: unknown };
  /** A `~` node changed inside. */
  children?: ChangeNode[];
}

const isScalar = (v: unknown) => v === null || typeof v !== "object";
const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

function labelAt(segs: readonly string[]): Label {
  const name = segs[segs.length - 1] as string;
  if (segs.length === 2 && segs[0] === "tasks") return { kind: "task", key: name };
  const how = listAddressing(segs.slice(0, -1));
  if (how === "position") return { kind: "field", name };
  return how === "content" ? { kind: "item" } : { kind: "item", field: how.field, key: name };
}

/** Beyond this many element pairs a changed list is shown as removed and added whole. */
const LCS_LIMIT = 40_000;

/** A plain list's change, element by element (longest common subsequence), unchanged ones as context. */
function listChanges(before: unknown[], after: unknown[], path: string[]): ChangeNode[] {
  const at = (i: number) => [...path, String(i)];
  const item: Label = { kind: "item" };
  if (before.length * after.length > LCS_LIMIT) {
    return [...before.map((v, i) => ({ sign: "-" as const, label: item, path: at(i), value: v })), ...after.map((v, i) => ({ sign: "+" as const, label: item, path: at(i), value: v }))];
  }
  const b = before.map(stableStringify);
  const a = after.map(stableStringify);
  // lcs[i][j]: length of the common subsequence of b[i..] and a[j..].
  const lcs = Array.from({ length: b.length + 1 }, () => new Array<number>(a.length + 1).fill(0));
  for (let i = b.length - 1; i >= 0; i--) for (let j = a.length - 1; j >= 0; j--) lcs[i]![j] = b[i] === a[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: ChangeNode[] = [];
  let i = 0;
  let j = 0;
  while (i < b.length || j < a.length) {
    if (i < b.length && j < a.length && b[i] === a[j]) {
      out.push({ sign: " ", label: item, path: at(j), value: after[j] });
      i++;
      j++;
    } else if (i < b.length && (j === a.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ sign: "-", label: item, path: at(i), value: before[i++] });
    } else {
      out.push({ sign: "+", label: item, path: at(j), value: after[j++] });
    }
  }
  return out;
}

/** An object's change, field by field; unchanged fields are left out. */
function objectChanges(before: Record<string, unknown>, after: Record<string, unknown>, path: string[]): ChangeNode[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((k) => (same(before[k], after[k]) ? [] : valueChange({ kind: "field", name: k }, [...path, k], before[k], after[k])));
}

/** The nodes of one value going from `before` to `after` (either may be absent). */
function valueChange(label: Label, path: string[], before: unknown, after: unknown): ChangeNode[] {
  if (before === undefined) return [{ sign: "+", label, path, value: after }];
  if (after === undefined) return [{ sign: "-", label, path, value: before }];
  if (isScalar(before) && isScalar(after)) return [{ sign: "~", label, path, replace: { before, after } }];
  if (isPlainObject(before) && isPlainObject(after)) return [{ sign: "~", label, path, children: objectChanges(before, after, path) }];
  if (Array.isArray(before) && Array.isArray(after)) return [{ sign: "~", label, path, children: listChanges(before, after, path) }];
  return [
    { sign: "-", label, path, value: before },
    { sign: "+", label, path, value: after },
  ];
}

interface Draft {
  segs: string[];
  change?: FieldChange;
  children: Map<string, Draft>;
}

function insert(root: Draft, segs: string[], change: FieldChange): void {
  let node = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as string;
    let next = node.children.get(seg);
    if (!next) node.children.set(seg, (next = { segs: segs.slice(0, i + 1), children: new Map() }));
    node = next;
  }
  node.change = change;
}

function nodesOf(draft: Draft): ChangeNode[] {
  const label = labelAt(draft.segs);
  const c = draft.change;
  if (c) return valueChange(label, draft.segs, c.op === "add" ? undefined : c.before, c.op === "remove" ? undefined : c.after);
  const children = [...draft.children.values()].flatMap(nodesOf);
  // The job's task list is not a level of its own: its tasks sit beside the job's fields.
  if (draft.segs.length === 1 && draft.segs[0] === "tasks") return children;
  return [{ sign: "~", label, path: draft.segs, children }];
}

/**
 * The change tree of a job's field changes: job fields first, tasks after them (each as `task <key>`),
 * each group in path order. A whole task list added or removed is split into its tasks.
 */
export function changeTree(fields: readonly FieldChange[]): ChangeNode[] {
  const root: Draft = { segs: [], children: new Map() };
  for (const c of fields) {
    const segs = pointerSegments(c.path);
    const whole = c.op === "add" ? c.after : c.op === "remove" ? c.before : undefined;
    if (segs.length === 1 && segs[0] === "tasks" && Array.isArray(whole)) {
      for (const [key, task] of Object.entries(toMap(whole, "task_key"))) insert(root, ["tasks", key], { op: c.op, path: "", [c.op === "add" ? "after" : "before"]: task });
    } else insert(root, segs, c);
  }
  const nodes = [...root.children.values()].flatMap(nodesOf);
  return [...nodes.filter((n) => n.label.kind !== "task"), ...nodes.filter((n) => n.label.kind === "task")];
}
