/**
 * Pure helpers behind `jobform notebooks import`: notebooks/<name>.yaml definitions (first import and
 * re-import), `--as-jobs` scaffolds, and the advice printed when a notebook declares no widgets.
 * Re-import edits the user's file through the yaml Document API so their comments and layout survive.
 */
import { Document, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Node, YAMLMap, YAMLSeq } from "yaml";
import { shownValue } from "../core/mask.js";
import { defaultSchemaRef, schemaComment } from "../core/schema-ref.js";
import type { NotebookFormat, Widget, WidgetReport } from "./widget-types.js";

export { assignNames, notebookName } from "./notebook-names.js";

/** Every comment the importer writes starts with this, so a re-import can tell its own from the user's. */
export const IMPORTER_COMMENT = " from notebook:";
const IMPORTER_KEYS = new Set(["name", "type", "direction", "default", "choices"]);
// Quote strings that YAML 1.1 readers (editors, older tools) would take as booleans or dates: no, on, 2024-01-01.
const YAML_OPTIONS = { compat: "yaml-1.1" } as const;
// A first import writes `choices: [full, delta]`, as people write flow lists, not `[ full, delta ]`.
const WRITE_OPTIONS = { flowCollectionPadding: false } as const;

export type DefinitionChangeKind = "added" | "updated" | "removed" | "kept";

export interface DefinitionChange {
  kind: DefinitionChangeKind;
  /** The parameter's name; "" for a change to the definition itself (notebook_path). */
  name: string;
  message: string;
}

export interface DefinitionResult {
  /** The YAML to write; on `error` it is the existing text, unchanged. */
  text: string;
  changes: DefinitionChange[];
  /** Set when the existing definition could not be updated safely (invalid YAML, odd shape). */
  error?: string;
}

export type ExistingDefinition = Document | string | Record<string, unknown>;

/**
 * The values a dropdown or multiselect takes, written as `choices:` so submit refuses any other before a
 * call. A combobox also takes whatever is typed into it: its list is only suggestions, kept as a comment.
 */
function fixedChoices(w: Widget): string[] | undefined {
  return w.kind === "dropdown" || w.kind === "multiselect" ? w.choices : undefined;
}

function choicesNode(doc: Document, choices: readonly string[]): Node {
  const node = doc.createNode([...choices]) as YAMLSeq;
  node.flow = true;
  return node;
}

function importerNote(w: Widget): string | undefined {
  const parts: string[] = [];
  if (w.kind !== "text" || w.label !== undefined || w.choices) {
    parts.push(w.label !== undefined ? `${w.kind} "${w.label}"` : w.kind);
    if (w.choices && !fixedChoices(w)) parts.push(`suggests ${w.choices.join(" | ")}`);
  }
  if (w.default === null) parts.push("the default is computed in the notebook, so none is set here");
  return parts.length > 0 ? `${IMPORTER_COMMENT} ${parts.join("; ")}` : undefined;
}

function newParameter(doc: Document, w: Widget): YAMLMap {
  const value: Record<string, string> = { name: w.name, type: "string", direction: "input" };
  if (w.default !== null) value.default = w.default;
  const node = doc.createNode(value) as YAMLMap;
  const choices = fixedChoices(w);
  if (choices) node.set("choices", choicesNode(doc, choices));
  const note = importerNote(w);
  if (note) node.commentBefore = note;
  return node;
}

/**
 * The definition for a first import (headed by `schemaRef`, the path from the file to notebook.schema.json),
 * or the user's definition updated from the notebook's widgets.
 */
export function buildDefinition(path: string, report: WidgetReport, existing?: ExistingDefinition, schemaRef = defaultSchemaRef("notebook")): DefinitionResult {
  if (existing === undefined) {
    const doc = new Document({ notebook_path: path, parameters: [] }, YAML_OPTIONS);
    doc.commentBefore = schemaComment(schemaRef);
    const seq = doc.get("parameters", true) as YAMLSeq;
    for (const w of report.widgets) seq.items.push(newParameter(doc, w));
    if (seq.items.length === 0) doc.delete("parameters");
    const changes = report.widgets.map((w) => ({ kind: "added" as const, name: w.name, message: `added parameter "${w.name}"` }));
    return { text: doc.toString(WRITE_OPTIONS), changes };
  }
  return reimport(path, report, existing);
}

function toDocument(existing: ExistingDefinition): Document {
  if (existing instanceof Document) return existing.clone();
  if (typeof existing === "string") return parseDocument(existing, YAML_OPTIONS);
  return new Document(existing, YAML_OPTIONS);
}

