/** The run page: runs/get's run_page_url as the workspace gave it, else the classic fragment form. */
export function runPageUrl(host: string, runId: number | bigint | string, fromApi: string | undefined): string {
  if (fromApi) return fromApi;
  // The fragment route resolves a run id without its job id, which a one-off run does not have.
  return `${host.replace(/\/+$/, "")}/#job/${runId.toString()}/run/1`;
}
