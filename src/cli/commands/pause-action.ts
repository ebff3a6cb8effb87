// `jobform pause` and `unpause`: what they do, loaded when they run (registered in pause.ts).
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { setPauseStatus } from "../../core/pause.js";
import { idFromString } from "../../lib/json.js";
import type { PauseStatus } from "../../core/pause.js";
import { checkProject } from "../../core/project.js";
import { isRuleFindingCode } from "../../core/project-rules/rules.js";
import type { CheckedProject } from "../../core/project.js";
import type { DesiredJob } from "../../core/resolve.js";
import type { DatabricksClient } from "../../databricks/index.js";
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

/** What a pause wrote into the job's YAML: the file, the starters set, and whether anything changed. */
export interface PauseWrite {
  rel: string;
  fields: string[];
  changed: string[];
  verb: "paused" | "unpaused";
}

/** Sets pause_status in jobs/<key>.yaml (comments kept); `jobform pause` and the console's toggle both write this way. */
export function writePause(dir: string, key: string, status: PauseStatus): PauseWrite {
  const rel = jobFile(dir, key);
  const before = readProjectText(dir, rel);
  const edit = setPauseStatus(before, status);
  if (!edit) throw new UserError(`${rel} has no schedule, trigger or continuous setting, so there is nothing to ${status === "PAUSED" ? "pause" : "unpause"} (or the file does not parse: run jobform validate)`);
  if (edit.text !== before) writeFileSync(join(dir, rel), edit.text);
  return { rel, fields: edit.fields, changed: edit.changed, verb: status === "PAUSED" ? "paused" : "unpaused" };
}

/** Top-level starters whose pause_status the target's override sets to something else than `status`. */
export function overriddenFields(job: DesiredJob | undefined, fields: readonly string[], status: PauseStatus): string[] {
  const statuses = (field: string): unknown[] => {
    const v = job?.document[field];
    return Array.isArray(v) ? v.map((t) => (t as Record<string, unknown>)?.pause_status) : [(v as Record<string, unknown> | undefined)?.pause_status];
  };
  return fields.filter((f) => statuses(f).some((s) => s !== status));
}

/** Sends the written starters to the deployed job with one jobs/update; returns its id. */
export async function sendPause(client: DatabricksClient, checked: CheckedProject, job: DesiredJob, fields: readonly string[]): Promise<string> {
  const live = await readLive(client, await ownerFor(checked, client), { keys: new Set([job.key]) });
  const target = live.managed.find((j) => j.key === job.key);
  if (!target) throw new UserError(`job "${job.key}" is not in the workspace yet: run jobform apply to create it`);
  // A pause is a top-level field change: one jobs/update carrying the fields wholesale (issue #6).
  const newSettings = Object.fromEntries(fields.map((f) => [f, job.document[f]]));
  await client.jobs.update({ job_id: idFromString(target.jobId), new_settings: newSettings });
  return target.jobId;
}

export async function pause(key: string, status: PauseStatus, opts: { apply?: boolean }, cmd: Command): Promise<void> {
  const g = globals(cmd);
  const written = writePause(g.dir, key, status);
  const { rel, verb } = written;
  process.stdout.write(written.changed.length ? `${rel}: ${written.fields.join(", ")} ${verb}\n` : `${rel}: already ${verb}\n`);

  const checked = checkProject(readProject(g.dir), { target: g.target, vars: parseVars(g.var), env: process.env }, loadSchemas());
  const job = checked.resolved.jobs.find((j) => j.key === key);
  const overridden = overriddenFields(job, written.fields, status);
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
    const jobId = await sendPause(client, checked, job, written.fields);
    process.stdout.write(`job ${jobId}: ${written.fields.join(", ")} ${verb} in the workspace (jobs/update)\n`);
  } finally {
    await client.close();
  }
}
