// Shared by the apply e2e tests: the built CLI with extra environment (short lock expiry) and a handle
// on the child process, plus direct API calls that play a user editing jobs in the UI.
import type { ChildProcess } from "node:child_process";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { runCliAsync } from "../support/cli.js";
import { CONTROL, requestLog, TOKEN } from "../support/emulator.js";

export function jf(emu: Pick<RunningEmulator, "url">, args: string[], opts: { env?: Record<string, string>; onSpawn?: (c: ChildProcess) => void } = {}) {
  return runCliAsync(["--host", emu.url, ...args], {
    env: { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined, ...opts.env },
    onSpawn: opts.onSpawn,
  });
}

export async function api(emu: Pick<RunningEmulator, "url">, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${emu.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await r.json()) as Record<string, unknown>;
}

interface StoredJob {
  id: string;
  settings: { name?: string; tags?: Record<string, string>; tasks?: { task_key: string; run_job_task?: { job_id: number } }[] } & Record<string, unknown>;
}

/** The emulator's jobs straight from its store: control endpoints never see chaos. */
export async function storedJobs(emu: Pick<RunningEmulator, "url">): Promise<StoredJob[]> {
  const state = (await (await fetch(`${emu.url}/__emulator/state`, { headers: CONTROL })).json()) as { jobs: StoredJob[] };
  return state.jobs;
}

/** jobform_key → job ids; more than one id under a key is a duplicate. */
export async function idsByKey(emu: Pick<RunningEmulator, "url">): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const j of await storedJobs(emu)) {
    const key = j.settings.tags?.jobform_key;
    if (key) (out[key] ??= []).push(j.id);
  }
  return out;
}

/** Writes to jobs and permissions since request `from` (the lock file's workspace calls excluded). */
export async function jobWrites(emu: RunningEmulator, from = 0): Promise<string[]> {
  return (await requestLog(emu))
    .slice(from)
    .filter((q) => q.method !== "GET" && !q.path.startsWith("/api/2.0/workspace/"))
    .map((q) => `${q.method} ${q.path}`);
}

export const KEYS = ["files-ingest", "ml-training", "nightly-orchestrator", "orders-stream", "reports-refresh", "sales-load"];
