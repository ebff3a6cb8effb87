// `jobform serve`: the flags checked and the emulator started, loaded when it runs (registered in serve.ts).
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { startEmulator } from "../../emulator/server.js";
import { StateFileError } from "../../emulator/persistence.js";
import { parsePrincipal } from "../../emulator/principals.js";
import { parseChaos, parseIdStart, parseOAuthClient, parseOutcome, parseRateLimit, parseTimeouts, type EmulatorOptions } from "../../emulator/options.js";
import { projectPrincipals } from "../project-principals.js";
import type { ServeFlags } from "./serve.js";

function intOption(name: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new UserError(`${name} must be an integer between ${min} and ${max}, got '${text}'`);
  return n;
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
    if (f.principalsOf !== undefined) opts.principals = [...(opts.principals ?? []), ...projectPrincipals(f.principalsOf)];
    f.runOutcome.forEach(parseOutcome);
    if (f.idStart !== undefined) opts.idStart = parseIdStart(f.idStart);
    const headersTimeout = intOption("--headers-timeout-ms", f.headersTimeoutMs, 1);
    if (headersTimeout !== undefined) opts.headersTimeoutMs = headersTimeout;
    const requestTimeout = intOption("--request-timeout-ms", f.requestTimeoutMs, 1);
    if (requestTimeout !== undefined) opts.requestTimeoutMs = requestTimeout;
    parseTimeouts(opts);
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

export async function serve(flags: ServeFlags, cmd: Command): Promise<void> {
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
}
