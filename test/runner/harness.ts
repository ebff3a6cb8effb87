// Runs jobform commands in-process through a commander program built here (the lead wires them into
// src/cli/program.ts), against the emulator, with the top-level error handling of `main`.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { ExitCode, UserError } from "../../src/cli/errors.js";
import { collect } from "../../src/cli/globals.js";
import { ApiError, createClient, resolveConfig, systemClock } from "../../src/databricks/index.js";
import type { Clock, DatabricksClient } from "../../src/databricks/index.js";

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Io {
  out: (t: string) => void;
  err: (t: string) => void;
  openClient: () => Promise<DatabricksClient>;
}

/** Real time, but no sleep longer than a few ms: polling tests run fast and still go over real HTTP. */
export const hurriedClock: Clock = { now: () => performance.now(), sleep: (ms, signal) => systemClock.sleep(Math.min(ms, 15), signal) };

export function clientFor(url: string): () => Promise<DatabricksClient> {
  return async () => createClient(resolveConfig({ env: { DATABRICKS_HOST: url, DATABRICKS_TOKEN: "dapi-test" } }), { clock: hurriedClock });
}

function program(): Command {
  return new Command("jobform")
    .option("--dir <path>", "project root", process.cwd())
    .option("--target <name>")
    .option("--var <name=value>", "", collect, [])
    .option("--profile <name>")
    .option("--host <url>")
    .option("--format <format>")
    .option("--no-color")
    .option("--verbose")
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
}

export async function runCommand(register: (p: Command, io: Io) => void, argv: string[], url: string, onOut?: (text: string) => void): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (t) => {
      stdout += t;
      onOut?.(t);
    },
    err: (t) => (stderr += t),
    openClient: clientFor(url),
  };
  const p = program();
  register(p, io);
  try {
    await p.parseAsync(argv, { from: "user" });
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof ExitCode) return { code: e.code, stdout, stderr };
    if (e instanceof UserError) return { code: e.exitCode, stdout, stderr: `${stderr}jobform: ${e.message}\n` };
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 1, stdout, stderr: `${stderr}${e.message}\n` };
    if (e instanceof ApiError) return { code: 1, stdout, stderr: `${stderr}jobform: ${e.message}\n` };
    throw e;
  }
}

export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "jobform-runner-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body?: unknown;
  status: number;
}

export async function requestLog(url: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${url}/__emulator/requests`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}
