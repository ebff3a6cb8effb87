import type { CredentialsProvider } from "./types.js";

/** A personal access token (or any static bearer token). */
export function patCredentials(token: string, authType = "pat"): CredentialsProvider {
  return {
    authType,
    headers: async () => ({ authorization: `Bearer ${token}` }),
    secrets: () => [token],
  };
}
