// `jobform pull` without its I/O: plan, turn the plan's changes into edits of the files they came from,
// make them on the texts, then plan again from the edited texts. The files are only worth writing when
// that second plan is empty or holds exactly what pull reported as left alone (the edits "settle").
import type { Diagnostic } from "../diagnostic.js";
import type { LoadedDocument, SourceFile } from "../load.js";
import { planJobs } from "../plan.js";
import type { LiveJob, Plan, PlanOptions } from "../plan-types.js";
import { checkProject } from "../project.js";
import type { CheckedProject } from "../project.js";
import type { DesiredJob, ResolveOptions } from "../resolve.js";
import type { Schemas } from "../schema-check.js";
import { applyEdits, unsettled } from "./apply-edits.js";
import { computePull } from "./compute.js";
import type { LeftAlone, PullEdit } from "./types.js";

export interface PullProjectInput {
  files: readonly SourceFile[];
  /** The project as checked from `files` (no errors). */
  checked: CheckedProject;
  resolve: ResolveOptions;
  schemas: Schemas;
  /** Every job the workspace has (managed and not): what the plan pairs by tags. */
  live: readonly LiveJob[];
  options: PlanOptions;
  /** The resolved jobs as the target deploys them (development mode renames and pauses them). */
  deployed?: (jobs: readonly DesiredJob[]) => DesiredJob[];
}

export interface PullOutcome {
  edits: PullEdit[];
  left: LeftAlone[];
  missing: string[];
  /** Variables pull declared for secret-looking values (the values are never written). */
  secrets: { name: string; value: string }[];
  /** Before and after text of every file the edits change. */
  files: { file: string; before: string; after: string }[];
  /** What a plan from the edited files would still change beyond what was reported (empty: settled). */
  unsettled: string[];
  /** Errors of the edited project, when the edits broke it (then nothing may be written). */
  errors: Diagnostic[];
  /** Errors the edits would bring to other targets (a removed task another target's override still names). */
  otherTargets: { target: string; errors: Diagnostic[] }[];
  plan: Plan;
}

const utf8 = new TextEncoder();

export function pullProject(input: PullProjectInput): PullOutcome {
  const deployed = input.deployed ?? ((jobs) => [...jobs]);
  const jobs = deployed(input.checked.resolved.jobs);
  const plan = planJobs(jobs, input.live, input.options);
  const byId = new Map(input.live.map((l) => [l.jobId, l]));
  const live = new Map(plan.changes.flatMap((c) => (c.job_id !== undefined && byId.has(c.job_id) ? [[c.key, byId.get(c.job_id) as LiveJob] as const] : [])));
  const documents = new Map<string, LoadedDocument>();
  for (const d of [input.checked.projectDoc, ...input.checked.jobDocs]) if (d) documents.set(d.file, d);
  const resolved = new Map(input.checked.resolved.jobs.map((j) => [j.key, j.document]));
  const computed = computePull({ target: input.checked.resolved.target, project: input.checked.resolved.project, documents, jobs, plan, live, resolved });
  const texts = new Map([...documents].map(([file, d]) => [file, d.text]));
  const edited = applyEdits(texts, computed.edits);
  const left = [...computed.left, ...edited.refused];
  const files = [...edited.texts].map(([file, after]) => ({ file, before: texts.get(file) as string, after })).sort((a, b) => (a.file < b.file ? -1 : 1));
  const out: PullOutcome = { edits: edited.made, left, missing: computed.missing, secrets: computed.secrets, files, unsettled: [], errors: [], otherTargets: [], plan };
  if (files.length === 0) return out;
  const changed = input.files.map((f) => (edited.texts.has(f.path) ? { path: f.path, bytes: utf8.encode(edited.texts.get(f.path)) } : f));
  // The variables that now hold secret-looking workspace values have them for this plan only.
  const secrets = Object.fromEntries(computed.secrets.map((v) => [v.name, v.value]));
  const again = checkProject(changed, { ...input.resolve, vars: { ...secrets, ...input.resolve.vars } }, input.schemas);
  out.errors = again.all.filter((d) => d.severity === "error");
  if (out.errors.length === 0) out.unsettled = unsettled(planJobs(deployed(again.resolved.jobs), input.live, input.options), left);
  out.otherTargets = newErrorsElsewhere(input, changed);
  return out;
}

const errorsOf = (files: readonly SourceFile[], resolve: ResolveOptions, schemas: Schemas, target: string) =>
  checkProject(files, { ...resolve, target }, schemas).all.filter((d) => d.severity === "error");

/** Per other target of the project, the errors it has with the edited files and did not have before. */
function newErrorsElsewhere(input: PullProjectInput, changed: readonly SourceFile[]): { target: string; errors: Diagnostic[] }[] {
  const targets = input.checked.resolved.project?.targets;
  const others = targets && typeof targets === "object" ? Object.keys(targets).filter((t) => t !== input.checked.resolved.target) : [];
  return others.flatMap((target) => {
    const key = (d: Diagnostic) => `${d.file} ${d.code} ${d.message}`;
    const before = new Set(errorsOf(input.files, input.resolve, input.schemas, target).map(key));
    const errors = errorsOf(changed, input.resolve, input.schemas, target).filter((d) => !before.has(key(d)));
    return errors.length ? [{ target, errors }] : [];
  });
}
