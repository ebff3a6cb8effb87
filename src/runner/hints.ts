/**
 * Advice for the situations users most often misread: a notebook path that is not in the workspace
 * (the run fails with RESOURCE_DOES_NOT_EXIST) and a run that stays PENDING (a new cluster is
 * starting; that takes minutes, not a hang).
 */
import type { Platform } from "../core/generated/project.js";

/** How long PENDING may last before the watch says why: cluster starts usually take 3–7 minutes. */
export const PENDING_HINT_AFTER_MS = 2 * 60_000;

export function missingNotebookHint(texts: readonly (string | undefined)[], notebookPath: string): string | undefined {
  if (!texts.some((t) => t !== undefined && /RESOURCE_DOES_NOT_EXIST|does not exist|doesn't exist/i.test(t))) return undefined;
  return (
    `${notebookPath} is not a notebook in this workspace (or the run's identity cannot read it). ` +
    "Check notebook_path; if the notebook moved or was renamed, run `jobform notebooks import` again to refresh the definitions."
  );
}

export function pendingHint(lifeCycle: string, pendingForMs: number, computeType: Platform["compute_type"] | undefined): string | undefined {
  if (lifeCycle !== "PENDING" || pendingForMs < PENDING_HINT_AFTER_MS) return undefined;
  const starting =
    computeType === "Serverless" ? "serverless compute is being allocated" : computeType === "ExistingInteractiveCluster" ? "the cluster is starting or busy" : "the run's cluster is starting (new clusters take several minutes)";
  const faster = computeType === "Serverless" ? "" : "; for faster feedback use a platform with compute_type ExistingInteractiveCluster (a running cluster), ExistingInstancePool (warm instances) or Serverless";
  return `still PENDING: ${starting}${faster}`;
}
