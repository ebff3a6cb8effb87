// Plan, drift and apply check every job cluster against the cluster policy it names before anything is
// written: the service would refuse such a job at create/reset/update (and a bundle deploy finds out only
// then). Violations are located errors on stderr and errors in the plan; apply refuses only those jobs.
import type { Command } from "commander";
import { clusterPolicyFindings } from "../core/cluster-policy/findings.js";
import type { PolicyFindings } from "../core/cluster-policy/findings.js";
import type { CheckedProject } from "../core/project.js";
import type { DesiredJob } from "../core/resolve.js";
import type { DatabricksClient } from "../databricks/index.js";
import { readClusterPolicies } from "../live/cluster-policies.js";
import { renderDiagnosticsText } from "../render/diagnostics.js";
import { annotations, emitWorkflowCommands, shownDiagnostics } from "./github.js";
import { globals } from "./globals.js";

export async function checkClusterPolicies(cmd: Command, client: DatabricksClient, checked: CheckedProject, desired: readonly DesiredJob[], only?: readonly string[]): Promise<PolicyFindings> {
  const jobs = desired.filter((j) => !only || only.includes(j.key));
  const findings = clusterPolicyFindings(jobs, await readClusterPolicies(client, jobs.map((j) => j.document)));
  if (findings.diagnostics.length === 0) return findings;
  const g = globals(cmd);
  const { shown, sources } = shownDiagnostics(findings.diagnostics, checked, g.dir);
  emitWorkflowCommands(annotations(shown));
  process.stderr.write(renderDiagnosticsText(shown, { color: g.color, sources }));
  const keys = [...new Set(findings.errors.map((e) => e.key))].sort();
  const policies = new Set(findings.errors.map((e) => e.policy_id)).size;
  process.stderr.write(`jobform: ${keys.join(", ")} ${keys.length === 1 ? "breaks" : "break"} the cluster polic${policies === 1 ? "y" : "ies"} named above; apply refuses ${keys.length === 1 ? "that job" : "those jobs"}\n`);
  return findings;
}
