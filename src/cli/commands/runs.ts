import type { Command } from "commander";
import { idToString } from "../../lib/json.js";
import { printJson, timeoutMs, withRunsIo } from "../../runs/command-io.js";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { findManagedJob, runOwner } from "../../runs/find-job.js";
import { listRuns } from "../../runs/list-ops.js";
import { renderOutputs } from "../../runs/output-view.js";
import { cancelRun, parseRunId, readRun, repairRun, runOutputs, runView, showRun } from "../../runs/run-ops.js";
import { renderRunsTable } from "../../runs/runs-table.js";
import { FAIL_ON_TASK_FAILURE_HELP } from "../../runs/follow.js";
import { ExitCode, UserError } from "../errors.js";
import { collect, formatOption, examples } from "../globals.js";
import { checkedProject } from "../plan-context.js";

const MAX_LIMIT = 1000;

interface WatchFlags {
  timeout?: string;
  detach?: boolean;
  cancelOnTimeout: boolean;
  failOnTaskFailure?: boolean;
}

function watchOptions(flags: WatchFlags) {
  return { timeoutMs: timeoutMs(flags.timeout), detach: flags.detach === true, cancelOnTimeout: flags.cancelOnTimeout, failOnTaskFailure: flags.failOnTaskFailure === true };
}

function watchFlags(c: Command): Command {
  return c
    .option("--timeout <duration>", "stop watching after this long (30s, 10m, 1h) and cancel the run; exit 4")
    .option("--detach", "on Ctrl-C, stop watching but leave the run going")
    .option("--no-cancel-on-timeout", "when --timeout is reached, leave the run going")
    .option("--fail-on-task-failure", FAIL_ON_TASK_FAILURE_HELP);
}

function done(code: number): void {
  if (code !== 0) throw new ExitCode(code);
}

export function registerRuns(program: Command, deps: RunsCommandDeps = {}): void {
  const runs = program.command("runs").description("job run history, per-task timeline, cancel, repair and output");

  runs
    .command("list")
    .description("recent runs, newest first: of one job (KEY) or of the whole workspace")
    .addHelpText("after", examples("runs list", "runs list sales-load --limit 5", "runs list --active --format json"))
    .argument("[key]", "job key (the file stem under jobs/)")
    .option("--limit <n>", "how many runs", "20")
    .option("--active", "only runs that are queued, pending or running")
    .action(async (key: string | undefined, flags: { limit: string; active?: boolean }, cmd: Command) => {
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
    });

  watchFlags(
    runs
      .command("get")
      .description("one run with its per-task timeline (repair attempts included)")
      .addHelpText("after", examples("runs get 123456", "runs get 123456 --watch --timeout 30m"))
      .argument("<run-id>", "the run's id")
      .option("--watch", "follow a run that is still going to its end, like jobform run"),
  ).action(async (runId: string, flags: WatchFlags & { watch?: boolean }, cmd: Command) => {
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
  });

  runs
    .command("cancel")
    .description("cancel a run (a run that already finished is left alone)")
    .addHelpText("after", examples("runs cancel 123456"))
    .argument("<run-id>", "the run's id")
    .action(async (runId: string, _flags: unknown, cmd: Command) => {
      const id = parseRunId(runId);
      done(await withRunsIo(cmd, deps, (io) => cancelRun(id, io)));
    });

  watchFlags(
    runs
      .command("repair")
      .description("rerun failed or chosen tasks of a finished run, then watch the repair")
      .addHelpText("after", examples("runs repair 123456 --all-failed", "runs repair 123456 --task ingest --no-wait"))
      .argument("<run-id>", "the run's id")
      .option("--task <key>", "rerun this task and the tasks that depend on it (repeatable)", collect, [])
      .option("--all-failed", "rerun every failed task")
      .option("--no-wait", "print the repair id and link, then exit without watching"),
  ).action(async (runId: string, flags: WatchFlags & { task: string[]; allFailed?: boolean; wait: boolean }, cmd: Command) => {
    const id = parseRunId(runId);
    const opts = watchOptions(flags);
    done(await withRunsIo(cmd, deps, (io) => repairRun(id, { tasks: flags.task, allFailed: flags.allFailed === true }, io, { wait: flags.wait, ...opts })));
  });

  runs
    .command("output")
    .description("each task run's result, error, error trace and logs")
    .addHelpText("after", examples("runs output 123456", "runs output 123456 --format json"))
    .argument("<run-id>", "the run's id (or one task run's id)")
    .action(async (runId: string, _flags: unknown, cmd: Command) => {
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
    });
}
