import type { DatabricksConfig } from "../config.js";
import { azureCliCredentials, azureClientSecretCredentials, azureMsiCredentials } from "./azure.js";
import type { AzureDeps } from "./azure.js";
import { githubOidcCredentials, oauthM2mCredentials } from "./oauth.js";
import { patCredentials } from "./pat.js";
import type { CredentialsProvider } from "./types.js";

/** The provider for the method `resolveConfig` chose. */
export function createCredentials(config: DatabricksConfig, deps: AzureDeps): CredentialsProvider {
  switch (config.authType) {
    case "pat":
      return patCredentials(config.token ?? "");
    case "oauth-m2m":
      return oauthM2mCredentials(config, deps);
    case "github-oidc":
      return githubOidcCredentials(config, deps);
    case "azure-client-secret":
      return azureClientSecretCredentials(config, deps);
    case "azure-msi":
      return azureMsiCredentials(config, deps);
    case "azure-cli":
      return azureCliCredentials(config, deps);
  }
}

export type { CredentialsProvider } from "./types.js";
