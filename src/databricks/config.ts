import { AuthError } from "./auth/errors.js";
import { parseConfigFile } from "./configFile.js";
import type { ConfigFile } from "./configFile.js";

export type Env = Record<string, string | undefined>;

export const AUTH_TYPES = ["pat", "oauth-m2m", "azure-client-secret", "azure-msi", "azure-cli", "github-oidc"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** Everything needed to reach and authenticate to one workspace. Contains secrets: never print it. */
export interface DatabricksConfig {
  host: string;
  authType: AuthType;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  azureClientId?: string;
  azureClientSecret?: string;
  azureTenantId?: string;
  azureUseMsi?: boolean;
  /** `/subscriptions/…/providers/Microsoft.Databricks/workspaces/…`: enables the management-token headers. */
  azureResourceId?: string;
  azureEnvironment?: string;
  azureAuthorityHost?: string;
  identityEndpoint?: string;
  identityHeader?: string;
  actionsIdTokenRequestUrl?: string;
  actionsIdTokenRequestToken?: string;
  tokenAudience?: string;
  /** Hard cap in requests per second (DATABRICKS_RATE_LIMIT). */
  rateLimit?: number;
  profile?: string;
  /** Where each attribute came from, for messages (`DATABRICKS_TOKEN`, `profile DEFAULT`, `--host`). */
  sources: Record<string, string>;
}

export interface ConfigInput {
  env: Env;
  flags?: { host?: string; profile?: string };
  /** The selected target's host from jobform.yaml. */
  targetHost?: string;
  /** The selected target's `profile` from jobform.yaml: used when neither --profile nor DATABRICKS_CONFIG_PROFILE names one. */
  targetProfile?: string;
  /** Contents of the config file, when one exists. */
  configFileText?: string;
  /** Shown in messages; defaults to ~/.databrickscfg. */
  configFilePath?: string;
}

type Attr = Exclude<keyof DatabricksConfig, "host" | "authType" | "sources" | "azureUseMsi" | "rateLimit" | "profile"> | "host" | "authTypeName" | "azureUseMsi" | "rateLimit";

interface AttrSpec {
  attr: Attr;
  env?: string;
  file?: string;
  /** Which method's credentials this attribute is; two groups set at once is an error. */
  group?: "pat" | "oauth" | "azure";
}

// Names as the SDKs spell them, so one CI setup serves every Databricks tool.
const SPECS: AttrSpec[] = [
  { attr: "host", env: "DATABRICKS_HOST", file: "host" },
  { attr: "token", env: "DATABRICKS_TOKEN", file: "token", group: "pat" },
  { attr: "clientId", env: "DATABRICKS_CLIENT_ID", file: "client_id", group: "oauth" },
  { attr: "clientSecret", env: "DATABRICKS_CLIENT_SECRET", file: "client_secret", group: "oauth" },
  { attr: "azureClientId", env: "ARM_CLIENT_ID", file: "azure_client_id", group: "azure" },
  { attr: "azureClientSecret", env: "ARM_CLIENT_SECRET", file: "azure_client_secret", group: "azure" },
  { attr: "azureTenantId", env: "ARM_TENANT_ID", file: "azure_tenant_id", group: "azure" },
  { attr: "azureUseMsi", env: "ARM_USE_MSI", file: "azure_use_msi", group: "azure" },
  { attr: "azureResourceId", env: "DATABRICKS_AZURE_RESOURCE_ID", file: "azure_workspace_resource_id" },
  { attr: "azureEnvironment", env: "ARM_ENVIRONMENT", file: "azure_environment" },
  { attr: "authTypeName", env: "DATABRICKS_AUTH_TYPE", file: "auth_type" },
  { attr: "rateLimit", env: "DATABRICKS_RATE_LIMIT", file: "rate_limit" },
  { attr: "tokenAudience", env: "DATABRICKS_TOKEN_AUDIENCE", file: "token_audience" },
  { attr: "azureAuthorityHost", env: "AZURE_AUTHORITY_HOST" },
  { attr: "identityEndpoint", env: "IDENTITY_ENDPOINT" },
  { attr: "identityHeader", env: "IDENTITY_HEADER" },
  { attr: "actionsIdTokenRequestUrl", env: "ACTIONS_ID_TOKEN_REQUEST_URL" },
  { attr: "actionsIdTokenRequestToken", env: "ACTIONS_ID_TOKEN_REQUEST_TOKEN" },
];

/** `adb-1.azuredatabricks.net/` → `https://adb-1.azuredatabricks.net`; an explicit http:// is kept (emulator). */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\/+$/, "");
  if (/^[a-z][a-z0-9+.-]*:\/*$/i.test(trimmed) || trimmed === "") throw new AuthError(`workspace host "${host}" has no host name`);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AuthError(`workspace host "${host}" is not a valid URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AuthError(`workspace host "${host}" must be an http(s) URL`);
  return `${url.protocol}//${url.host}`;
}

export function isAzureHost(host: string): boolean {
  return /\.azuredatabricks\.net$|\.databricks\.azure\.(us|cn)$/i.test(new URL(host).hostname);
}

function truthy(v: string): boolean {
  return /^(1|true|yes|on)$/i.test(v.trim());
}

/** Picks the profile to read when none is named: the one for this host, else DEFAULT. */
function implicitProfile(file: ConfigFile, host: string | undefined): string | undefined {
  const settings = file.get("__settings__")?.["default_profile"];
  const fallback = settings && file.has(settings) ? settings : "DEFAULT";
  if (!host) return file.has(fallback) ? fallback : undefined;
  const matches = [...file.entries()].filter(([name, values]) => name !== "__settings__" && values["host"] && safeNormalize(values["host"]) === host).map(([name]) => name);
  if (matches.length === 1) return matches[0];
  if (matches.includes(fallback)) return fallback;
  if (matches.length > 1) throw new AuthError(`several profiles in the Databricks config file are for ${host} (${matches.join(", ")}): choose one with --profile or DATABRICKS_CONFIG_PROFILE`);
  // A DEFAULT profile for another workspace must not lend its token to this one.
  const fb = file.get(fallback);
  return fb && !fb["host"] ? fallback : undefined;
}

function safeNormalize(host: string): string | undefined {
  try {
    return normalizeHost(host);
  } catch {
    return undefined;
  }
}

const NO_CREDENTIALS_HINT =
  "set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID, or ARM_USE_MSI=true, or DATABRICKS_AUTH_TYPE=github-oidc, or use a profile (--profile, DATABRICKS_CONFIG_PROFILE)";

/**
 * Unified client authentication as the official SDKs resolve it, as a pure function: explicit flags,
 * then the environment, then one profile of the config file. The file is read only when a profile
 * is named or the environment configures no credentials. Throws an AuthError (one line, naming the
 * variables to set) on missing host, missing or conflicting credentials, or an unknown profile.
 */
export function resolveConfig(input: ConfigInput): DatabricksConfig {
  const { env, flags = {} } = input;
  const filePath = input.configFilePath ?? "~/.databrickscfg";
  const values: Partial<Record<Attr, string>> = {};
  const sources: Record<string, string> = {};
  const set = (attr: Attr, value: string | undefined, source: string) => {
    if (value === undefined || value.trim() === "" || values[attr] !== undefined) return;
    values[attr] = value.trim();
    sources[attr] = source;
  };

  set("host", flags.host, "--host");
  set("host", input.targetHost, "the target's host in jobform.yaml");
  for (const spec of SPECS) if (spec.env) set(spec.attr, env[spec.env], spec.env);

  const namedProfile = flags.profile || env["DATABRICKS_CONFIG_PROFILE"] || input.targetProfile || undefined;
  const envHasCredentials = SPECS.some((s) => s.group && s.env && env[s.env]?.trim());
  let profile: string | undefined;
  if (namedProfile || !envHasCredentials) {
    const file = parseConfigFile(input.configFileText ?? "");
    if (namedProfile) {
      if (!file.has(namedProfile)) throw new AuthError(`profile "${namedProfile}" is not in ${filePath} (from ${flags.profile ? "--profile" : env["DATABRICKS_CONFIG_PROFILE"] ? "DATABRICKS_CONFIG_PROFILE" : "the target's profile in jobform.yaml"})`);
      profile = namedProfile;
    } else {
      profile = implicitProfile(file, values.host ? safeNormalize(values.host) : undefined);
    }
    const section = profile ? file.get(profile) : undefined;
    if (section) for (const spec of SPECS) if (spec.file) set(spec.attr, section[spec.file], `profile ${profile} in ${filePath}`);
  }

  if (!values.host) {
    throw new AuthError("no workspace host: pass --host, set the target's host in jobform.yaml, or set DATABRICKS_HOST (or a host in a ~/.databrickscfg profile)");
  }
  const host = normalizeHost(values.host);
  const authType = chooseAuthType(values, sources, host);
  const rateLimit = values.rateLimit === undefined ? undefined : Number(values.rateLimit);
  if (rateLimit !== undefined && !(rateLimit > 0)) throw new AuthError(`${sources["rateLimit"]} must be a positive number of requests per second`);

  return {
    host,
    authType,
    token: values.token,
    clientId: values.clientId,
    clientSecret: values.clientSecret,
    azureClientId: values.azureClientId,
    azureClientSecret: values.azureClientSecret,
    azureTenantId: values.azureTenantId,
    azureUseMsi: values.azureUseMsi === undefined ? undefined : truthy(values.azureUseMsi),
    azureResourceId: values.azureResourceId,
    azureEnvironment: values.azureEnvironment,
    azureAuthorityHost: values.azureAuthorityHost,
    identityEndpoint: values.identityEndpoint,
    identityHeader: values.identityHeader,
    actionsIdTokenRequestUrl: values.actionsIdTokenRequestUrl,
    actionsIdTokenRequestToken: values.actionsIdTokenRequestToken,
    tokenAudience: values.tokenAudience,
    rateLimit,
    profile,
    sources,
  };
}

function chooseAuthType(values: Partial<Record<Attr, string>>, sources: Record<string, string>, host: string): AuthType {
  const pinned = values.authTypeName;
  const need = (type: AuthType, attrs: Attr[]) => {
    const missing = attrs.filter((a) => !values[a]).map((a) => SPECS.find((s) => s.attr === a)?.env ?? a);
    if (missing.length) throw new AuthError(`auth type ${type} (from ${sources["authTypeName"]}) needs ${missing.join(" and ")} to be set`);
    return type;
  };
  if (pinned !== undefined) {
    switch (pinned) {
      case "pat":
        return need("pat", ["token"]);
      case "oauth-m2m":
        return need("oauth-m2m", ["clientId", "clientSecret"]);
      case "azure-client-secret":
        return need("azure-client-secret", ["azureClientId", "azureClientSecret", "azureTenantId"]);
      case "azure-msi":
        return "azure-msi";
      case "azure-cli":
        return "azure-cli";
      case "github-oidc":
        return need("github-oidc", ["actionsIdTokenRequestUrl", "actionsIdTokenRequestToken"]);
      default:
        throw new AuthError(`unknown auth type "${pinned}" in ${sources["authTypeName"]}: use one of ${AUTH_TYPES.join(", ")}`);
    }
  }
  const groups = new Map<string, string[]>();
  for (const spec of SPECS) {
    if (!spec.group || values[spec.attr] === undefined) continue;
    if (spec.attr === "azureUseMsi" && !truthy(values.azureUseMsi ?? "")) continue;
    groups.set(spec.group, [...(groups.get(spec.group) ?? []), sources[spec.attr] ?? spec.attr]);
  }
  if (groups.size > 1) {
    const described = [...groups.values()].map((names) => [...new Set(names)].join(", ")).join(" and ");
    throw new AuthError(`more than one authentication method is configured (${described}): unset one, or choose with DATABRICKS_AUTH_TYPE`);
  }
  if (values.token) return "pat";
  if (values.clientId && values.clientSecret) return "oauth-m2m";
  if (values.clientId && values.actionsIdTokenRequestUrl && values.actionsIdTokenRequestToken) return "github-oidc";
  if (values.azureUseMsi && truthy(values.azureUseMsi)) return "azure-msi";
  if (values.azureClientId && values.azureClientSecret && values.azureTenantId) return "azure-client-secret";
  if (groups.size === 1) throw new AuthError(`incomplete credentials (${[...groups.values()][0]?.join(", ")}): ${NO_CREDENTIALS_HINT}`);
  // The SDKs fall back to the Azure CLI for Azure workspaces; failing there explains what to set.
  if (isAzureHost(host)) return "azure-cli";
  throw new AuthError(`no credentials for ${host}: ${NO_CREDENTIALS_HINT}`);
}

/** Re-exported for callers that read the file themselves. */
export { parseConfigFile };
