// Run now and pause/unpause, from the jobs table and the job view: each asks first, then one API call.
import { post } from "./api.js";
import { openDialog } from "./dialogs.js";
import { h } from "./dom.js";
import { app } from "./app.js";
import type { JobRow } from "./types.js";
import { get } from "./api.js";
import type { JobDetail } from "./types.js";

export function canRun(row: JobRow): boolean {
  return row.key !== undefined && row.job_id !== undefined;
}

export function canPause(row: JobRow): boolean {
  return row.key !== undefined && row.file !== undefined && row.job_id !== undefined && row.paused !== undefined;
}

/** The run-now form: one field per job parameter, filled with its default. */
export async function runNowDialog(row: JobRow, known?: JobDetail["parameters"]): Promise<void> {
  const parameters = known ?? (await get<JobDetail>(`/api/jobs/${encodeURIComponent(row.ref)}`)).parameters;
  const inputs = parameters.map((p) => ({ name: p.name, input: h("input", { type: "text", name: p.name, value: p.default, id: `param-${p.name}` }) }));
  const body = inputs.length
    ? [h("p", {}, `Job parameters of ${row.name} (defaults filled in):`), ...inputs.map((i) => h("label", { class: "field", for: `param-${i.name}` }, h("span", {}, i.name), i.input))]
    : [h("p", {}, `${row.name} has no job parameters; it runs with its settings as deployed.`)];
  openDialog(`Run ${row.name} now`, body, "Run now", async () => {
    const params: Record<string, string> = {};
    // Only what the user changed is sent: the others keep the job's defaults, as `jobform run` does.
    for (const { name, input } of inputs) if (input.value !== parameters.find((p) => p.name === name)?.default) params[name] = input.value;
    const started = await post<{ run_id: string; url: string }>(`/api/jobs/${encodeURIComponent(row.ref)}/run-now`, { params });
    app.notify(`run ${started.run_id} of ${row.name} started`);
    app.runsChanged(row.job_id);
    app.openRun(String(started.run_id));
  });
}

export function pauseDialog(row: JobRow): void {
  const status = row.paused ? "UNPAUSED" : "PAUSED";
  const verb = row.paused ? "Unpause" : "Pause";
  openDialog(
    `${verb} ${row.name}`,
    [h("p", {}, `This sets pause_status: ${status} in ${row.file} (comments and layout kept) and sends one jobs/update to job ${row.job_id}, so git and the workspace agree. Commit the file afterwards.`)],
    verb,
    async () => {
      const done = await post<{ file: string; message: string; warning?: string }>(`/api/jobs/${encodeURIComponent(row.ref)}/pause`, { status });
      app.notify(`${done.message}. Commit ${done.file}.${done.warning ? ` Warning: ${done.warning}` : ""}`);
      await app.refresh();
    },
  );
}

export function rowActions(row: JobRow): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (canRun(row)) out.push(h("button", { type: "button", class: "small", "data-action": "run", onclick: () => void runNowDialog(row).catch((e: unknown) => app.notify((e as Error).message, "error")) }, "Run now"));
  if (canPause(row)) out.push(h("button", { type: "button", class: "small", "data-action": "pause", onclick: () => pauseDialog(row) }, row.paused ? "Unpause" : "Pause"));
  return out;
}
