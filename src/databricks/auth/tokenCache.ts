export interface Token {
  accessToken: string;
  /** Wall-clock ms since the epoch. */
  expiresAt: number;
}

// Azure Databricks refuses tokens that expire within 30 s, and a token must survive the request it
// rides on: refresh a little before that.
const EARLY_MS = 40_000;

/**
 * Keeps one token and mints a new one shortly before it expires. Concurrent callers share one
 * in-flight fetch so a burst of requests never hammers the (throttled) token endpoint.
 */
export class TokenCache {
  private token: Token | undefined;
  private inFlight: Promise<Token> | undefined;
  private readonly minted: string[] = [];

  constructor(
    private readonly fetchToken: () => Promise<Token>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - EARLY_MS) return this.token.accessToken;
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    const token = await this.inFlight;
    this.token = token;
    if (!this.minted.includes(token.accessToken)) this.minted.push(token.accessToken);
    return token.accessToken;
  }

  invalidate(): void {
    this.token = undefined;
  }

  /** Every token handed out, so output can be scrubbed of them. */
  secrets(): string[] {
    return [...this.minted];
  }
}