function reimport(path: string, report: WidgetReport, existing: ExistingDefinition): DefinitionResult {
  const doc = toDocument(existing);
  const original = typeof existing === "string" ? existing : doc.toString();
  const fail = (error: string): DefinitionResult => ({ text: original, changes: [], error });
  if (doc.errors.length > 0) return fail(`the existing definition is not valid YAML: ${doc.errors[0]?.message ?? ""}`);
  if (!isMap(doc.contents)) return fail("the existing definition is not a YAML mapping");
  const changes: DefinitionChange[] = [];

  if (doc.get("notebook_path") !== path) {
    doc.set("notebook_path", path);
    changes.push({ kind: "updated", name: "", message: `notebook_path set to ${path}` });
  }
  let seq = doc.get("parameters", true);
  // A definition written without parameters (none found) must stay without them: re-import is idempotent.
  const created = seq === undefined;
  if (seq === undefined || seq === null || (isScalar(seq) && seq.value === null)) {
    doc.set("parameters", doc.createNode([]));
    seq = doc.get("parameters", true);
  }
  if (!isSeq(seq)) return fail("`parameters` in the existing definition is not a list");
  // A comment above the first item is stored on the list; move it to the item so it travels with it.
  const first = seq.items[0];
  if (seq.commentBefore && isMap(first)) {
    first.commentBefore = joinComments(seq.commentBefore, first.commentBefore);
    seq.commentBefore = undefined;
  }

  const byName = new Map<string, YAMLMap>();
  for (const item of seq.items) if (isMap(item) && typeof item.get("name") === "string") byName.set(item.get("name") as string, item);
  const declared = new Set(report.widgets.map((w) => w.name));
  const stillRead = new Set(report.findings.filter((f) => f.code === "undeclared-read" && f.name !== undefined).map((f) => f.name as string));

  for (const w of report.widgets) {
    const item = byName.get(w.name);
    if (!item) {
      seq.items.push(newParameter(doc, w));
      changes.push({ kind: "added", name: w.name, message: `added parameter "${w.name}"` });
      continue;
    }
    updateDefault(item, w, changes);
    updateChoices(doc, item, w, changes);
    const userLines = commentLines(item.commentBefore).filter((l) => !l.startsWith(IMPORTER_COMMENT));
    item.commentBefore = joinComments(userLines.join("\n") || undefined, importerNote(w));
  }

  seq.items = seq.items.filter((item) => {
    if (!isMap(item)) return true;
    const name = item.get("name");
    if (typeof name !== "string" || declared.has(name)) return true;
    if (stillRead.has(name)) {
      changes.push({ kind: "kept", name, message: `kept parameter "${name}": no widget declares it, but the notebook still reads it` });
      return true;
    }
    const edit = userEdit(item);
    if (edit === undefined) {
      changes.push({ kind: "removed", name, message: `removed parameter "${name}": the notebook no longer declares it and it was never edited here` });
      return false;
    }
    changes.push({ kind: "kept", name, message: `kept parameter "${name}": no widget declares it, but it was added or edited here (${edit}); delete it by hand if it is obsolete` });
    return true;
  });
  if (created && seq.items.length === 0) doc.delete("parameters");
  // The user's flow collections keep yaml's default padding, which is how re-import always wrote them.
  return { text: doc.toString(), changes };
}

function updateDefault(item: YAMLMap, w: Widget, changes: DefinitionChange[]): void {
  // A computed default tells us nothing new: whatever the user set stays.
  if (w.default === null) return;
  const node = item.get("default", true);
  if (node === undefined) {
    item.set("default", w.default);
    changes.push({ kind: "updated", name: w.name, message: `parameter "${w.name}": default set to "${shownValue(w.name, w.default)}"` });
    return;
  }
  if (!isScalar(node)) return;
  const old = node.value;
  if (old !== null && String(old) === w.default) return;
  // Keep the user's scalar type (int, bool) when the notebook's new default still fits it.
  if (typeof old === "number" && w.default.trim() !== "" && Number.isFinite(Number(w.default))) node.value = Number(w.default);
  else if (typeof old === "boolean" && /^(true|false)$/.test(w.default)) node.value = w.default === "true";
  else node.value = w.default;
  changes.push({ kind: "updated", name: w.name, message: `parameter "${w.name}": default changed from ${JSON.stringify(typeof old === "string" ? shownValue(w.name, old) : old)} to "${shownValue(w.name, w.default)}" (the notebook's default)` });
}

