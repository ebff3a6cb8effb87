import { Command, CommanderError } from "commander";
import { registerApi } from "./commands/api.js";
import { registerApply } from "./commands/apply.js";
import { registerDemo } from "./commands/demo.js";
import { registerGraph } from "./commands/graph.js";
import { registerImport } from "./commands/import.js";
import { registerJobs } from "./commands/jobs.js";
import { registerNotebooks } from "./commands/notebooks.js";
import { registerPause } from "./commands/pause.js";
import { registerPlan } from "./commands/plan.js";
import { registerRun } from "./commands/run.js";
import { registerRuns } from "./commands/runs.js";
import { registerServe } from "./commands/serve.js";
import { registerSubmit } from "./commands/submit.js";
import { registerValidate } from "./commands/validate.js";
import { ExitCode, UserError } from "./errors.js";
import { collect } from "./globals.js";
import { targetHost } from "./workspace.js";

export function buildProgram(): Command {
  const program = new Command("jobform")
    .description("GitOps for Databricks Lakeflow Jobs")
    .version("0.1.0")
    .option("--dir <path>", "project root", process.cwd())
    .option("--target <name>", "target from jobform.yaml")
    .option("--var <name=value>", "set a variable (repeatable)", collect, [])
    .option("--profile <name>", "~/.databrickscfg profile")
    .option("--host <url>", "workspace URL")
    .option("--format <format>", "output format: text, json or markdown")
    .option("--no-color", "plain output (also NO_COLOR)")
    .option("--verbose", "log requests (method, path, status, duration; never secrets)")
    .exitOverride()
    .showHelpAfterError();
  registerValidate(program);
  registerPlan(program);
  registerApply(program);
  registerServe(program);
  registerApi(program, { targetHost });
  registerSubmit(program);
  registerNotebooks(program);
  registerRun(program);
  registerRuns(program);
  registerJobs(program);
  registerPause(program);
  registerGraph(program);
  registerImport(program);
  registerDemo(program, runInProcess);
  return program;
}

/** A command run inside this process (the demo's steps), with the top-level handler's exit codes. */
async function runInProcess(args: string[]): Promise<number> {
  return main(["node", "jobform", ...args]);
}

/** The one top-level handler: user errors are one line, anything else is a bug and says so. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    if (e instanceof UserError) {
      process.stderr.write(`jobform: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    const err = e as Error & { errorCode?: string; status?: number };
    if (err?.name === "ApiError") {
      process.stderr.write(`jobform: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`jobform: internal error — this is a bug in jobform, please report it:\n${err?.stack ?? String(e)}\n`);
    return 1;
  }
}
