/**
 * The first runs/get after a run is started, for its page URL. Printed before any waiting, so a passing
 * failure here must not stop the command: it only costs the URL's exact form.
 */
import type { GetRunRequest, Id, Run, RunsApi } from "../databricks/index.js";
import { isTransient, withChildSignal } from "./wait.js";

export async function firstLook(runs: Pick<RunsApi, "get">, runId: Id, query: GetRunRequest, signal: AbortSignal | undefined): Promise<Run | undefined> {
  if (signal?.aborted) return undefined;
  try {
    return await withChildSignal(signal, (child) => runs.get(runId, query, { signal: child }));
  } catch (e) {
    if (!signal?.aborted && !isTransient(e)) throw e;
    return undefined;
  }
}
