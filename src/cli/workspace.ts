import type { Command } from "commander";
import { resolve } from "../core/resolve.js";
import { createClient, loadConfig } from "../databricks/index.js";
import type { DatabricksClient } from "../databricks/index.js";
import { globals } from "./globals.js";
import { readProjectFile } from "./read-project.js";

/** The host of the selected target in `dir`/jobform.yaml, when the project names one. */
export function targetHost(dir: string, target: string | undefined): string | undefined {
  const document = readProjectFile(dir);
  return document ? resolve(document, [], { target, vars: {}, env: {} }).host : undefined;
}

/**
 * A client for the workspace the command addresses: `--host`, else the target's host, else the SDKs'
 * environment and profile rules. `--verbose` logs each request (never its secrets) to stderr.
 */
export async function openClient(cmd: Command): Promise<DatabricksClient> {
  const g = globals(cmd);
  const host = g.host ? undefined : targetHost(g.dir, g.target);
  const config = await loadConfig({ env: process.env, flags: { host: g.host, profile: g.profile }, targetHost: host });
  return createClient(config, { env: process.env, log: g.verbose ? (line: string) => process.stderr.write(`${line}\n`) : undefined });
}
