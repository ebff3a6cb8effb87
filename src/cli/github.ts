import { appendFileSync } from "node:fs";

/** GitHub Actions sets GITHUB_ACTIONS=true and a file whose Markdown becomes the job's summary page. */
export function inGitHubActions(): boolean {
  return process.env.GITHUB_ACTIONS === "true";
}

export function writeStepSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (inGitHubActions() && file) appendFileSync(file, markdown.endsWith("\n") ? markdown : markdown + "\n");
}
