// A stable hash of a job's normalised live state. Apply re-reads the job and compares fingerprints to
// refuse a plan the workspace has moved away from (the stale check). Pure JS: the core may not use
// node:crypto, and the hash only has to detect change, not resist an attacker, so FNV-1a 64 suffices.

/** JSON with object keys sorted at every level, so equal values always give the same text. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fnv1a64(text: string): string {
  let h = OFFSET;
  for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * PRIME) & MASK;
  return h.toString(16).padStart(16, "0");
}

/** FNV-1a 64 over the UTF-8 bytes of the stable JSON text, prefixed with the algorithm's name. */
export function fingerprint(value: unknown): string {
  return `fnv1a64:${fnv1a64(stableStringify(value))}`;
}
