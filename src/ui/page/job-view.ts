// One job: header with its sync status and actions, then tabs — graph (with the task panel), the plan's
// field-level diff, the job's details side by side, and its runs.
import { h, show } from "./dom.js";
import { renderDag } from "./dag-view.js";
import { taskPanel } from "./task-panel.js";
import { syncBadge, triggerText } from "./jobs-view.js";
import { canPause, canRun, pauseDialog, runNowDialog } from "./actions.js";
import { renderRunsTab } from "./runs-view.js";
import { app } from "./app.js";
import type { JobDetail } from "./types.js";

export type Tab = "graph" | "diff" | "details" | "runs";
const TABS: [Tab, string][] = [
  ["graph", "Graph"],
  ["diff", "Diff"],
  ["details", "Details"],
  ["runs", "Runs"],
];

function diffTab(d: JobDetail): HTMLElement {
  const c = d.change;
  if (!c) return h("p", {}, d.row.sync === "Unmanaged" ? "This job has no jobform ownership tags: git does not manage it, so there is nothing to compare." : "git has no file for this job any more: apply with --prune would delete it.");
  if (c.action === "no-op" && c.fields.length === 0 && c.permissions.length === 0) return h("p", { class: "ok" }, "Synced: git and the workspace agree (the plan has nothing to do).");
  const verb = { create: "create", update: "update", delete: "delete", "no-op": "update permissions of" }[c.action];
  return h(
    "div",
    { class: "diff" },
    h("p", {}, `apply would ${verb} this job${c.strategy !== "none" ? ` (${c.strategy})` : ""}: ${c.fields.length} field${c.fields.length === 1 ? "" : "s"}, ${c.permissions.length} permission${c.permissions.length === 1 ? "" : "s"}.`),
    c.risks.length ? h("ul", { class: "risks" }, ...c.risks.map((r) => h("li", {}, `⚠ ${r.message}`))) : null,
    c.fields.length
      ? h(
          "table",
          { class: "sides" },
          h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "path"), h("th", {}, "workspace (before)"), h("th", {}, "git (after)"))),
          h("tbody", {}, ...c.fields.map((f) => h("tr", { class: `op-${f.op}` }, h("td", { class: "op" }, f.op === "add" ? "+" : f.op === "remove" ? "−" : "~"), h("th", { scope: "row" }, f.path), h("td", {}, show(f.before)), h("td", {}, show(f.after))))),
        )
      : null,
    c.permissions.length ? h("table", { class: "sides" }, h("thead", {}, h("tr", {}, h("th", {}, "principal"), h("th", {}, "before"), h("th", {}, "after"))), h("tbody", {}, ...c.permissions.map((p) => h("tr", {}, h("th", {}, `${p.kind} ${p.principal}`), h("td", {}, p.before ?? "—"), h("td", {}, p.after ?? "—"))))) : null,
  );
}

function detailsTab(d: JobDetail): HTMLElement {
  return h(
    "table",
    { class: "sides details" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "field"), h("th", { scope: "col" }, "git"), h("th", { scope: "col" }, "workspace"))),
    h("tbody", {}, ...d.details.map((f) => h("tr", { class: f.changed ? "changed" : "" }, h("th", { scope: "row" }, f.field), h("td", {}, h("pre", {}, f.git === undefined ? "—" : JSON.stringify(f.git, null, 2))), h("td", {}, h("pre", {}, f.workspace === undefined ? "—" : JSON.stringify(f.workspace, null, 2)))))),
  );
}

function graphTab(d: JobDetail): HTMLElement {
  const panelSlot = h("div", { class: "panel-slot" });
  let lastFocus: Element | null = null;
  const close = () => {
    panelSlot.replaceChildren();
    (lastFocus as HTMLElement | SVGElement | null)?.focus();
  };
  const pick = (taskId: string) => {
    lastFocus = document.activeElement;
    const panel = taskPanel(taskId, d.tasks[taskId.split("/")[0] as string], close);
    panelSlot.replaceChildren(panel);
    (panel.querySelector("button") as HTMLElement | null)?.focus();
  };
  const legend = h("p", { class: "legend" }, h("span", { class: "mark-added" }, "+ added"), h("span", { class: "mark-changed" }, "~ changed"), h("span", { class: "mark-removed" }, "− removed"), h("span", {}, "◇ condition · ▣ for each · dashed: inner task"));
  if (d.dag.nodes.length === 0) return h("p", {}, "This job has no tasks.");
  return h("div", { class: "graph-tab" }, h("div", { class: "dag-wrap" }, renderDag(d.dag, pick)), panelSlot, legend);
}

export function renderJob(main: HTMLElement, d: JobDetail, tab: Tab, go: (tab: Tab) => void): void {
  const r = d.row;
  const actions = h("div", { class: "job-actions" });
  if (canRun(r)) actions.append(h("button", { type: "button", id: "run-now", onclick: () => void runNowDialog(r, d.parameters).catch((e: unknown) => app.notify((e as Error).message, "error")) }, "Run now"));
  if (canPause(r)) actions.append(h("button", { type: "button", id: "pause", onclick: () => pauseDialog(r) }, r.paused ? "Unpause" : "Pause"));
  const head = h(
    "div",
    { class: "job-head" },
    h("p", {}, h("a", { href: "#/" }, "← Jobs")),
    h("h1", {}, r.name || "(no name)"),
    h("p", { class: "facts" }, syncBadge(r), " ", r.key ? `key ${r.key}` : "unmanaged", r.file ? ` · ${r.file}` : "", r.job_id ? ` · job ${r.job_id}` : " · not deployed", ` · ${triggerText(r)}`),
    actions,
  );
  const panel = h("div", { class: "tab-panel", role: "tabpanel", id: `tab-${tab}` });
  const tabs = h(
    "div",
    { class: "tabs", role: "tablist", "aria-label": "job views" },
    ...TABS.map(([id, label], i) =>
      h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `tabbtn-${id}`,
          "aria-selected": String(id === tab),
          tabindex: id === tab ? 0 : -1,
          onclick: () => go(id),
          onkeydown: (e) => {
            const k = (e as KeyboardEvent).key;
            const step = k === "ArrowRight" ? 1 : k === "ArrowLeft" ? -1 : 0;
            if (!step) return;
            const next = TABS[(i + step + TABS.length) % TABS.length] as [Tab, string];
            go(next[0]);
          },
        },
        label,
      ),
    ),
  );
  main.replaceChildren(head, tabs, panel);
  if (tab === "graph") panel.append(graphTab(d));
  else if (tab === "diff") panel.append(diffTab(d));
  else if (tab === "details") panel.append(detailsTab(d));
  else renderRunsTab(panel, r);
  (document.getElementById(`tabbtn-${tab}`) as HTMLElement | null)?.focus({ preventScroll: true });
}

