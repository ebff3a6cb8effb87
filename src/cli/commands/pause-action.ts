// `jobform pause` and `unpause`: what they do, loaded when they run (registered in pause.ts).
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { setPauseStatus } from "../../core/pause.js";
import { idFromString } from "../../lib/json.js";
import type { PauseStatus } from "../../core/pause.js";
import { checkProject } from "../../core/project.js";
import { isRuleFindingCode } from "../../core/project-rules/rules.js";
import { readLive } from "../../live/read-live.js";
import { renderDiagnosticsText } from "../../render/diagnostics.js";
import { UserError } from "../errors.js";
import { globals, parseVars } from "../globals.js";
import { readProject, readProjectText } from "../read-project.js";
import { loadSchemas } from "../schemas.js";
import { openClient } from "../workspace.js";
import { ownerFor } from "../plan-context.js";

function jobFile(dir: string, key: string): string {
  for (const ext of ["yaml", "yml"]) {
    const rel = `jobs/${key}.${ext}`;
    if (existsSync(join(dir, rel))) return rel;
  }
  throw new UserError(`no job "${key}": there is no jobs/${key}.yaml in ${dir}`);
}

export async function pause(key: string, status: PauseStatus, opts: { apply?: boolean }, cmd: Command): Promise<void> {
  const g = globals(cmd);
  const rel = jobFile(g.dir, key);
  const before = readProjectText(g.dir, rel);
  const edit = setPauseStatus(before, status);
  if (!edit) throw new UserError(`${rel} has no schedule, trigger or continuous setting, so there is nothing to ${status === "PAUSED" ? "pause" : "unpause"} (or the file does not parse: run jobform validate)`);
  if (edit.text !== before) writeFileSync(join(g.dir, rel), edit.text);
  const verb = status === "PAUSED" ? "paused" : "unpaused";
  process.stdout.write(edit.changed.length ? `${rel}: ${edit.fields.join(", ")} ${verb}\n` : `${rel}: already ${verb}\n`);

  const checked = checkProject(readProject(g.dir), { target: g.target, vars: parseVars(g.var), env: process.env }, loadSchemas());
  const job = checked.resolved.jobs.find((j) => j.key === key);
  const statuses = (field: string): unknown[] => {
    const v = job?.document[field];
    return Array.isArray(v) ? v.map((t) => (t as Record<string, unknown>)?.pause_status) : [(v as Record<string, unknown> | undefined)?.pause_status];
  };
  const overridden = edit.fields.filter((f) => statuses(f).some((s) => s !== status));
  if (overridden.length) process.stderr.write(`warning: target "${checked.resolved.target}" overrides pause_status of ${overridden.join(", ")} in jobform.yaml; the workspace follows the override\n`);
  if (!opts.apply) return;

  // A project rule finding is no reason to refuse a pause (plan and apply hold back such a job themselves).
  const errors = checked.all.filter((d) => d.severity === "error" && !isRuleFindingCode(d.code));
  if (errors.length || !job) {
    process.stderr.write(renderDiagnosticsText(errors, { color: false }));
    throw new UserError("the project has errors; fix them before --apply");
  }
  if (!checked.resolved.projectName) throw new UserError("jobform.yaml has no project name");
  const client = await openClient(cmd);
  try {
    const live = await readLive(client, await ownerFor(checked, client), { keys: new Set([key]) });
    const target = live.managed.find((j) => j.key === key);
    if (!target) throw new UserError(`job "${key}" is not in the workspace yet: run jobform apply to create it`);
    // A pause is a top-level field change: one jobs/update carrying the fields wholesale (issue #6).
    const newSettings = Object.fromEntries(edit.fields.map((f) => [f, job.document[f]]));
    await client.jobs.update({ job_id: idFromString(target.jobId), new_settings: newSettings });
    process.stdout.write(`job ${target.jobId}: ${edit.fields.join(", ")} ${verb} in the workspace (jobs/update)\n`);
  } finally {
    await client.close();
  }
}
