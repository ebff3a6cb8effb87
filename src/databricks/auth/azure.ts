import { execFile } from "node:child_process";
import type { DatabricksConfig } from "../config.js";
import { AuthError } from "./errors.js";
import { TokenCache } from "./tokenCache.js";
import type { Token } from "./tokenCache.js";
import { FORM_HEADERS, form, parseTokenResponse, requestToken } from "./tokenEndpoint.js";
import type { TokenDeps } from "./tokenEndpoint.js";
import type { CredentialsProvider } from "./types.js";

/** The AzureDatabricks first-party application: the same id in every Azure cloud. */
export const AZURE_DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

interface AzureCloud {
  authority: string;
  management: string;
}

const CLOUDS: Record<string, AzureCloud> = {
  PUBLIC: { authority: "https://login.microsoftonline.com", management: "https://management.core.windows.net/" },
  USGOVERNMENT: { authority: "https://login.microsoftonline.us", management: "https://management.core.usgovcloudapi.net/" },
  CHINA: { authority: "https://login.chinacloudapi.cn", management: "https://management.core.chinacloudapi.cn/" },
};

function cloudOf(config: DatabricksConfig): AzureCloud {
  const named = config.azureEnvironment?.toUpperCase().replace(/CLOUD$/, "");
  const byHost = /\.azure\.us$/i.test(config.host) ? "USGOVERNMENT" : /\.azure\.cn$/i.test(config.host) ? "CHINA" : "PUBLIC";
  const base = CLOUDS[named ?? byHost] ?? CLOUDS["PUBLIC"]!;
  return config.azureAuthorityHost ? { ...base, authority: config.azureAuthorityHost.replace(/\/+$/, "") } : base;
}

export type CommandRunner = (command: string, args: string[]) => Promise<{ stdout: string; stderr: string; code: number }>;

export interface AzureDeps extends TokenDeps {
  runCommand?: CommandRunner;
}

/**
 * Entra tokens for the workspace and, when the workspace resource id is known, for Azure Resource
 * Manager too: the second pair of headers admits a principal that has a role on the workspace
 * resource but is not yet a workspace user.
 */
function azureProvider(authType: string, config: DatabricksConfig, mint: (resource: string) => Promise<Token>, now: (() => number) | undefined, configSecrets: string[]): CredentialsProvider {
  const cloud = cloudOf(config);
  const main = new TokenCache(() => mint(AZURE_DATABRICKS_RESOURCE), now);
  const mgmt = config.azureResourceId ? new TokenCache(() => mint(cloud.management), now) : undefined;
  return {
    authType,
    headers: async () => {
      const headers: Record<string, string> = { authorization: `Bearer ${await main.get()}` };
      if (mgmt && config.azureResourceId) {
        headers["x-databricks-azure-sp-management-token"] = await mgmt.get();
        headers["x-databricks-azure-workspace-resource-id"] = config.azureResourceId;
      }
      return headers;
    },
    invalidate: () => {
      main.invalidate();
      mgmt?.invalidate();
    },
    secrets: () => [...configSecrets, ...main.secrets(), ...(mgmt?.secrets() ?? [])],
  };
}

function scopeFor(resource: string): string {
  return `${resource.replace(/\/+$/, "")}/.default`;
}

export function azureClientSecretCredentials(config: DatabricksConfig, deps: AzureDeps): CredentialsProvider {
  const { authority } = cloudOf(config);
  const secrets = [config.azureClientSecret ?? ""];
  const mint = (resource: string) =>
    requestToken(
      deps,
      {
        method: "POST",
        url: `${authority}/${encodeURIComponent(config.azureTenantId ?? "")}/oauth2/v2.0/token`,
        headers: FORM_HEADERS,
        body: form({ grant_type: "client_credentials", client_id: config.azureClientId, client_secret: config.azureClientSecret, scope: scopeFor(resource) }),
      },
      "Microsoft Entra ID",
      "check ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID",
      secrets,
    );
  return azureProvider("azure-client-secret", config, mint, deps.now, secrets);
}

const IMDS = "http://169.254.169.254/metadata/identity/oauth2/token";

export function azureMsiCredentials(config: DatabricksConfig, deps: AzureDeps): CredentialsProvider {
  const secrets = [config.identityHeader ?? ""];
  const mint = (resource: string) => {
    // App Service, Functions and Arc expose IDENTITY_ENDPOINT; VMs and AKS use the IMDS address.
    const appService = Boolean(config.identityEndpoint);
    const url = new URL(config.identityEndpoint ?? IMDS);
    url.searchParams.set("api-version", appService ? "2019-08-01" : "2018-02-01");
    url.searchParams.set("resource", resource);
    if (config.azureClientId) url.searchParams.set("client_id", config.azureClientId);
    const headers: Record<string, string> = appService ? { "x-identity-header": config.identityHeader ?? "" } : { metadata: "true" };
    return requestToken(deps, { method: "GET", url: url.toString(), headers: { ...headers, accept: "application/json" } }, "the Azure managed identity endpoint", "check that this machine has a managed identity (ARM_CLIENT_ID for a user-assigned one)", secrets);
  };
  return azureProvider("azure-msi", config, mint, deps.now, secrets);
}

const defaultRunner: CommandRunner = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000, windowsHide: true }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === "ENOENT") return reject(err);
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });

/** Whatever account `az login` holds; the CLI caches and refreshes its own tokens. */
export function azureCliCredentials(config: DatabricksConfig, deps: AzureDeps): CredentialsProvider {
  const run = deps.runCommand ?? defaultRunner;
  const now = deps.now ?? Date.now;
  const mint = async (resource: string): Promise<Token> => {
    const args = ["account", "get-access-token", "--resource", resource, "--output", "json"];
    if (config.azureTenantId) args.push("--tenant", config.azureTenantId);
    let result: Awaited<ReturnType<CommandRunner>>;
    try {
      result = await run("az", args);
    } catch {
      throw new AuthError(`no credentials for ${config.host}: the Azure CLI (az) is not installed; set DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET, or install az and run \`az login\``);
    }
    if (result.code !== 0) {
      const why = result.stderr.split("\n").find((l) => l.trim()) ?? `exit ${result.code}`;
      throw new AuthError(`the Azure CLI could not get a token (${why.trim().slice(0, 200)}); run \`az login\`, or set DATABRICKS_TOKEN`);
    }
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(result.stdout) as Record<string, unknown>;
    } catch {
      throw new AuthError("the Azure CLI answered something that is not a token");
    }
    // `expires_on` (epoch seconds) is exact; older az only gives local-time `expiresOn`.
    return parseTokenResponse(JSON.stringify({ access_token: o["accessToken"], expires_on: o["expires_on"] ?? o["expiresOn"] }), now(), "the Azure CLI");
  };
  return azureProvider("azure-cli", config, mint, deps.now, []);
}
