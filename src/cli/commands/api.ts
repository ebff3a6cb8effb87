// `jobform api`: the registration only; the call (api-action.ts) loads the HTTP client when it runs.
import type { Command } from "commander";
import type { CreateClientOptions, Env } from "../../databricks/index.js";
import { examples } from "../globals.js";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

export interface ApiCommandDeps {
  /** The host of `target` in `dir`/jobform.yaml, when the project names one. */
  targetHost?: (dir: string, target: string | undefined) => string | undefined | Promise<string | undefined>;
  env?: Env;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Extra client options (tests inject clocks). */
  client?: CreateClientOptions;
}

export function registerApi(program: Command, deps: ApiCommandDeps = {}): void {
  program
    .command("api")
    .description("one raw REST call with the resolved auth, retries and exact ids; prints the JSON answer")
    .addHelpText("after", examples("api GET '/api/2.2/jobs/get?job_id=123'", "api POST /api/2.2/jobs/run-now --json '{\"job_id\": 123}'", "api POST /api/2.2/jobs/reset --json @reset.json"))
    .argument("<method>", `HTTP method (${METHODS.join(", ")})`)
    .argument("<path>", "API path, e.g. /api/2.2/jobs/get?job_id=123")
    .option("--json <body>", "request body: inline JSON or @file")
    .action(async (methodArg: string, pathArg: string, _opts: unknown, command: Command) => (await import("./api-action.js")).api(methodArg, pathArg, command, deps));
}
