/**
 * What the run operations need from the outside world, injected so tests drive them in-process against
 * the emulator with a simulated clock and a scripted Ctrl-C.
 */
import type { Clock, JobsApi, RunsApi } from "../databricks/index.js";

export interface RunsIo {
  jobs: Pick<JobsApi, "list" | "get" | "runNow">;
  runs: Pick<RunsApi, "get" | "getOutput" | "listSome" | "cancel" | "repair">;
  host: string;
  /** Who the credentials are (scim/v2/Me): development-mode targets deploy one copy per user. */
  whoAmI?: () => Promise<string>;
  /** Monotonic time for polling and timeouts. */
  clock: Clock;
  /** Epoch milliseconds, to measure a running task against its start_time (the clock above is monotonic). */
  wallNow: () => number;
  random?: () => number;
  /** One line of the command's result (stdout). */
  out: (line: string) => void;
  /** Progress notes, warnings, errors and hints (stderr). */
  err: (line: string) => void;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}
