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
