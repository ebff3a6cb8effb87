// The jobs table: every job of the workspace beside git, filtered in place (plain DOM, no framework; the
// first screenful at once, the rest in slices). Last runs are fetched only for the rows on screen, a batch at
// a time, so the workspace sees one runs/list per job a person actually looks at; a run still going is read
// again every few seconds.
import { get } from "./api.js";
import { h, when } from "./dom.js";
import type { JobRow, JobsOverview, LastRun } from "./types.js";
import { rowActions } from "./actions.js";

export interface JobsViewState {
  search: string;
  owner: string;
  tag: string;
  status: string;
  sync: string;
}

const lastRuns = new Map<string, LastRun | null>();
/** When each cached last run was read: a running one is read again once it is older than RUNNING_STALE_MS. */
const readAt = new Map<string, number>();
const RUNNING_STALE_MS = 4_000;
const stale = (id: string) => lastRuns.get(id)?.phase === "running" && Date.now() - (readAt.get(id) ?? 0) >= RUNNING_STALE_MS;
/** The table's row watcher; replaced (and the old rows let go) each time the table is drawn. */
let observer: IntersectionObserver | undefined;
const FIRST_ROWS = 60;
const SLICE_ROWS = 200;
const STATUS_WORDS = ["Succeeded", "Failed", "Running", "Canceled", "Never run"];
const SYNC_WORDS = ["Synced", "OutOfSync", "Missing", "Not in git", "Unmanaged"];

export function syncText(row: Pick<JobRow, "sync" | "changed">): string {
  return row.sync === "OutOfSync" ? `OutOfSync (${row.changed ?? 0} field${row.changed === 1 ? "" : "s"})` : row.sync;
}

export function syncBadge(row: Pick<JobRow, "sync" | "changed">): HTMLElement {
  return h("span", { class: `badge sync-${row.sync.replace(/\s+/g, "-").toLowerCase()}` }, syncText(row));
}

export function triggerText(row: Pick<JobRow, "trigger" | "paused">): string {
  const t = row.trigger.replace(/ \(paused\)$/, "");
  return row.paused === undefined ? t : `${t} · ${row.paused ? "paused" : "active"}`;
}

function statusWord(last: LastRun | null | undefined): string {
  if (last === null) return "Never run";
  if (last === undefined) return "";
  return last.phase === "success" ? "Succeeded" : last.phase === "failed" ? "Failed" : last.phase === "running" ? "Running" : "Canceled";
}

function lastRunCell(cell: HTMLElement, last: LastRun | null | undefined): void {
  if (last === undefined) cell.replaceChildren(h("span", { class: "muted" }, "…"));
  else if (last === null) cell.replaceChildren(h("span", { class: "muted" }, "never run"));
  else cell.replaceChildren(h("span", { class: `phase phase-${last.phase}` }, last.status), " ", h("span", { class: "muted" }, when(last.start_time)));
}

function matches(row: JobRow, f: JobsViewState): boolean {
  if (f.sync && row.sync !== f.sync) return false;
  if (f.owner && row.creator !== f.owner && row.run_as !== f.owner) return false;
  if (f.tag) {
    const [k, v] = f.tag.split("=", 2) as [string, string | undefined];
    if (!(k in row.tags) || (v !== undefined && row.tags[k] !== v)) return false;
  }
  if (f.search) {
    const needle = f.search.toLowerCase();
    if (![row.name, row.key ?? "", row.job_id ?? ""].some((s) => s.toLowerCase().includes(needle))) return false;
  }
  if (f.status) {
    const last = row.job_id === undefined ? null : lastRuns.get(row.job_id);
    if (last !== undefined && statusWord(last) !== f.status) return false;
  }
  return true;
}

function select(label: string, id: string, values: string[], current: string, onChange: (v: string) => void): HTMLElement {
  const el = h("select", { id, onchange: (e) => onChange((e.target as HTMLSelectElement).value) }, h("option", { value: "" }, `any`), ...values.map((v) => h("option", { value: v, selected: v === current }, v)));
  return h("label", { class: "filter" }, `${label} `, el);
}

