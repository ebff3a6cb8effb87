import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../src/emulator/server.js";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/server.js";
import { ROOT, runCliAsync } from "./cli.js";

export const TOKEN = "e2e-token";
/** Headers of a call to a /__emulator/ control endpoint: they take the --token and JSON only. */
export const CONTROL = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

/** The users, groups and service principal the sample project names: the emulator refuses unknown ones. */
export const SAMPLE_PRINCIPALS = [
  "user:alice@contoso.com",
  "user:bob@contoso.com",
  "user:carol@contoso.com",
  "user:dave@contoso.com",
  "group:analysts",
  "group:data-eng",
  "group:ml-engineers",
  "service_principal:9f0e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f",
];

export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, token: TOKEN, principals: SAMPLE_PRINCIPALS, ...options });
}

/** The environment of a CLI run against the emulator: its token, no ambient Databricks configuration. */
export const EMULATOR_ENV = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined };

/** The built CLI pointed at an emulator, with no ambient Databricks configuration leaking in. */
export function cliAgainst(emu: Pick<RunningEmulator, "url">, args: string[], cwd?: string) {
  return runCliAsync(["--host", emu.url, ...args], { cwd, env: EMULATOR_ENV });
}

/** A scratch copy of the repository's sample project (jobform.yaml, jobs/, notebooks/). */
export function sampleProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-e2e-"));
  for (const p of ["jobform.yaml", "jobs", "notebooks"]) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  return dir;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

export async function requestLog(emu: RunningEmulator): Promise<LoggedRequest[]> {
  const r = await fetch(`${emu.url}/__emulator/requests`, { headers: CONTROL });
  const body = (await r.json()) as { requests?: LoggedRequest[] } | LoggedRequest[];
  return Array.isArray(body) ? body : (body.requests ?? []);
}

/** The id of the job a project manages under `key` (its jobform_key tag), as the emulator lists it. */
export async function managedJobId(emu: Pick<RunningEmulator, "url">, key: string): Promise<number> {
  const r = await fetch(`${emu.url}/api/2.2/jobs/list?limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const list = (await r.json()) as { jobs?: { job_id: number; settings: { tags?: Record<string, string> } }[] };
  const hit = list.jobs?.find((j) => j.settings.tags?.jobform_key === key);
  if (!hit) throw new Error(`the emulator has no job tagged jobform_key=${key}`);
  return hit.job_id;
}

/** A UI edit of a managed job: jobs/update with `settings` as new_settings. */
export async function editJob(emu: Pick<RunningEmulator, "url">, key: string, settings: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ job_id: await managedJobId(emu, key), new_settings: settings });
  const r = await fetch(`${emu.url}/api/2.2/jobs/update`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body });
  if (r.status !== 200) throw new Error(`jobs/update of ${key}: ${r.status} ${await r.text()}`);
}
