/**
 * `jobform run KEY`: run-now on the deployed job, say where the run is before waiting (a killed CI step
 * still leaves the id and link in its log), then follow it to the end.
 */
import { idToString } from "../lib/json.js";
import type { RunNowRequest } from "../databricks/index.js";
import { EXIT } from "../run-watch/state.js";
import { runPageUrl } from "../run-watch/url.js";
import { firstLook } from "../run-watch/first-look.js";
import { followRun } from "./follow.js";
import type { FollowOptions } from "./follow.js";
import type { RunsIo } from "./io.js";

export interface StartOptions extends Omit<FollowOptions, "url" | "first"> {
  wait: boolean;
}

export async function runJob(request: RunNowRequest, key: string, io: RunsIo, opts: StartOptions): Promise<number> {
  // The request carries one idempotency token; the client resends it on a retry, so a lost answer
  // returns the same run instead of starting a second one.
  const { run_id: runId } = await io.jobs.runNow(request);
  const first = await firstLook(io.runs, runId, { include_history: true }, io.signal);
  const url = runPageUrl(io.host, runId, first?.run_page_url);
  io.out(`Run ${idToString(runId)} of ${key} started: ${url}`);
  if (!opts.wait) return EXIT.success;
  return followRun(runId, io, { ...opts, url, first });
}
