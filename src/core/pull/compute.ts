// From a plan (git → workspace) to the edits that make git say what the workspace has: each field change
// of the plan becomes one edit of the file its value came from, or a report of why it was left alone.
import { isSeq } from "yaml";
import { apiValueAt, listAddressing } from "../api-shape.js";
import { SECRET_NAME } from "../lint/secrets.js";
import { maskString } from "../mask.js";
import { stableStringify } from "../fingerprint.js";
import { locate } from "../load.js";
import type { LoadedDocument } from "../load.js";
import { isPlainObject } from "../merge.js";
import { parsePrincipalKey, principalOf } from "../normalize-acl.js";
import { defaultAt } from "../normalize.js";
import type { FieldChange, JobChange, LiveJob, PermissionChange, Plan } from "../plan-types.js";
import { pointerSegments, valueAt } from "../pointer.js";
import type { Origin } from "../provenance.js";
import { PROJECT_FILE } from "../resolve.js";
import type { DesiredJob } from "../resolve.js";
import { documentPath, escapeRefs, layerOf, layerPath, templateAt } from "./layers.js";
import { withoutComputed, withZeroWorkers } from "./written-value.js";
import type { LeftAlone, PullResult, Route } from "./types.js";
import type { DocOp } from "./yaml-ops.js";

export interface PullInput {
  target: string | undefined;
  /** jobform.yaml's value. */
  project: Record<string, unknown> | undefined;
  /** Every loaded file by its project-relative path. */
  documents: ReadonlyMap<string, LoadedDocument>;
  jobs: readonly DesiredJob[];
  /** The plan between git and the workspace, values unmasked. */
  plan: Plan;
  live: ReadonlyMap<string, LiveJob>;
  /** The jobs as resolved, before the target's mode changed them (development mode renames and pauses). */
  resolved?: ReadonlyMap<string, Record<string, unknown>>;
}

const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);
const SHARED_NOTE = "the value came from jobform.yaml (defaults: or the target's settings), which every job shares; it is set for this job in its own file";

interface Job {
  input: PullInput;
  job: DesiredJob;
  live: LiveJob;
  jobDoc: LoadedDocument;
  projectDoc: LoadedDocument | undefined;
  overrideRoot: string[];
  out: PullResult;
}

/** Where an edit goes: a document, the path in it, the route named in the report and a note. */
interface Place {
  doc: LoadedDocument;
  segments: string[];
  route: Route;
  note?: string;
}

function origin(j: Job, segments: readonly string[]): Origin {
  return j.job.source ? j.job.source(segments) : { document: j.jobDoc, segments: [...segments] };
}

function leave(j: Job, pointer: string, reason: string, extra: Omit<LeftAlone, "key" | "pointer" | "reason"> = {}): void {
  j.out.left.push({ key: j.job.key, pointer, reason, ...extra });
}

function edit(j: Job, place: Place, pointer: string, op: DocOp, values: { before?: unknown; after?: unknown }, at: readonly string[] = place.segments): void {
  const line = locate(place.doc, at).line;
  j.out.edits.push({ key: j.job.key, file: place.doc.file, line, pointer, ...values, routed_to: place.route, ...(place.note ? { note: place.note } : {}), op });
}

/** The job file's place for a path of the resolved job, for values that must not be written where all jobs share them. */
function jobFilePlace(j: Job, segments: readonly string[]): Place | undefined {
  const p = layerPath(j.jobDoc.value, j.job.document, segments);
  return p.stuck ? undefined : { doc: j.jobDoc, segments: p.segments, route: "job file", note: SHARED_NOTE };
}

/** Where the value at `segments` (which the resolved job has) is written. */
function placeOf(j: Job, segments: readonly string[]): Place | undefined {
  const o = origin(j, segments);
  const layer = layerOf(o, j.job.key, j.input.target);
  if (layer === "shared") return jobFilePlace(j, segments);
  return { doc: o.document, segments: [...o.segments], route: layer === "job" ? "job file" : "target override" };
}

/**
 * A value of the job file (which every target shares) goes in this target's override instead when the
 * override already has the object it sits in: the target has its own version of that object, and the edit
 * stays a change of this target. `rest`: the part of the path the resolved job does not have yet.
 */
