// `jobform runs …`: what the subcommands do, loaded when they run (registered in runs.ts).
import type { Command } from "commander";
import { idToString } from "../../lib/json.js";
import { printJson, timeoutMs, withRunsIo } from "../../runs/command-io.js";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { findManagedJob, runOwner } from "../../runs/find-job.js";
import { listRuns } from "../../runs/list-ops.js";
import { renderOutputs } from "../../runs/output-view.js";
import { cancelRun, parseRunId, readRun, repairRun, runOutputs, runView, showRun } from "../../runs/run-ops.js";
import { renderRunsTable } from "../../runs/runs-table.js";
import { ExitCode, UserError } from "../errors.js";
import { formatOption } from "../globals.js";
import { checkedProject } from "../plan-context.js";
import { MAX_LIMIT } from "./runs.js";
import type { WatchFlags } from "./runs.js";

function watchOptions(flags: WatchFlags) {
  return { timeoutMs: timeoutMs(flags.timeout), detach: flags.detach === true, cancelOnTimeout: flags.cancelOnTimeout, failOnTaskFailure: flags.failOnTaskFailure === true };
}

function done(code: number): void {
  if (code !== 0) throw new ExitCode(code);
}

export async function list(key: string | undefined, flags: { limit: string; active?: boolean }, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const format = formatOption(cmd, ["text", "json"], "text");
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UserError(`--limit ${flags.limit}: expected a whole number from 1 to ${MAX_LIMIT}`);
  const checked = key === undefined ? undefined : checkedProject(cmd);
  await withRunsIo(cmd, deps, async (io) => {
    let jobId;
    if (key !== undefined && checked) jobId = (await findManagedJob(io, await runOwner(io, checked.resolved), key, checked.resolved.jobs.map((j) => j.key))).job.job_id;
    const found = await listRuns(io, { jobId, limit, active: flags.active === true });
    if (format === "json") printJson(io, found);
    else for (const line of renderRunsTable(found)) io.out(line);
  });
}

export async function get(runId: string, flags: WatchFlags & { watch?: boolean }, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const format = formatOption(cmd, ["text", "json"], "text");
  const id = parseRunId(runId);
  if (format === "json" && flags.watch) throw new UserError("--watch prints progress as text; use it without --format json");
  const opts = watchOptions(flags);
  done(
    await withRunsIo(cmd, deps, async (io) => {
      if (format === "json") {
        printJson(io, runView(await readRun(io, id), io.wallNow()));
        return 0;
      }
      return showRun(id, io, { watch: flags.watch === true, ...opts });
    }),
  );
}

export async function cancel(runId: string, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const id = parseRunId(runId);
  done(await withRunsIo(cmd, deps, (io) => cancelRun(id, io)));
}

export async function repair(runId: string, flags: WatchFlags & { task: string[]; allFailed?: boolean; wait: boolean }, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const id = parseRunId(runId);
  const opts = watchOptions(flags);
  done(await withRunsIo(cmd, deps, (io) => repairRun(id, { tasks: flags.task, allFailed: flags.allFailed === true }, io, { wait: flags.wait, ...opts })));
}

export async function output(runId: string, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const format = formatOption(cmd, ["text", "json"], "text");
  const id = parseRunId(runId);
  await withRunsIo(cmd, deps, async (io) => {
    const outputs = await runOutputs(id, io);
    if (format === "json") printJson(io, outputs);
    else {
      io.out(`Output of run ${idToString(id)}:`);
      for (const line of renderOutputs(outputs)) io.out(line);
    }
  });
}
