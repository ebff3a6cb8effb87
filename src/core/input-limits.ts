// Bounds on what jobform reads, so that any input — including a pull request from someone untrusted — costs
// seconds and megabytes, and the answer is a located error instead of a stalled machine.

/** Jobs API requests are capped at 10 MB; a definition larger than that can never be sent. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Every file of a project together; reading stops once they exceed it. */
export const MAX_PROJECT_BYTES = 32 * 1024 * 1024;
/** Job files in jobs/: validating the allowed number stays within seconds. */
export const MAX_JOB_FILES = 4000;
/** Nested mappings and lists: real jobs stay below 15 levels. */
export const MAX_DEPTH = 64;
/** Characters on one line. */
export const MAX_LINE_LENGTH = 100_000;
/** Lines plus comma-separated flow items of one file: a 1,000-task job (the API's maximum) of 30 lines a task fits. */
export const MAX_LINES = 30_000;
/** Keys in one mapping. */
export const MAX_KEYS_PER_MAP = 10_000;
/** Nodes of a file once every alias is expanded, as the plan and the API request will see it. */
export const MAX_EXPANDED_NODES = 500_000;
/** Characters of scalar text once every alias is expanded: the expanded job must still fit in a request. */
export const MAX_EXPANDED_CHARS = MAX_FILE_BYTES;
