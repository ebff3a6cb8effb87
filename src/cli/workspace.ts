import type { Command } from "commander";
import { targetSettings } from "../core/deployment.js";
import { resolve } from "../core/resolve.js";
import { createClient, loadConfig } from "../databricks/index.js";
import type { DatabricksClient } from "../databricks/index.js";
import { retryFromEnv } from "./env-duration.js";
import { globals } from "./globals.js";
import { readProjectFile } from "./read-project.js";

/** The host and `profile` of the selected target in `dir`/jobform.yaml, where the project names them. */
export function targetWorkspace(dir: string, target: string | undefined): { host?: string; profile?: string } {
  const document = readProjectFile(dir);
  if (!document) return {};
  const resolved = resolve(document, [], { target, vars: {}, env: {} });
  return { host: resolved.host, profile: targetSettings(resolved.project, resolved.target).profile };
}


export function targetHost(dir: string, target: string | undefined): string | undefined {
  return targetWorkspace(dir, target).host;
}

/**
 * A client for the workspace the command addresses: `--host`, else the target's host (of the project in
 * `dir`, --dir by default), else the SDKs' environment and profile rules. `--verbose` logs each request (never its secrets) to stderr.
 */
export async function openClient(cmd: Command, targetName = globals(cmd).target, dir = globals(cmd).dir): Promise<DatabricksClient> {
  const g = globals(cmd);
  const target = targetWorkspace(dir, targetName);
  const config = await loadConfig({ env: process.env, flags: { host: g.host, profile: g.profile }, targetHost: g.host ? undefined : target.host, targetProfile: target.profile });
  return createClient(config, { env: process.env, retry: retryFromEnv(process.env), log: g.verbose ? (line: string) => process.stderr.write(`${line}\n`) : undefined });
}