function overridden(j: Job, segments: readonly string[], place: Place | undefined, rest: readonly string[] = []): Place | undefined {
  if (place?.route !== "job file" || !j.projectDoc) return place;
  const root = valueAt(j.projectDoc.value, j.overrideRoot);
  const parent = rest.length ? segments : segments.slice(0, -1);
  const key = rest.length ? rest[0] : segments[segments.length - 1];
  const over = layerPath(root, j.job.document, parent);
  if (root === undefined || over.stuck) return place;
  const container = valueAt(root, over.segments);
  // An override that removes the key (`key: null`) keeps the say over it: the value goes there.
  const nulled = isPlainObject(container) && key !== undefined && container[key] === null;
  if (!nulled && (parent.length === 0 || !over.exists || container === null || typeof container !== "object")) return place;
  const tail = rest.length ? [] : segments.slice(-1);
  return { doc: j.projectDoc, segments: [...j.overrideRoot, ...over.segments, ...tail], route: "target override" };
}

/**
 * Takes a value git sets and the workspace does not (or holds at its server default) out of what this target
 * resolves. The key goes from the layer on top; where a layer below it would then show through (the job file
 * under an override, `defaults:` under both), the top layer says the default (or null) instead, so the other
 * targets keep their value and this one gets none.
 */
function unset(j: Job, pointer: string, segments: readonly string[], place: Place, git: unknown, dflt: unknown): void {
  const over = j.projectDoc ? layerPath(valueAt(j.projectDoc.value, j.overrideRoot), j.job.document, segments) : undefined;
  const inJob = layerPath(j.jobDoc.value, j.job.document, segments);
  const inDefaults = layerPath(j.input.project?.defaults, j.job.document, segments).exists;
  const value = dflt ?? null;
  if (Array.isArray(valueAt(j.job.document, segments.slice(0, -1)))) {
    // A list item the workspace dropped (a task, a job cluster…) goes from every layer of this target that has it.
    if (!over?.exists && !inJob.exists) return leave(j, pointer, "the item comes from jobform.yaml (defaults:), which every job shares", { git });
    if (inJob.exists) edit(j, { doc: j.jobDoc, segments: inJob.segments, route: "job file" }, pointer, { kind: "remove", segments: inJob.segments }, { before: git });
    if (over?.exists && j.projectDoc) {
      const top: Place = { doc: j.projectDoc, segments: [...j.overrideRoot, ...over.segments], route: "target override" };
      edit(j, top, pointer, { kind: "remove", segments: top.segments }, { before: git });
    }
    return;
  }
  if (over?.exists && j.projectDoc) {
    const top: Place = { doc: j.projectDoc, segments: [...j.overrideRoot, ...over.segments], route: "target override" };
    if (inJob.exists || inDefaults) return edit(j, top, pointer, { kind: "set", segments: top.segments, value }, { before: git, after: value });
    return edit(j, top, pointer, { kind: "remove", segments: top.segments, prune: true }, { before: git });
  }
  if (inJob.exists) {
    const mine: Place = { doc: j.jobDoc, segments: inJob.segments, route: "job file" };
    if (inDefaults) return edit(j, mine, pointer, { kind: "set", segments: mine.segments, value }, { before: git, after: value });
    return edit(j, mine, pointer, { kind: "remove", segments: mine.segments, prune: true }, { before: git });
  }
  edit(j, place, pointer, { kind: "set", segments: place.segments, value }, { before: git, after: value });
}

/** The name a secret at `canonical` is stored under: its key, or the parameter's name for a parameter's default. */
function secretStem(canonical: readonly string[]): string {
  const leaf = canonical[canonical.length - 1] ?? "";
  return (leaf === "default" || leaf === "value") && canonical.length >= 2 ? (canonical[canonical.length - 2] as string) : leaf;
}

/** Databricks secret references and dynamic values are not secrets themselves. */
const REFERENCE = /^\s*\{\{[^}]+\}\}\s*$/;

/**
 * The value with every secret-looking string (a credential's shape, or a literal under a secret-looking key)
 * replaced by `${var.<job>_<key>}`: git never gets the clear text. The variables are declared in
 * jobform.yaml and reported; their values come from JOBFORM_VAR_<name> or --var.
 */
