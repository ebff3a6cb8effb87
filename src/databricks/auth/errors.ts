import { UserError } from "../../cli/errors.js";

/** Authentication is misconfigured or was refused: one line telling the user what to set. */
export class AuthError extends UserError {
  constructor(message: string) {
    super(message, 1);
    this.name = "AuthError";
  }
}

const HINTS: Record<string, string> = {
  pat: "check DATABRICKS_TOKEN (or the profile's token)",
  "oauth-m2m": "check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET",
  "azure-client-secret": "check ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID, and that the principal is a workspace user",
  "azure-msi": "check that the managed identity (ARM_CLIENT_ID when user-assigned) is a workspace user",
  "azure-cli": "run `az login` with an account that is a workspace user",
  "github-oidc": "check DATABRICKS_CLIENT_ID and the service principal's federation policy",
};

export class AuthRejectedError extends AuthError {
  constructor(
    readonly authType: string,
    detail: string,
  ) {
    super(`the workspace rejected the ${authType} credentials (${detail}); ${HINTS[authType] ?? "check the credentials"}`);
    this.name = "AuthRejectedError";
  }
}
