// The console's page: a hash router over the jobs table and the job view, the run drawer on top.
import "./style.css";
import { get } from "./api.js";
import { h } from "./dom.js";
import { app } from "./app.js";
import { forgetLastRuns, renderJobs } from "./jobs-view.js";
import type { JobsViewState } from "./jobs-view.js";
import { renderJob } from "./job-view.js";
import type { Tab } from "./job-view.js";
import { closeDrawer, openDrawer } from "./runs-view.js";
import type { JobDetail, JobsOverview } from "./types.js";

const main = document.getElementById("main") as HTMLElement;
const where = document.getElementById("where") as HTMLElement;
const filters: JobsViewState = { search: "", owner: "", tag: "", status: "", sync: "" };
let overview: Promise<JobsOverview> | undefined;

function loadOverview(refresh = false): Promise<JobsOverview> {
  if (!overview || refresh) {
    overview = get<JobsOverview>(`/api/jobs${refresh ? "?refresh=1" : ""}`);
    overview.catch(() => (overview = undefined));
  }
  return overview;
}

function failed(e: unknown): void {
  main.replaceChildren(h("h1", {}, "The console could not read the project or the workspace"), h("pre", { class: "error", id: "load-error" }, (e as Error).message));
}

async function show(refresh = false): Promise<void> {
  const route = location.hash.replace(/^#\/?/, "").split("/");
  main.setAttribute("aria-busy", "true");
  try {
    const data = await loadOverview(refresh);
    where.textContent = `${data.project} · target ${data.target ?? "(default)"} · ${data.host ?? ""}`;
    if (route[0] === "job" && route[1]) {
      const ref = decodeURIComponent(route[1]);
      const tab = (["graph", "diff", "details", "runs"].includes(route[2] ?? "") ? route[2] : "graph") as Tab;
      const detail = await get<JobDetail>(`/api/jobs/${encodeURIComponent(ref)}`);
      document.title = `${detail.row.name} · jobform console`;
      renderJob(main, detail, tab, (t) => (location.hash = `#/job/${encodeURIComponent(ref)}/${t}`));
    } else {
      document.title = "Jobs · jobform console";
      renderJobs(main, data, filters, (ref) => (location.hash = `#/job/${encodeURIComponent(ref)}`));
    }
  } catch (e) {
    failed(e);
  } finally {
    main.removeAttribute("aria-busy");
  }
}

app.refresh = async () => {
  forgetLastRuns();
  await show(true);
};
app.openRun = (runId) => openDrawer(runId);
app.runsChanged = (jobId) => forgetLastRuns(jobId);
app.openJob = (ref) => (location.hash = `#/job/${encodeURIComponent(ref)}`);

window.addEventListener("hashchange", () => void show());
document.getElementById("refresh")?.addEventListener("click", () => void app.refresh());
document.addEventListener("keydown", (e) => {
  const target = e.target as HTMLElement;
  const typing = target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
  if (e.key === "Escape" && !(document.getElementById("drawer") as HTMLElement).hidden) closeDrawer();
  if (e.key === "/" && !typing) {
    const search = document.getElementById("search");
    if (search) {
      e.preventDefault();
      search.focus();
    }
  }
});
void show();