function withoutSecrets(j: Job, value: unknown, key: string, pointer: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(j, v, key, pointer));
  if (isPlainObject(value)) {
    // A parameter's `default` (or a name/value pair's `value`) is named after the parameter it belongs to.
    const named = (k: string) => ((k === "default" || k === "value") && typeof value.name === "string" && value.name !== "" ? value.name : k);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(j, v, named(k), pointer)]));
  }
  if (typeof value !== "string" || REFERENCE.test(value) || value.length < 4) return value;
  if (maskString(value) === value && !SECRET_NAME.test(key)) return value;
  const taken = new Set([...Object.keys(isPlainObject(j.input.project?.variables) ? j.input.project.variables : {}), ...j.out.secrets.map((s) => s.name)]);
  const stem = `${j.job.key}_${key}`.replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z_]/, "_$&");
  let name = stem;
  for (let n = 2; taken.has(name); n++) name = `${stem}_${n}`;
  j.out.secrets.push({ name, value });
  if (j.projectDoc) {
    const place: Place = { doc: j.projectDoc, segments: ["variables", name], route: "target variable", note: `the workspace's value looks like a secret: git gets \${var.${name}}; set JOBFORM_VAR_${name} (or --var ${name}=…) where jobform runs` };
    edit(j, place, pointer, { kind: "set", segments: place.segments, value: { description: `secret of ${j.job.key} ${pointer}, pulled from the workspace; its value is not kept in git` } }, { after: `\${var.${name}}` });
  }
  return `\${var.${name}}`;
}

/**
 * A plain list (a task's command-line parameters) where the items holding templates resolve to what the
 * workspace has: the list with those items as git writes them (so they stay templates), or undefined when
 * a templated item changed.
 */
function keepTemplatedItems(o: Origin, git: unknown, want: unknown): unknown[] | undefined {
  if (!Array.isArray(git) || !Array.isArray(want)) return undefined;
  const raw: unknown = o.document.doc.getIn(o.segments, true);
  const written: unknown = isSeq(raw) ? raw.toJSON() : undefined;
  if (!Array.isArray(written) || written.length !== git.length) return undefined;
  const out = [...want];
  for (let i = 0; i < written.length; i++) {
    if (typeof written[i] !== "string" || !(written[i] as string).includes("${")) continue;
    if (i >= want.length || !same(git[i], want[i])) return undefined;
    out[i] = written[i];
  }
  return out;
}

/** How a template's value is adopted: through the target's variable when only it uses that variable, else reported. */
function templated(j: Job, f: FieldChange, template: string, want: unknown, git: unknown): void {
  const name = /^\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(template)?.[1];
  const t = j.input.target;
  const vars = t ? valueAt(j.input.project, ["targets", t, "variables"]) : undefined;
  const uses = name ? [...j.input.documents.values()].reduce((n, d) => n + d.text.split(`\${var.${name}}`).length - 1, 0) : 0;
  if (name && t && j.projectDoc && isPlainObject(vars) && Object.hasOwn(vars, name) && uses === 1 && want !== undefined && !isPlainObject(want) && !Array.isArray(want)) {
    const place: Place = { doc: j.projectDoc, segments: ["targets", t, "variables", name], route: "target variable", note: `${template} is set by target ${t}'s variables; its value there is updated` };
    edit(j, place, f.path, { kind: "set", segments: place.segments, value: want }, { before: git, after: want });
    return;
  }
  const why = name && uses > 1 ? `; the variable is used in ${uses} places` : "";
  leave(j, f.path, `git holds the template ${template} here, which resolves to a different value${why}; it is not overwritten with a literal`, { git, live: want, template });
}

function fieldEdit(j: Job, f: FieldChange): void {
  const canonical = pointerSegments(f.path);
  const { segments, rest } = documentPath(j.job.document, canonical);
  const raw = apiValueAt(j.live.settings, canonical);
  const dflt = defaultAt(canonical, j.live.settings);
  let want: unknown = f.op === "add" ? undefined : f.before;
  // A server default is not written: the key goes (or, where a lower layer sets it, the default is written).
  if (want !== undefined && dflt !== undefined && same(want, dflt)) want = undefined;
  if (want === undefined && canonical[canonical.length - 1] === "num_workers" && raw === 0) want = 0;
  if (want !== undefined) want = withoutSecrets(j, withZeroWorkers(escapeRefs(isPlainObject(want) ? withoutComputed(want, canonical) : want), raw), secretStem(canonical), f.path);
  const git = rest.length === 0 ? valueAt(j.job.document, segments) : undefined;
  const resolved = j.input.resolved?.get(j.job.key);
  const at = rest.length ? [...segments, rest[0] as string] : segments;
  if (resolved && !same(valueAt(resolved, at), valueAt(j.job.document, at)))
    return leave(j, f.path, "the target's development mode sets this value when it deploys; it is not git's to change", { git, live: want });
  if (rest.length === 0) {
    const o = origin(j, segments);
    // A template is kept, unless the workspace dropped the whole object it sits in.
    const template = templateAt(o);
    const kept = template !== undefined ? keepTemplatedItems(o, git, want) : undefined;
    if (kept !== undefined) want = kept;
    else if (template !== undefined && !(want === undefined && git !== null && typeof git === "object")) return templated(j, f, template, want, git);
    const place = overridden(j, segments, placeOf(j, segments));
    if (!place) return leave(j, f.path, "the value comes from jobform.yaml and the job file has no place for it", { git, live: want });
    if (want !== undefined) return edit(j, place, f.path, { kind: "set", segments: place.segments, value: want }, { before: git, after: want });
    return unset(j, f.path, segments, place, git, dflt);
  }
  if (want === undefined) return leave(j, f.path, "the field is not where git's definition has it (a renamed field)", { live: want });
  const place = overridden(j, segments, placeOf(j, segments), rest);
  if (!place) return leave(j, f.path, "the value comes from jobform.yaml and the job file has no place for it", { live: want });
  const parent = valueAt(j.job.document, segments);
  if (Array.isArray(parent) && rest.length === 1 && listAddressing(canonical.slice(0, -1)) !== "position")
    return edit(j, place, f.path, { kind: "append", segments: place.segments, value: want }, { after: want });
  edit(j, place, f.path, { kind: "set", segments: [...place.segments, ...rest], value: want }, { after: want });
}