/** The notebook decides what a dropdown takes: its choices follow it on re-import. */
function updateChoices(doc: Document, item: YAMLMap, w: Widget, changes: DefinitionChange[]): void {
  const choices = fixedChoices(w);
  if (!choices) return;
  const have = item.get("choices", true);
  const current = isSeq(have) ? have.items.map((n) => String(isScalar(n) ? n.value : n)) : undefined;
  if (current && current.length === choices.length && current.every((c, i) => c === choices[i])) return;
  item.set("choices", choicesNode(doc, choices));
  changes.push({ kind: "updated", name: w.name, message: `parameter "${w.name}": choices set to ${choices.join(", ")} (the notebook's)` });
}

/** Why a parameter counts as the user's own, or undefined when it is exactly what the importer writes. */
function userEdit(item: YAMLMap): string | undefined {
  const extra = item.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "?")).filter((k) => !IMPORTER_KEYS.has(k));
  if (extra.length > 0) return `has ${extra.join(", ")}`;
  const type = item.get("type");
  if (type !== undefined && type !== "string") return `type ${String(type)}`;
  const direction = item.get("direction");
  if (direction !== undefined && direction !== "input") return `direction ${String(direction)}`;
  const userComment = commentLines(item.commentBefore).some((l) => !l.startsWith(IMPORTER_COMMENT));
  const nodes: (Node | null | undefined | unknown)[] = [item, ...item.items.flatMap((p) => [p.key, p.value])];
  const commented = nodes.some((n) => {
    const c = n as { comment?: string | null; commentBefore?: string | null } | null;
    return Boolean(c?.comment) || (n !== item && Boolean(c?.commentBefore));
  });
  return userComment || commented ? "has comments" : undefined;
}

function commentLines(comment: string | null | undefined): string[] {
  return comment ? comment.split("\n") : [];
}

function joinComments(...parts: (string | null | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => typeof p === "string" && p !== "");
  return kept.length > 0 ? kept.join("\n") : undefined;
}

function taskKey(path: string): string {
  const base = path.split("/").filter((p) => p !== "").pop() ?? "notebook";
  // task_key allows letters, digits, `_` and `-` only, up to 100 characters.
  return base.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 100) || "notebook";
}

/** jobs/<key>.yaml for `--as-jobs`: one notebook task whose base_parameters are the literal widget defaults. */
export function buildJobScaffold(path: string, report: WidgetReport, schemaRef = defaultSchemaRef("job")): string {
  const name = path.split("/").filter((p) => p !== "").pop() ?? path;
  const withDefault = report.widgets.filter((w) => w.default !== null);
  const notebookTask: Record<string, unknown> = { notebook_path: path, source: "WORKSPACE" };
  if (withDefault.length > 0) notebookTask.base_parameters = Object.fromEntries(withDefault.map((w) => [w.name, w.default]));
  const doc = new Document({ name, tasks: [{ task_key: taskKey(path), notebook_task: notebookTask }] }, YAML_OPTIONS);
  doc.commentBefore = schemaComment(schemaRef);
  const task = (doc.get("tasks", true) as YAMLSeq).items[0] as YAMLMap;
  const notes = [" No compute is set, so the task runs on serverless compute; add job_cluster_key,", " existing_cluster_id or new_cluster to run it on a cluster instead."];
  const computed = report.widgets.filter((w) => w.default === null).map((w) => w.name);
  if (computed.length > 0) notes.push(` Not passed, so the notebook computes their defaults: ${computed.join(", ")}.`);
  const undeclared = report.findings.filter((f) => f.code === "undeclared-read" && f.name !== undefined).map((f) => f.name as string);
  if (undeclared.length > 0) notes.push(` Read by the notebook but never declared as widgets: ${undeclared.join(", ")}.`);
  task.commentBefore = notes.join("\n");
  return doc.toString();
}

/** What to tell the user when a notebook yields no widgets. */
export function noWidgetsAdvice(format: NotebookFormat): string {
  const where =
    "Widgets are found only when they are declared with literal names in the notebook itself, at the top level " +
    "of a cell (dbutils.widgets.text/dropdown/combobox/multiselect, or CREATE WIDGET in SQL). Declarations inside " +
    "functions or loops, with computed names, or in notebooks pulled in with %run are reported but not imported; " +
    "add those parameters to the definition by hand.";
  if (format === "SOURCE")
    return `No widgets found in the SOURCE export. ${where} If the notebook has been run with its widgets shown, a JUPYTER export also carries the widgets Databricks last rendered and may find more.`;
  return `No widgets found in the JUPYTER export, and its metadata holds no saved widget state (the notebook may never have been run with its widgets shown). ${where}`;
}
