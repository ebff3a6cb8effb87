import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { createCredentials } from "./auth/index.js";
import type { CommandRunner } from "./auth/azure.js";
import { DatabricksClient } from "./client.js";
import type { ClientOptions } from "./client.js";
import { resolveConfig } from "./config.js";
import type { DatabricksConfig, Env } from "./config.js";

export interface CreateClientOptions extends Omit<ClientOptions, "credentials"> {
  /** Replaces the provider built from the config (tests). */
  credentials?: ClientOptions["credentials"];
  /** Runs `az` for azure-cli auth; injectable for tests. */
  runCommand?: CommandRunner;
  /** Wall clock for token expiry. */
  now?: () => number;
}

/** A client for the workspace in `config`, with its auth, limiter (hard cap from the config) and retries. */
export function createClient(config: DatabricksConfig, options: CreateClientOptions = {}): DatabricksClient {
  const { runCommand, now, credentials, limiter, ...rest } = options;
  return new DatabricksClient(config.host, {
    ...rest,
    limiter: { ...limiter, maxRate: limiter?.maxRate ?? config.rateLimit },
    credentials: credentials ?? ((send) => createCredentials(config, { send, runCommand, now })),
  });
}

export interface LoadConfigInput {
  env: Env;
  flags?: { host?: string; profile?: string };
  targetHost?: string;
  targetProfile?: string;
  /** Defaults to the user's home directory. */
  home?: string;
}

/** Reads the Databricks config file (DATABRICKS_CONFIG_FILE or ~/.databrickscfg), then resolves. */
export async function loadConfig(input: LoadConfigInput): Promise<DatabricksConfig> {
  const configured = input.env["DATABRICKS_CONFIG_FILE"];
  const path = configured || join(input.home ?? homedir(), ".databrickscfg");
  let text: string | undefined;
  try {
    text = await readFile(path, "utf8");
  } catch {
    text = undefined;
  }
  return resolveConfig({ env: input.env, flags: input.flags, targetHost: input.targetHost, targetProfile: input.targetProfile, configFileText: text, configFilePath: configured || "~/.databrickscfg" });
}
