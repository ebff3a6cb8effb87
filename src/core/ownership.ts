/**
 * jobform recognises the jobs it manages by tags (PRODUCT.md "Identity and ownership"): never by name,
 * since names are not unique. A job belongs to (project, deployment, key): the deployment keeps two targets
 * that share a workspace apart. Tags also propagate to job clusters, so the names stick to characters every
 * cloud accepts in tag keys.
 */
export const PROJECT_TAG = "jobform_project";
export const KEY_TAG = "jobform_key";
export const DEPLOYMENT_TAG = "jobform_deployment";
export const OWNERSHIP_TAGS = [PROJECT_TAG, DEPLOYMENT_TAG, KEY_TAG] as const;

/**
 * Who is asking. Without `deployment` every job of the project counts (`jobs list`). Jobs applied before
 * the deployment tag existed ("legacy") count only for the deployment that `claimsLegacy`: exactly one per
 * workspace (see legacyClaimant in deployment.ts), so two targets never both take them.
 */
export interface Owner {
  project: string;
  deployment?: string;
  claimsLegacy?: boolean;
}

/**
 * Whose a job is, read from its tags: this deployment's (under a key; `legacy` when the deployment tag is
 * still to be written), another deployment's of this project (`deployment` undefined for an unclaimed
 * legacy job), another project's, or nobody's.
 */
export type Ownership =
  | { kind: "managed"; key: string; legacy?: true }
  | { kind: "other-deployment"; deployment: string | undefined; key: string }
  | { kind: "other-project"; project: string; key: string }
  | { kind: "unmanaged" };

export function ownershipOf(tags: Readonly<Record<string, unknown>> | undefined, who: Owner | string | undefined): Ownership {
  const owner = typeof who === "string" || who === undefined ? { project: who } : who;
  const project = tags?.[PROJECT_TAG];
  const key = tags?.[KEY_TAG];
  if (typeof project !== "string" || typeof key !== "string") return { kind: "unmanaged" };
  if (project !== owner.project) return { kind: "other-project", project, key };
  const wanted = "deployment" in owner ? owner.deployment : undefined;
  if (wanted === undefined) return { kind: "managed", key };
  const deployment = tags?.[DEPLOYMENT_TAG];
  if (typeof deployment !== "string") return "claimsLegacy" in owner && owner.claimsLegacy ? { kind: "managed", key, legacy: true } : { kind: "other-deployment", deployment: undefined, key };
  return deployment === wanted ? { kind: "managed", key } : { kind: "other-deployment", deployment, key };
}

/** The key under which `owner` manages a job with these tags, or undefined. */
export function managedKey(tags: Readonly<Record<string, unknown>> | undefined, owner: Owner | string): string | undefined {
  const o = ownershipOf(tags, owner);
  return o.kind === "managed" ? o.key : undefined;
}

/** The tags apply writes on every job it manages. */
export function ownershipTags(owner: Owner, key: string): Record<string, string> {
  return { [PROJECT_TAG]: owner.project, ...(owner.deployment === undefined ? {} : { [DEPLOYMENT_TAG]: owner.deployment }), [KEY_TAG]: key };
}

/** The service allows 25 tags per job; jobform uses three of them. */
export const MAX_USER_TAGS = 25 - OWNERSHIP_TAGS.length;
