/**
 * jobform recognises the jobs it manages by two tags (PRODUCT.md "Identity and ownership"): never by name,
 * since names are not unique. Tags also propagate to job clusters, so the names stick to characters every
 * cloud accepts in tag keys.
 */
export const PROJECT_TAG = "jobform_project";
export const KEY_TAG = "jobform_key";
export const OWNERSHIP_TAGS = [PROJECT_TAG, KEY_TAG] as const;
/** Whose a job is, read from its tags: this project's (under a key), another project's, or nobody's. */
export type Ownership = { kind: "managed"; key: string } | { kind: "other-project"; project: string; key: string } | { kind: "unmanaged" };

export function ownershipOf(tags: Readonly<Record<string, unknown>> | undefined, project: string | undefined): Ownership {
  const owner = tags?.[PROJECT_TAG];
  const key = tags?.[KEY_TAG];
  if (typeof owner !== "string" || typeof key !== "string") return { kind: "unmanaged" };
  return owner === project ? { kind: "managed", key } : { kind: "other-project", project: owner, key };
}

/** The key under which `project` manages a job with these tags, or undefined. */
export function managedKey(tags: Readonly<Record<string, unknown>> | undefined, project: string): string | undefined {
  const o = ownershipOf(tags, project);
  return o.kind === "managed" ? o.key : undefined;
}

/** The service allows 25 tags per job; jobform uses two of them. */
export const MAX_USER_TAGS = 25 - OWNERSHIP_TAGS.length;