const PRINCIPAL_FIELD = { user: "user_name", group: "group_name", service_principal: "service_principal_name" } as const;

function permissionEdit(j: Job, p: PermissionChange): void {
  const pointer = `/permissions/${p.principal}`;
  const list = j.job.document.permissions;
  const at = Array.isArray(list) ? list.findIndex((e) => principalOf(e)?.name === p.principal && principalOf(e)?.kind === p.kind) : -1;
  if (at < 0 && p.before === undefined) return leave(j, pointer, `git names no owner, so apply makes the deploying identity IS_OWNER; the workspace has another owner`, { git: p.after });
  if (at < 0) {
    // The workspace's spelling of the principal (git compares it in lower case).
    const entry = (Array.isArray(j.live.permissions) ? j.live.permissions : []).find((e) => principalOf(e)?.name === p.principal);
    const field = PRINCIPAL_FIELD[parsePrincipalKey(`${p.kind}:${p.principal}`).kind];
    const name = isPlainObject(entry) && typeof entry[field] === "string" ? entry[field] : p.principal;
    const value = { [field]: name, permission_level: p.before };
    const over = j.projectDoc ? valueAt(j.projectDoc.value, [...j.overrideRoot, "permissions"]) : undefined;
    const place: Place = Array.isArray(over) && j.projectDoc ? { doc: j.projectDoc, segments: [...j.overrideRoot, "permissions"], route: "target override" } : { doc: j.jobDoc, segments: ["permissions"], route: "job file" };
    return edit(j, place, pointer, { kind: "append", segments: place.segments, value }, { after: value });
  }
  const place = placeOf(j, ["permissions", String(at)]);
  if (!place || place.note !== undefined) return leave(j, pointer, "the grant comes from the target's permissions in jobform.yaml, which every job of the target shares", { git: p.after, live: p.before });
  // A revoked grant goes from the job file and from this target's override, wherever either names it.
  if (p.before === undefined) return unset(j, pointer, ["permissions", String(at)], place, p.after, undefined);
  const level = placeOf(j, ["permissions", String(at), "permission_level"]) ?? place;
  edit(j, level, pointer, { kind: "set", segments: level.segments, value: p.before }, { before: p.after, after: p.before });
}

function jobEdits(input: PullInput, change: JobChange, out: PullResult): void {
  const job = input.jobs.find((d) => d.key === change.key);
  const live = input.live.get(change.key);
  const jobDoc = job ? input.documents.get(job.file) : undefined;
  if (!job || !live || !jobDoc) return;
  const j: Job = { input, job, live, jobDoc, projectDoc: input.documents.get(PROJECT_FILE), overrideRoot: ["targets", input.target ?? "", "jobs", job.key], out };
  for (const f of change.fields) fieldEdit(j, f);
  for (const p of change.permissions) permissionEdit(j, p);
}

/** The edits that bring git to the workspace's settings for every job the plan would update. */
export function computePull(input: PullInput): PullResult {
  const out: PullResult = { edits: [], left: [], missing: [], secrets: [] };
  for (const change of input.plan.changes) {
    if (change.action === "create") out.missing.push(change.key);
    else if (change.action === "update") jobEdits(input, change, out);
    if (change.acl_unread) out.left.push({ key: change.key, pointer: "/permissions", reason: "the access list could not be read (403: it takes CAN_MANAGE); permissions are left as git has them" });
  }
  return out;
}
