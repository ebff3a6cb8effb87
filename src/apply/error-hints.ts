// What to do about the errors apply meets most, in the user's terms and pointing at the file to change.
// The API's own message stays in the report; this adds the cause and the fix people otherwise search for.

interface Hint {
  match: RegExp;
  hint: (file: string) => string;
}

const HINTS: readonly Hint[] = [
  { match: /exactly one owner/i, hint: (f) => `the job's permissions must name exactly one IS_OWNER, a user or service principal (never a group): see permissions: in ${f}` },
  { match: /does not have .*permissions? on job|PERMISSION_DENIED.*job/i, hint: () => "the deploying identity lacks CAN_MANAGE on this job: grant it (or IS_OWNER) to the deployer, or deploy as a workspace admin" },
  { match: /cluster .*does not exist|INVALID_CLUSTER|cluster_id/i, hint: (f) => `existing_cluster_id in ${f} names a cluster the deployer cannot see (service principals need CAN_ATTACH_TO on it); consider a job cluster` },
  { match: /service ?principal.*(user|role)|servicePrincipal\/user|run_as/i, hint: (f) => `run_as in ${f} names a service principal the deployer may not use: grant the deployer the Service Principal User role on it` },
  { match: /git_provider/i, hint: (f) => `git_source.git_provider in ${f} must be one of the providers the API lists (gitHub, gitLab, azureDevOpsServices, …)` },
  { match: /REQUEST_LIMIT_EXCEEDED|too many requests|\b429\b/i, hint: () => "the workspace kept throttling past the retry deadline: run apply again (done jobs are unchanged and skipped), or lower DATABRICKS_RATE_LIMIT" },
  { match: /RESOURCE_DOES_NOT_EXIST|does not exist/i, hint: (f) => `something ${f} refers to is not in the workspace (a job, pipeline, warehouse or path); check the id or path named in the message` },
  { match: /INVALID_PARAMETER_VALUE|MALFORMED_REQUEST/i, hint: (f) => `the service refused these settings: run \`jobform validate\`, then check the field the message names in ${f}` },
];

/** The cause and fix for an apply error on job `key`, when the error is one we know. */
export function hintFor(detail: string, key: string): string | undefined {
  const file = `jobs/${key}.yaml`;
  return HINTS.find((h) => h.match.test(detail))?.hint(file);
}
