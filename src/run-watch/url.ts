/** The run page: runs/get's run_page_url as the workspace gave it, else the classic fragment form. */
export function runPageUrl(host: string, runId: number | bigint | string, fromApi: string | undefined): string {
  if (fromApi) return fromApi;
  // A one-off run has no job of its own to name; the fragment route resolves a run id on its own.
  return `${host.replace(/\/+$/, "")}/#job/${runId.toString()}/run/1`;
}
