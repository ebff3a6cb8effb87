import { Command, CommanderError } from "commander";
import { ExitCode, UserError } from "./errors.js";
import { collect } from "./globals.js";
import { VERSION } from "./version.js";

type Registrar = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: the HTTP client (undici) and the emulator
 * cost ~150 ms of start-up that `validate` — run on every save — should not pay. Help and unknown words
 * load them all, in this order.
 */
const COMMANDS: readonly (readonly [names: readonly string[], load: () => Promise<Registrar>])[] = [
  [["validate"], async () => (await import("./commands/validate.js")).registerValidate],
  [["plan", "drift"], async () => (await import("./commands/plan.js")).registerPlan],
  [["apply", "unlock"], async () => (await import("./commands/apply.js")).registerApply],
  [["serve"], async () => (await import("./commands/serve.js")).registerServe],
  [
    ["api"],
    async () => {
      const { registerApi } = await import("./commands/api.js");
      // The project's host is read (workspace.js, the core) only when the call is made.
      return (program) => registerApi(program, { targetHost: async (dir, target) => (await import("./workspace.js")).targetHost(dir, target) });
    },
  ],
  [["submit"], async () => (await import("./commands/submit.js")).registerSubmit],
  [["notebooks"], async () => (await import("./commands/notebooks.js")).registerNotebooks],
  [["run"], async () => (await import("./commands/run.js")).registerRun],
  [["runs"], async () => (await import("./commands/runs.js")).registerRuns],
  [["jobs"], async () => (await import("./commands/jobs.js")).registerJobs],
  [["pause", "unpause"], async () => (await import("./commands/pause.js")).registerPause],
  [["graph"], async () => (await import("./commands/graph.js")).registerGraph],
  [["pull"], async () => (await import("./commands/pull.js")).registerPull],
  [["import"], async () => (await import("./commands/import.js")).registerImport],
  [["schema"], async () => (await import("./commands/schema.js")).registerSchema],
  [["ui"], async () => (await import("./commands/ui.js")).registerUi],
  [
    ["demo"],
    async () => {
      const { registerDemo } = await import("./commands/demo.js");
      return (program) => registerDemo(program, runInProcess);
    },
  ],
];

const GLOBAL_WITH_VALUE = new Set(["--dir", "--target", "--var", "--profile", "--host", "--format"]);

/** The command word of the arguments: the first that is neither an option nor a global option's value. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("jobform")
    .description("GitOps for Databricks Lakeflow Jobs")
    .version(VERSION)
    .option("--dir <path>", "project root", process.cwd())
    .option("--target <name>", "target from jobform.yaml")
    .option("--var <name=value>", "set a variable (repeatable)", collect, [])
    .option("--profile <name>", "~/.databrickscfg profile")
    .option("--host <url>", "workspace URL")
    .option("--format <format>", "output format: text, json or markdown")
    .option("--no-color", "plain output (also NO_COLOR)")
    .option("--verbose", "log requests (method, path, status, duration; never secrets)")
    .exitOverride();
  const args = argv.slice(2);
  const word = commandWord(args);
  const chosen = COMMANDS.find(([names]) => word !== undefined && names.includes(word));
  // `jobform --version` prints one line that no command's module is needed for.
  const versionOnly = word === undefined && args.some((a) => a === "--version" || a === "-V");
  for (const [, load] of chosen ? [chosen] : versionOnly ? [] : COMMANDS) (await load())(program);
  oneLineUsageErrors(program);
  return program;
}

/** `jobform jobs list`: the words a user types to reach this command. */
function commandPath(cmd: Command): string {
  const words: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) words.unshift(c.name());
  return words.join(" ");
}

/** A mistyped option or a missing argument is one line and a pointer to the help, not the whole help. */
function oneLineUsageErrors(cmd: Command): void {
  const path = commandPath(cmd);
  cmd.configureOutput({
    outputError: (text, write) => write(`${path}: ${text.trim().replace(/^error: /, "")} (see \`${path} --help\`)\n`),
  });
  for (const sub of cmd.commands) oneLineUsageErrors(sub);
}

/** A command run inside this process (the demo's steps), with the top-level handler's exit codes. */
async function runInProcess(args: string[]): Promise<number> {
  return main(["node", "jobform", ...args]);
}

const WIRE_FAILURES = new Set(["NetworkError", "AmbiguousWriteError", "PaginationLoopError"]);

/** The one top-level handler: user errors are one line, anything else is a bug and says so. */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    if (e instanceof UserError) {
      process.stderr.write(`jobform: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    const err = e as Error & { errorCode?: string; status?: number };
    // Failures of the workspace or the network between: the user's to fix or retry, never a stack. Matched
    // by name so this handler does not load the HTTP client for commands that never use it.
    if (err?.name === "ApiError") {
      process.stderr.write(`jobform: ${String(err)}\n`);
      return 1;
    }
    if (WIRE_FAILURES.has(err?.name)) {
      const attempts = (err as { attempts?: number }).attempts ?? 1;
      process.stderr.write(`jobform: ${err.message}${attempts > 1 ? ` (after ${attempts} attempts)` : ""}\n`);
      return 1;
    }
    process.stderr.write(`jobform: internal error — this is a bug in jobform, please report it:\n${err?.stack ?? String(e)}\n`);
    return 1;
  }
}
