/**
 * jobform recognises the jobs it manages by two tags (PRODUCT.md "Identity and ownership"): never by name,
 * since names are not unique. Tags also propagate to job clusters, so the names stick to characters every
 * cloud accepts in tag keys.
 */
export const PROJECT_TAG = "jobform_project";
export const KEY_TAG = "jobform_key";
export const OWNERSHIP_TAGS = [PROJECT_TAG, KEY_TAG] as const;
/** The service allows 25 tags per job; jobform uses two of them. */
export const MAX_USER_TAGS = 25 - OWNERSHIP_TAGS.length;
