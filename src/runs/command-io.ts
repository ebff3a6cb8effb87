/**
 * The glue the run commands share: a client for the addressed workspace, stdout/stderr, clocks and a
 * Ctrl-C signal, all replaceable so tests run the commands in-process against the emulator.
 */
import type { Command } from "commander";
import { systemClock } from "../databricks/index.js";
import type { Clock, DatabricksClient } from "../databricks/index.js";
import { stringifyJson } from "../lib/json.js";
import { UserError } from "../cli/errors.js";
import { openClient } from "../cli/workspace.js";
import { parseDuration } from "../lib/duration.js";
import type { RunsIo } from "./io.js";

export interface RunsCommandDeps {
  openClient?: (cmd: Command) => Promise<DatabricksClient>;
  clock?: Clock;
  wallNow?: () => number;
  random?: () => number;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Replaces the SIGINT handler (tests abort it to play Ctrl-C). */
  signal?: AbortSignal;
}

/** Opens the client, wires Ctrl-C to an abort, and always closes and unhooks afterwards. */
export async function withRunsIo<T>(cmd: Command, deps: RunsCommandDeps, fn: (io: RunsIo) => Promise<T>): Promise<T> {
  const client = await (deps.openClient ?? openClient)(cmd);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error("interrupted"));
  if (!deps.signal) process.once("SIGINT", onSigint);
  const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const err = deps.stderr ?? ((t: string) => process.stderr.write(t));
  try {
    return await fn({
      jobs: client.jobs,
      runs: client.runs,
      host: client.host,
      whoAmI: async () => {
        const me = await client.scim.me();
        return String(me.userName ?? me.displayName ?? "");
      },
      clock: deps.clock ?? systemClock,
      wallNow: deps.wallNow ?? Date.now,
      random: deps.random,
      out: (line) => out(`${line}\n`),
      err: (line) => err(`${line}\n`),
      signal: deps.signal ?? interrupt.signal,
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
    await client.close();
  }
}

/** `--timeout DUR` in ms; a malformed value is the user's mistake, named with the flag. */
export function timeoutMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UserError(`--timeout ${text}: expected a duration such as 30s, 10m or 1h`);
  return ms;
}

/** `--format json` output: one document, ids exact (bigints written as plain integers). */
export function printJson(io: Pick<RunsIo, "out">, value: unknown): void {
  io.out(stringifyJson(value, 2));
}
