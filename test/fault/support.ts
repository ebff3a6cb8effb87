// Shared by the fault tests: the emulator's store read past chaos, and bystander jobs an apply must never touch.
import { vi } from "vitest";
import { main } from "../../src/cli/program.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { requestLog, TOKEN } from "../support/emulator.js";

export const PROJECT = "acme-data";
const auth = { authorization: `Bearer ${TOKEN}` };

export interface StoredJob {
  id: string;
  settings: { name?: string; tags?: Record<string, string> } & Record<string, unknown>;
}

/** The emulator's jobs straight from its store (control endpoints never see chaos). */
export async function stored(emu: Pick<RunningEmulator, "url">): Promise<StoredJob[]> {
  return ((await (await fetch(`${emu.url}/__emulator/state`, { headers: auth })).json()) as { jobs: StoredJob[] }).jobs;
}

/** `jobform_key` → ids of this project's jobs; more than one id under a key is a duplicate. */
export async function managedIds(emu: Pick<RunningEmulator, "url">): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const j of await stored(emu)) {
    const t = j.settings.tags ?? {};
    if (t.jobform_project === PROJECT && t.jobform_key) (out[t.jobform_key] ??= []).push(j.id);
  }
  return out;
}

export async function createRaw(emu: Pick<RunningEmulator, "url">, settings: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${emu.url}/api/2.2/jobs/create`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(settings) });
  return String(((await r.json()) as { job_id: number }).job_id);
}

/**
 * Jobs no apply of this project may touch: an untagged job with a managed job's name, another project's job
 * under the same key, and one whose tags differ from this project's only in case.
 */
export async function plantBystanders(emu: Pick<RunningEmulator, "url">): Promise<{ ids: string[]; snapshot: () => Promise<string> }> {
  const task = { task_key: "t", notebook_task: { notebook_path: "/Shared/other" } };
  const ids = [
    await createRaw(emu, { name: "Sales load", tasks: [task] }),
    await createRaw(emu, { name: "Sales load", tags: { jobform_project: "other-project", jobform_key: "sales-load" }, tasks: [task] }),
    await createRaw(emu, { name: "Orders stream", tags: { jobform_project: "Acme-Data", jobform_key: "orders-stream" }, tasks: [task] }),
  ];
  return { ids, snapshot: () => snapshotOf(emu, ids) };
}

/** The stored jobs `ids`, as text to compare before and after. */
export async function snapshotOf(emu: Pick<RunningEmulator, "url">, ids: readonly string[]): Promise<string> {
  return JSON.stringify((await stored(emu)).filter((j) => ids.includes(j.id)));
}

/** Requests after `from` that wrote to one of `ids` (a job or its permissions). */
export async function writesTo(emu: RunningEmulator, ids: readonly string[], from = 0): Promise<string[]> {
  return (await requestLog(emu))
    .slice(from)
    .filter((q) => q.method !== "GET" && ids.some((id) => q.path.endsWith(`/${id}`) || new RegExp(`"job_id":"?${id}\\b`).test(JSON.stringify(q.body ?? ""))))
    .map((q) => `${q.method} ${q.path}`);
}

/** Writes to jobs and permissions after `from` (the lock file's workspace calls excluded). */
export async function jobWrites(emu: RunningEmulator, from = 0): Promise<string[]> {
  return (await requestLog(emu))
    .slice(from)
    .filter((q) => q.method !== "GET" && !q.path.startsWith("/api/2.0/workspace/"))
    .map((q) => `${q.method} ${q.path}`);
}

/**
 * The CLI's top-level handler in this process, output captured: no process start-up, which on a busy CI
 * machine costs more than the command. Calls must not overlap (they share stdout and the environment).
 */
export async function runInProcess(args: readonly string[], env: Record<string, string | undefined>) {
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  process.stdout.write = ((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true)) as typeof process.stderr.write;
  const started = Date.now();
  try {
    const code = await main(["node", "jobform", ...args]);
    return { code, ms: Date.now() - started, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    vi.unstubAllEnvs();
  }
}
