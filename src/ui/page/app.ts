// What views ask of the page as a whole: set by main.ts, so a view never imports another view's module.
export const app = {
  /** Re-read git and the workspace, then redraw the current view. */
  refresh: async (): Promise<void> => {},
  openRun: (_runId: string): void => {},
  /** A run started or changed: the jobs table's cached last run of that job is stale. */
  runsChanged: (_jobId?: string): void => {},
  openJob: (_ref: string): void => {},
  notify: (message: string, kind: "info" | "error" = "info"): void => {
    const el = document.getElementById("notice");
    if (!el) return;
    el.textContent = message;
    el.className = `notice ${kind}`;
  },
};
