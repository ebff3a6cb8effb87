/**
 * `jobform jobs list`: every job in the workspace with what a person scans for first (how many tasks,
 * when it last ran and how that went, what triggers it, who made it) and whose it is: this project's
 * (by the ownership tags, never by name), another jobform project's, or nobody's. Pure.
 */
import { idToString } from "../lib/json.js";
import type { BaseJob, Id, Run } from "../databricks/index.js";
import { KEY_TAG, OWNERSHIP_TAGS, ownershipOf } from "../core/ownership.js";
import type { Ownership } from "../core/ownership.js";
import { runOutcome } from "../run-watch/state.js";
import type { Phase } from "../run-watch/state.js";
import { rawStateWord, statusLabel } from "../run-watch/state-label.js";
import { renderTable } from "../render/text-table.js";
import type { Column } from "../render/text-table.js";
import { epochOf, formatTimestamp } from "./timestamps.js";
import { isPlainObject } from "../core/merge.js";
import { NARROW_WIDTH } from "./jobs-words.js";


export interface LastRun {
  run_id: Id;
  start_time?: number;
  /** The API's word (FAILED, TIMEDOUT, RUNNING…); `--status` matches it. */
  state: string;
  /** The Jobs UI's word, as the table shows it. */
  status: string;
  phase: Phase;
}

export interface JobSummary {
  job_id: Id;
  name: string;
  /** Undefined when jobs/list cut the task list (more than 100); the view says "100+". */
  task_count?: number;
  trigger: string;
  creator?: string;
  /** The user's tags; the ownership tags are shown as `ownership` instead. */
  tags: Record<string, string>;
  ownership: Ownership;
  last_run?: LastRun;
}



function paused(block: unknown): string {
  return isPlainObject(block) && block.pause_status === "PAUSED" ? " (paused)" : "";
}

/** What starts the job: the trigger kinds of the Jobs API, else a cron schedule, else only people and APIs. */
export function triggerKind(settings: Record<string, unknown>): string {
  if (isPlainObject(settings.continuous)) return `continuous${paused(settings.continuous)}`;
  const t = settings.trigger;
  if (isPlainObject(t)) {
    const kind = isPlainObject(t.periodic) ? "periodic" : isPlainObject(t.file_arrival) ? "file arrival" : isPlainObject(t.table_update) || isPlainObject(t.table) ? "table update" : "trigger";
    return `${kind}${paused(t)}`;
  }
  if (isPlainObject(settings.schedule)) {
    const cron = typeof settings.schedule.quartz_cron_expression === "string" ? ` ${settings.schedule.quartz_cron_expression}` : "";
    return `cron${cron}${paused(settings.schedule)}`;
  }
  return "manual";
}

export function summarizeJob(job: BaseJob, project: string | undefined, lastRun: Run | undefined): JobSummary {
  const settings = (job.settings ?? {}) as Record<string, unknown>;
  const rawTags = isPlainObject(settings.tags) ? settings.tags : {};
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawTags)) if (!(OWNERSHIP_TAGS as readonly string[]).includes(k)) tags[k] = String(v);
  const s: JobSummary = {
    job_id: job.job_id,
    name: typeof settings.name === "string" ? settings.name : "",
    trigger: triggerKind(settings),
    tags,
    ownership: ownershipOf(rawTags, project),
  };
  if (job.has_more !== true) s.task_count = Array.isArray(settings.tasks) ? settings.tasks.length : 0;
  if (job.creator_user_name) s.creator = job.creator_user_name;
  if (lastRun) {
    const o = runOutcome(lastRun);
    const last: LastRun = { run_id: lastRun.run_id, state: rawStateWord(o), status: statusLabel(o), phase: o.phase };
    const start = epochOf(lastRun.start_time);
    if (start !== undefined) last.start_time = start;
    s.last_run = last;
  }
  return s;
}

export interface JobFilters {
  /** `k=v` (that value) or `k` (any value); every one must match. */
  tags: readonly string[];
  owner?: string;
  status?: string;
  search?: string;
}

/** The filters that need no run history, applied before any runs/list call is spent on a job. */
export function matchesStatic(job: BaseJob, f: JobFilters): boolean {
  const settings = (job.settings ?? {}) as Record<string, unknown>;
  const tags = isPlainObject(settings.tags) ? settings.tags : {};
  for (const t of f.tags) {
    const eq = t.indexOf("=");
    const [k, v] = eq < 0 ? [t, undefined] : [t.slice(0, eq), t.slice(eq + 1)];
    if (!(k in tags) || (v !== undefined && String(tags[k]) !== v)) return false;
  }
  if (f.owner !== undefined) {
    const who = [job.creator_user_name, job.run_as_user_name].filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase());
    if (!who.includes(f.owner.toLowerCase())) return false;
  }
  if (f.search !== undefined) {
    const needle = f.search.toLowerCase();
    const hay = [typeof settings.name === "string" ? settings.name : "", idToString(job.job_id), typeof tags[KEY_TAG] === "string" ? tags[KEY_TAG] : ""];
    if (!hay.some((h) => h.toLowerCase().includes(needle))) return false;
  }
  return true;
}

export { STATUS_WORDS } from "./jobs-words.js";

/** `--status` is one of STATUS_WORDS, or a raw state word of the last run (FAILED, TIMEDOUT, QUEUED…). */
export function matchesStatus(s: JobSummary, status: string | undefined): boolean {
  if (status === undefined) return true;
  const want = status.toLowerCase();
  if (want === "never") return s.last_run === undefined;
  if (!s.last_run) return false;
  if (want === "canceled") return s.last_run.phase === "cancelled";
  return s.last_run.phase === want || s.last_run.state.toLowerCase() === want;
}

function ownershipText(o: Ownership): string {
  if (o.kind === "managed") return `managed: ${o.key}`;
  if (o.kind === "other-project") return `project ${o.project}: ${o.key}`;
  return "unmanaged";
}

export { NARROW_WIDTH } from "./jobs-words.js";

export function renderJobsTable(jobs: readonly JobSummary[], opts: { wide?: boolean } = {}): string[] {
  if (jobs.length === 0) return ["no jobs"];
  const columns: (Column & { cell: (j: JobSummary) => string; wideOnly?: boolean })[] = [
    { header: "JOB ID", cell: (j) => idToString(j.job_id) },
    { header: "NAME", shrink: true, cell: (j) => j.name },
    { header: "TASKS", align: "right", cell: (j) => (j.task_count === undefined ? "100+" : String(j.task_count)) },
    { header: "LAST RUN", cell: (j) => formatTimestamp(j.last_run?.start_time) },
    { header: "STATUS", shrink: true, cell: (j) => j.last_run?.status ?? "never run" },
    { header: "TRIGGER", shrink: true, cell: (j) => j.trigger },
    { header: "CREATOR", wideOnly: true, cell: (j) => j.creator ?? "-" },
    { header: "OWNERSHIP", shrink: true, cell: (j) => ownershipText(j.ownership) },
    { header: "TAGS", wideOnly: true, cell: (j) => Object.entries(j.tags).map(([k, v]) => `${k}=${v}`).join(",") || "-" },
  ];
  const shown = opts.wide ? columns : columns.filter((c) => !c.wideOnly);
  return renderTable(
    shown,
    jobs.map((j) => shown.map((c) => c.cell(j))),
    opts.wide ? {} : { maxWidth: NARROW_WIDTH },
  );
}
