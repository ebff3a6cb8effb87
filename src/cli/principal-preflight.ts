// Before plan shows (or apply writes) anything: every principal named in permissions and run_as must
// exist in the workspace. The real service refuses unknown ones only at the permissions PUT, after the
// job was created or reset (issue #12, difference 1), so an apply would leave a half-applied job.
import type { Command } from "commander";
import type { CheckedProject } from "../core/project.js";
import type { DesiredJob } from "../core/resolve.js";
import { principalRefs, unknownPrincipalDiagnostics } from "../core/principal-refs.js";
import type { DatabricksClient } from "../databricks/index.js";
import { unknownPrincipals } from "../live/principals.js";
import { renderDiagnosticsText } from "../render/diagnostics.js";
import { ExitCode } from "./errors.js";
import { annotations, emitWorkflowCommands, shownDiagnostics } from "./github.js";
import { globals } from "./globals.js";

/** Stops with located JF071 errors when a job names a principal the workspace does not have. */
export async function preflightPrincipals(cmd: Command, client: DatabricksClient, checked: CheckedProject, only?: readonly string[]): Promise<void> {
  const jobs: DesiredJob[] = checked.resolved.jobs.filter((j) => !only || only.includes(j.key));
  const refs = principalRefs(jobs);
  if (refs.length === 0) return;
  const errors = unknownPrincipalDiagnostics(refs, await unknownPrincipals(client, refs), client.host);
  if (errors.length === 0) return;
  const g = globals(cmd);
  const { shown, sources } = shownDiagnostics(errors, checked, g.dir);
  emitWorkflowCommands(annotations(shown));
  process.stderr.write(renderDiagnosticsText(shown, { color: g.color, sources }));
  const n = errors.length;
  process.stderr.write(`jobform: ${n} principal${n === 1 ? "" : "s"} named in the project do${n === 1 ? "es" : ""} not exist in the workspace; nothing was written\n`);
  throw new ExitCode(1);
}
