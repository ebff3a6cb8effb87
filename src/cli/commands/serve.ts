// `jobform serve`: the local Databricks emulator with the options of PRODUCT.md.
import { Option, type Command } from "commander";
import { examples } from "../globals.js";
import { UserError } from "../errors.js";
import { startEmulator } from "../../emulator/server.js";
import { StateFileError } from "../../emulator/persistence.js";
import { parsePrincipal } from "../../emulator/principals.js";
import { parseChaos, parseIdStart, parseOAuthClient, parseOutcome, parseRateLimit, type EmulatorOptions } from "../../emulator/options.js";

const collect = (v: string, prev: string[]) => [...prev, v];

function intOption(name: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new UserError(`${name} must be an integer between ${min} and ${max}, got '${text}'`);
  return n;
}

interface ServeFlags {
  port?: string;
  host: string;
  token?: string;
  user?: string;
  oauthClient: string[];
  principal?: string[];
  state?: string;
  workspaceDir?: string;
  latencyMs?: string;
  rateLimit?: string;
  chaos?: string;
  seed?: string;
  runDurationMs?: string;
  runOutcome: string[];
  checkPaths?: boolean;
  idStart?: string;
}

/** Turns the flags into EmulatorOptions; any bad value is a one-line UserError. */
export function serveOptions(f: ServeFlags): EmulatorOptions {
  const opts: EmulatorOptions = { host: f.host, oauthClients: f.oauthClient, runOutcomes: f.runOutcome, checkPaths: f.checkPaths === true };
  try {
    opts.port = intOption("--port", f.port, 0, 65535) ?? 0;
    const latency = intOption("--latency-ms", f.latencyMs, 0);
    if (latency !== undefined) opts.latencyMs = latency;
    const duration = intOption("--run-duration-ms", f.runDurationMs, 0);
    if (duration !== undefined) opts.runDurationMs = duration;
    const seed = intOption("--seed", f.seed, 0, 2 ** 32 - 1);
    if (seed !== undefined) opts.seed = seed;
    if (f.chaos !== undefined) opts.chaos = parseChaos(Number(f.chaos));
    if (f.rateLimit !== undefined) {
      parseRateLimit(f.rateLimit);
      opts.rateLimit = f.rateLimit;
    }
    f.oauthClient.forEach(parseOAuthClient);
    if (f.principal?.length) opts.principals = f.principal.map(parsePrincipal).map((p) => `${p.kind}:${p.name}`);
    f.runOutcome.forEach(parseOutcome);
    if (f.idStart !== undefined) opts.idStart = parseIdStart(f.idStart);
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(e.message);
    throw e;
  }
  if (f.token !== undefined) opts.token = f.token;
  if (f.user !== undefined) opts.user = f.user;
  if (f.state !== undefined) opts.stateFile = f.state;
  if (f.workspaceDir !== undefined) opts.workspaceDir = f.workspaceDir;
  return opts;
}

/**
 * The root program's `--host` (a workspace URL) is parsed wherever it appears, so commander hands
 * `serve --host ADDR` to the root and leaves serve's own at its default: the root's value is then serve's.
 */
function bindAddress(own: string, cmd: Command): string {
  if (cmd.getOptionValueSource("host") !== "default") return own;
  const root: unknown = cmd.parent?.opts().host;
  if (typeof root !== "string") return own;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(root)) throw new UserError(`serve --host ${root}: expected an address to listen on (such as 0.0.0.0 or 127.0.0.1), not a URL`);
  return root;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the local Databricks emulator (Jobs 2.1/2.2, Permissions, Workspace, OAuth)")
    .addHelpText("after", examples("serve --port 8787", "serve --host 0.0.0.0 --port 8787 --token secret --state ws.json", "serve --run-outcome 'nightly*=FAILED' --run-duration-ms 5000"))
    .option("--port <n>", "port to listen on (0 = any free port)", "0")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .option("--token <t>", "only serve requests with Authorization: Bearer <t>")
    .option("--user <name>", "identity behind accepted tokens", "me@example.com")
    .option("--oauth-client <id:secret>", "service principal allowed to get OAuth tokens (repeatable)", collect, [])
    .option("--principal <kind:name>", "a user, group or service_principal that exists in the workspace (repeatable)", collect, [])
    .option("--state <file>", "load and persist the workspace in this file")
    .option("--workspace-dir <dir>", "mirror a local folder into the workspace tree at start")
    .option("--latency-ms <n>", "add N ms to every response")
    .option("--rate-limit <spec>", "RPS for the workspace, or 'jobs/get=30,permissions=10'")
    .option("--chaos <p>", "probability of a random fault per request")
    .option("--seed <s>", "seed for --chaos")
    .option("--run-duration-ms <n>", "how long a simulated run stays RUNNING", "1000")
    .option("--run-outcome <glob=state>", "runs matching GLOB end in STATE (repeatable)", collect, [])
    .option("--check-paths", "fail runs whose notebook or python file is not in the workspace")
    .addOption(new Option("--id-start <n>", "first job/run id handed out"))
    .action(async (flags: ServeFlags, cmd: Command) => {
      let emu;
      try {
        emu = await startEmulator(serveOptions({ ...flags, host: bindAddress(flags.host, cmd) }));
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === "EADDRINUSE" || err.code === "EACCES" || err.code === "ENOENT" || err.code === "EADDRNOTAVAIL") throw new UserError(`cannot start the emulator: ${err.message}`);
        if (e instanceof RangeError || e instanceof SyntaxError || e instanceof StateFileError) throw new UserError(`cannot start the emulator: ${(e as Error).message}`);
        throw e;
      }
      process.stdout.write(`listening on ${emu.url}\n`);
      const running = emu;
      await new Promise<void>((done) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void running.close().then(done);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
