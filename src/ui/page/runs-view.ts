// A job's run history, and the run drawer: the per-task Gantt chart, each task's output or error, the
// link to the run page, cancel and repair. An active run is polled every few seconds while the drawer is
// open; the server's one client paces the calls with the rest under its rate limiter.
import { get, post } from "./api.js";
import { duration, h, when } from "./dom.js";
import { app } from "./app.js";
import type { JobRow, RunSummary, RunView, TaskOutput, TaskRunView } from "./types.js";

export const POLL_MS = 2000;

export function renderRunsTab(panel: HTMLElement, row: JobRow): void {
  if (row.job_id === undefined) {
    panel.append(h("p", {}, "Not deployed yet: no runs."));
    return;
  }
  panel.append(h("p", { class: "muted" }, "loading runs…"));
  get<RunSummary[]>(`/api/jobs/${encodeURIComponent(row.ref)}/runs`)
    .then((runs) => {
      if (runs.length === 0) return panel.replaceChildren(h("p", {}, "No runs yet."));
      panel.replaceChildren(
        h(
          "table",
          { class: "runs", id: "runs-table" },
          h("thead", {}, h("tr", {}, ...["Run", "Status", "Start", "Duration", "Trigger"].map((t) => h("th", { scope: "col" }, t)))),
          h(
            "tbody",
            {},
            ...runs.map((r) =>
              h(
                "tr",
                {},
                h("td", {}, h("a", { href: `#run-${r.run_id}`, "data-run": String(r.run_id), onclick: (e) => (e.preventDefault(), app.openRun(String(r.run_id))) }, String(r.run_id))),
                h("td", {}, h("span", { class: `phase phase-${r.phase}` }, r.status)),
                h("td", {}, when(r.start_time)),
                h("td", {}, duration(r.duration_ms)),
                h("td", {}, r.trigger ?? "—"),
              ),
            ),
          ),
        ),
      );
    })
    .catch((e: unknown) => panel.replaceChildren(h("p", { class: "error" }, (e as Error).message)));
}

/** Bars on a shared scale: offset and length as percentages of the run's span so far. */
export function gantt(tasks: readonly TaskRunView[]): HTMLElement {
  const span = Math.max(1, ...tasks.map((t) => (t.start_offset_ms ?? 0) + (t.duration_ms ?? 0)));
  return h(
    "div",
    { class: "gantt", role: "table", "aria-label": "task timeline", id: "gantt" },
    ...tasks.map((t) => {
      const left = ((t.start_offset_ms ?? 0) / span) * 100;
      const width = t.start_offset_ms === undefined ? 0 : Math.max(0.8, ((t.duration_ms ?? 0) / span) * 100);
      const label = `${t.task_key}${t.attempt > 0 ? ` (retry ${t.attempt})` : ""}${t.repair > 0 ? ` (repair ${t.repair})` : ""}`;
      const its = t.iterations ? ` ${t.iterations.completed}/${t.iterations.total} iterations` : "";
      return h(
        "div",
        { class: "gantt-row", role: "row", "data-task": t.task_key },
        h("span", { class: "gantt-label", role: "cell" }, label),
        h("span", { class: "gantt-track", role: "cell" }, width ? h("span", { class: `gantt-bar phase-${t.phase}`, style: `left:${left.toFixed(2)}%;width:${Math.min(100 - left, width).toFixed(2)}%`, title: `${t.status} · ${duration(t.duration_ms)}` }) : null),
        h("span", { class: "gantt-status", role: "cell" }, `${t.status}${its}`, t.duration_ms !== undefined ? ` · ${duration(t.duration_ms)}` : ""),
      );
    }),
  );
}

