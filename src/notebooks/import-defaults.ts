/** Workspace exports in flight at once (workspace export is rate-limited per workspace); `--concurrency`'s default. */
export const DEFAULT_IMPORT_CONCURRENCY = 8;
