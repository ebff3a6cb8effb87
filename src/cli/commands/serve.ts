// `jobform serve`: the local Databricks emulator with the options of PRODUCT.md. The registration only:
// the action (serve-action.ts) loads the emulator when it runs, so `serve --help` loads only what it prints.
import { Option, type Command } from "commander";
import { collect, examples } from "../globals.js";

export interface ServeFlags {
  port?: string;
  host: string;
  token?: string;
  user?: string;
  oauthClient: string[];
  principal?: string[];
  principalsOf?: string;
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
  headersTimeoutMs?: string;
  requestTimeoutMs?: string;
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
    .option("--principals-of <dir>", "every user, group and service principal the jobform project in DIR names exists in the workspace")
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
    .option("--headers-timeout-ms <n>", "a client that has not sent its request head by then gets 408 and is cut off (default 10000)")
    .option("--request-timeout-ms <n>", "the same for the whole request, body included (default 30000)")
    .action(async (flags: ServeFlags, cmd: Command) => (await import("./serve-action.js")).serve(flags, cmd));
}
