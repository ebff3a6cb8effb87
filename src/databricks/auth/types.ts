/** Supplies the headers that authenticate one request; implementations cache and refresh tokens. */
export interface CredentialsProvider {
  /** The unified-auth name of the method (`pat`, `oauth-m2m`, `azure-client-secret`, …). */
  readonly authType: string;
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Forget a cached token after the workspace rejected it, so the next call mints a new one. */
  invalidate?(): void;
  /** Every secret value this provider holds or minted, for scrubbing from any output. */
  secrets(): string[];
}