function outputs(list: readonly TaskOutput[], urls: Readonly<Record<string, string>>): HTMLElement {
  if (list.length === 0) return h("p", { class: "muted" }, "No task output yet.");
  return h(
    "div",
    { class: "outputs", id: "outputs" },
    ...list.map((o) =>
      h(
        "section",
        { class: "output", "data-task": o.task_key },
        h(
          "h4",
          {},
          `${o.task_key} · `,
          h("span", { class: `phase phase-${o.status === "Succeeded" ? "success" : o.state === "RUNNING" ? "running" : "failed"}` }, o.status),
          urls[String(o.run_id)] ? h("a", { href: urls[String(o.run_id)], target: "_blank", rel: "noopener noreferrer", class: "task-link" }, "task run page, logs, Spark UI") : null,
        ),
        o.result !== undefined ? h("p", {}, h("strong", {}, "result: "), o.result) : null,
        o.error ? h("p", { class: "error task-error" }, h("strong", {}, "error: "), o.error) : null,
        o.error_trace ? h("details", {}, h("summary", {}, "trace"), h("pre", {}, o.error_trace)) : null,
        o.logs ? h("details", {}, h("summary", {}, `logs${o.logs_truncated ? " (last part)" : ""}`), h("pre", {}, o.logs)) : null,
        o.output_error ? h("p", { class: "muted" }, `output could not be read: ${o.output_error}`) : null,
        !o.result && !o.error && !o.logs && !o.output_error ? h("p", { class: "muted" }, "no output") : null,
      ),
    ),
  );
}

let polling: number | undefined;

export function closeDrawer(): void {
  const drawer = document.getElementById("drawer") as HTMLElement;
  window.clearTimeout(polling);
  polling = undefined;
  drawer.hidden = true;
  drawer.replaceChildren();
}

export function openDrawer(runId: string): void {
  const drawer = document.getElementById("drawer") as HTMLElement;
  window.clearTimeout(polling);
  drawer.hidden = false;
  drawer.dataset.run = runId;
  drawer.replaceChildren(h("p", { class: "muted" }, `loading run ${runId}…`));
  let outputsShown = false;
  const body = h("div", { class: "drawer-body" });
  const outputSlot = h("div", {});
  const draw = async () => {
    if (drawer.dataset.run !== runId || drawer.hidden) return;
    let run: RunView & { url: string; task_urls: Record<string, string>; active: boolean };
    try {
      run = await get(`/api/runs/${runId}`);
    } catch (e) {
      drawer.replaceChildren(h("p", { class: "error" }, (e as Error).message), h("button", { type: "button", onclick: closeDrawer }, "Close"));
      return;
    }
    const buttons = h("div", { class: "buttons" });
    if (run.active) buttons.append(h("button", { type: "button", id: "cancel-run", onclick: () => act("cancel") }, "Cancel run"));
    if (!run.active && run.phase !== "success") buttons.append(h("button", { type: "button", id: "repair-run", onclick: () => act("repair") }, "Repair failed tasks"));
    buttons.append(h("button", { type: "button", id: "close-drawer", onclick: closeDrawer }, "Close"));
    body.replaceChildren(
      h("h2", {}, `Run ${run.run_id}`, " ", h("span", { class: `phase phase-${run.phase}`, id: "run-status" }, run.status)),
      h("p", { class: "facts" }, `${run.job} · started ${when(run.start_time)} · ${duration(run.duration_ms)}${run.trigger ? ` · ${run.trigger}` : ""}`),
      h("p", {}, h("a", { href: run.url, target: "_blank", rel: "noopener noreferrer" }, "Run page"), " · each task's own page (its logs and Spark UI) is linked under Output"),
      buttons,
      h("h3", {}, "Timeline"),
      run.tasks.length ? gantt(run.tasks) : h("p", { class: "muted" }, "No task has been scheduled yet."),
      h("h3", {}, "Output"),
      outputSlot,
    );
    if (drawer.firstChild !== body) {
      drawer.replaceChildren(body);
      (drawer.querySelector("#close-drawer") as HTMLElement | null)?.focus();
    }
    // get-output is one call per task: asked once the run has ended, not on every poll.
    if (run.active) outputSlot.replaceChildren(h("p", { class: "muted" }, "Each task's output and error appear here when the run ends."));
    else if (!outputsShown) {
      try {
        outputSlot.replaceChildren(outputs(await get<TaskOutput[]>(`/api/runs/${runId}/output`), run.task_urls));
        outputsShown = true;
      } catch (e) {
        outputSlot.replaceChildren(h("p", { class: "muted" }, (e as Error).message));
      }
    }
    if (run.active) polling = window.setTimeout(() => void draw(), POLL_MS);
  };
  const act = (what: "cancel" | "repair") => {
    post<{ message: string }>(`/api/runs/${runId}/${what}`)
      .then((r) => {
        app.notify(r.message);
        app.runsChanged();
        outputsShown = false;
        window.clearTimeout(polling);
        void draw();
      })
      .catch((e: unknown) => app.notify((e as Error).message, "error"));
  };
  void draw();
}
