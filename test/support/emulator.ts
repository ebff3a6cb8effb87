import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../src/emulator/server.js";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/server.js";
import { ROOT, runCliAsync } from "./cli.js";

export const TOKEN = "e2e-token";

export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, token: TOKEN, ...options });
}

/** The built CLI pointed at an emulator, with no ambient Databricks configuration leaking in. */
export function cliAgainst(emu: Pick<RunningEmulator, "url">, args: string[], cwd?: string) {
  return runCliAsync(["--host", emu.url, ...args], {
    cwd,
    env: { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined },
  });
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
  const r = await fetch(`${emu.url}/__emulator/requests`);
  const body = (await r.json()) as { requests?: LoggedRequest[] } | LoggedRequest[];
  return Array.isArray(body) ? body : (body.requests ?? []);
}