export function renderJobs(main: HTMLElement, data: JobsOverview, state: JobsViewState, openJob: (ref: string) => void): void {
  const rows = new Map<string, { row: JobRow; tr: HTMLTableRowElement; last: HTMLElement }>();
  const pending = new Set<string>();
  let timer: number | undefined;

  const flush = async () => {
    timer = undefined;
    const ids = [...pending].slice(0, 100);
    for (const id of ids) pending.delete(id);
    if (ids.length === 0) return;
    try {
      const got = await get<Record<string, LastRun | null>>(`/api/last-runs?ids=${ids.join(",")}`);
      for (const id of ids) lastRuns.set(id, got[id] ?? null);
    } catch {
      for (const id of ids) lastRuns.set(id, null);
    }
    for (const id of ids) readAt.set(id, Date.now());
    // A run still going is looked at again a little later, so its row (and the status filter) follow it.
    const running = ids.filter((id) => lastRuns.get(id)?.phase === "running");
    if (running.length) window.setTimeout(() => body.isConnected && running.forEach(want), RUNNING_STALE_MS);
    for (const r of rows.values()) if (r.row.job_id !== undefined && ids.includes(r.row.job_id)) lastRunCell(r.last, lastRuns.get(r.row.job_id));
    if (state.status) apply();
    if (pending.size) timer = window.setTimeout(() => void flush(), 0);
  };
  const want = (id: string) => {
    if ((lastRuns.has(id) && !stale(id)) || pending.has(id)) return;
    pending.add(id);
    if (timer === undefined) timer = window.setTimeout(() => void flush(), 30);
  };
  observer?.disconnect();
  observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const id = (e.target as HTMLElement).dataset.jobId;
      if (e.isIntersecting && id) want(id);
    }
  });

  const count = h("span", { class: "count", "aria-live": "polite" });
  const apply = () => {
    let shown = 0;
    for (const r of rows.values()) {
      const ok = matches(r.row, state);
      r.tr.hidden = !ok;
      if (ok) shown++;
      // A status filter needs the last run of every row it could keep.
      if (ok && state.status && r.row.job_id !== undefined) want(r.row.job_id);
    }
    count.textContent = `${shown} of ${data.rows.length} jobs${rows.size < data.rows.length ? " (loading…)" : ""}`;
  };

  const owners = [...new Set(data.rows.flatMap((r) => [r.creator, r.run_as]).filter((x): x is string => !!x))].sort();
  const tags = [...new Set(data.rows.flatMap((r) => Object.entries(r.tags).map(([k, v]) => `${k}=${v}`)))].sort();
  const search = h("input", { type: "search", id: "search", placeholder: "Search name, key or id  ( / )", value: state.search, "aria-label": "search jobs", oninput: (e) => ((state.search = (e.target as HTMLInputElement).value), apply()) });
  const filters = h(
    "div",
    { class: "filters" },
    search,
    select("Owner", "f-owner", owners, state.owner, (v) => ((state.owner = v), apply())),
    select("Tag", "f-tag", tags, state.tag, (v) => ((state.tag = v), apply())),
    select("Last run", "f-status", STATUS_WORDS, state.status, (v) => ((state.status = v), apply())),
    select("Sync", "f-sync", SYNC_WORDS, state.sync, (v) => ((state.sync = v), apply())),
    count,
  );

  const body = h("tbody");
  const buildRow = (row: JobRow) => {
    const link = h("a", { href: `#/job/${encodeURIComponent(row.ref)}`, onclick: (e) => (e.preventDefault(), openJob(row.ref)) }, row.name || "(no name)");
    const last = h("td", { class: "last" });
    if (row.job_id === undefined) last.replaceChildren(h("span", { class: "muted" }, "not deployed"));
    else lastRunCell(last, lastRuns.get(row.job_id));
    const tr = h(
      "tr",
      { "data-ref": row.ref, "data-job-id": row.job_id },
      h("td", { class: "name" }, link),
      h("td", {}, row.key ?? h("span", { class: "muted" }, "unmanaged")),
      h("td", {}, syncBadge(row)),
      h("td", { class: "num" }, row.task_count === undefined ? "100+" : row.task_count),
      h("td", {}, triggerText(row)),
      last,
      h("td", {}, row.creator ?? "—"),
      h("td", { class: "tags" }, ...Object.entries(row.tags).map(([k, v]) => h("span", { class: "tag" }, `${k}=${v}`))),
      h("td", { class: "actions" }, ...rowActions(row)),
    );
    tr.hidden = !matches(row, state);
    rows.set(row.ref, { row, tr, last });
    if (row.job_id !== undefined) observer?.observe(tr);
    return tr;
  };
  // The first screenful is built at once; the rest follows in slices between frames, so a table of
  // thousands of jobs is on screen (and usable) long before its last row exists.
  let built = 0;
  const buildSome = (n: number) => {
    const fragment = document.createDocumentFragment();
    const end = Math.min(data.rows.length, built + n);
    for (; built < end; built++) fragment.append(buildRow(data.rows[built] as JobRow));
    body.append(fragment);
  };
  buildSome(FIRST_ROWS);
  const more = () => {
    if (!body.isConnected) return;
    buildSome(SLICE_ROWS);
    if (built < data.rows.length) setTimeout(more, 0);
    else {
      apply();
      performance.mark("jobs-complete");
    }
  };
  const table = h(
    "table",
    { class: "jobs", id: "jobs-table" },
    h("thead", {}, h("tr", {}, ...["Name", "Key", "Sync", "Tasks", "Trigger", "Last run", "Creator", "Tags", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
    body,
  );
  const notes = data.notes.length ? h("details", { class: "notes" }, h("summary", {}, `${data.notes.length} note${data.notes.length === 1 ? "" : "s"} from the plan`), h("ul", {}, ...data.notes.map((n) => h("li", {}, n)))) : null;
  main.replaceChildren(h("h1", {}, "Jobs"), filters, ...(notes ? [notes] : []), h("div", { class: "table-wrap" }, table));
  apply();
  // For bench/ui-jobs.mjs: when the first screen was built, and (after the next frame) painted.
  performance.mark("jobs-rendered");
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("jobs-painted")));
  if (built < data.rows.length) setTimeout(more, 0);
  else performance.mark("jobs-complete");
}

/** Forget cached last runs (after an action that starts or changes runs). */
export function forgetLastRuns(jobId?: string): void {
  if (jobId === undefined) lastRuns.clear();
  else lastRuns.delete(jobId);
}
