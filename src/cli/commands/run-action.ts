// `jobform run`: what it does, loaded when it runs (registered in run.ts).
import type { Command } from "commander";
import { mintIdempotencyToken } from "../../databricks/index.js";
import { parseParamFlags } from "../../runner/parameters.js";
import { timeoutMs, withRunsIo } from "../../runs/command-io.js";
import type { RunsCommandDeps } from "../../runs/command-io.js";
import { findManagedJob, runOwner } from "../../runs/find-job.js";
import { buildRunNow, localNames } from "../../runs/run-now-request.js";
import { runJob } from "../../runs/run-job.js";
import { ExitCode, UserError } from "../errors.js";
import { checkedProject } from "../plan-context.js";
import type { RunFlags } from "./run.js";

export async function runCommand(key: string, flags: RunFlags, cmd: Command, deps: RunsCommandDeps): Promise<void> {
  const limit = timeoutMs(flags.timeout);
  const parsed = parseParamFlags(flags.param);
  if (parsed.errors.length > 0) throw new UserError(parsed.errors.join("; "));
  const checked = checkedProject(cmd);
  const local = checked.resolved.jobs.find((j) => j.key === key);
  const code = await withRunsIo(cmd, deps, async (io) => {
    const { job } = await findManagedJob(io, await runOwner(io, checked.resolved), key, checked.resolved.jobs.map((j) => j.key));
    const built = buildRunNow({
      jobId: job.job_id,
      key,
      settings: job.settings ?? {},
      params: parsed.values,
      only: flags.only,
      // One token per `jobform run`: the client resends it on retries, so at most one run starts.
      idempotencyToken: mintIdempotencyToken(),
      localParameters: localNames(local?.document, "parameters", "name"),
      localTasks: localNames(local?.document, "tasks", "task_key"),
    });
    if (built.errors) {
      if (built.errors.length === 1) throw new UserError(built.errors[0] as string);
      for (const e of built.errors) io.err(`jobform: ${e}`);
      return 1;
    }
    if (!local) io.err(`note: jobs/${key}.yaml is gone from the project, but the job is still deployed; running it as deployed`);
    return runJob(built.request, key, io, {
      wait: flags.wait,
      timeoutMs: limit,
      detach: flags.detach === true,
      cancelOnTimeout: flags.cancelOnTimeout,
      failOnTaskFailure: flags.failOnTaskFailure === true,
    });
  });
  if (code !== 0) throw new ExitCode(code);
}
