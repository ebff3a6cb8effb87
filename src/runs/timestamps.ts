/**
 * Wall-clock times in the views. UTC with an explicit "Z": CI runners, laptops and the workspace sit in
 * different zones, and a run's start has to read the same in all of them (and in tests).
 */
export function formatTimestamp(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs) || epochMs <= 0) return "-";
  return new Date(epochMs).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}

/** Epoch milliseconds from a wire field that may be absent, 0 (not yet), a number or a bigint. */
export function epochOf(value: unknown): number | undefined {
  const n = typeof value === "bigint" ? Number(value) : typeof value === "number" ? value : undefined;
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
