// `jobform api`: the call itself, loaded when it runs (registered in api.ts).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseJson, stringifyJson } from "../../lib/json.js";
import { AmbiguousWriteError, ApiError, NetworkError, createClient, loadConfig } from "../../databricks/index.js";
import type { QueryValue } from "../../databricks/index.js";
import { retryFromEnv } from "../env-duration.js";
import { ExitCode, UserError } from "../errors.js";
import { METHODS } from "./api.js";
import type { ApiCommandDeps } from "./api.js";

interface ApiGlobals {
  dir?: string;
  target?: string;
  host?: string;
  profile?: string;
  verbose?: boolean;
  json?: string;
}

/** `--json BODY`: inline JSON, or `@path` to read it from a file (relative to the working directory). */
async function readBody(arg: string | undefined): Promise<unknown> {
  if (arg === undefined) return undefined;
  let text = arg;
  if (arg.startsWith("@")) {
    const path = resolve(arg.slice(1));
    try {
      text = await readFile(path, "utf8");
    } catch {
      throw new UserError(`--json ${arg}: cannot read ${path}`);
    }
  }
  try {
    return parseJson(text);
  } catch (e) {
    throw new UserError(`--json: not valid JSON (${(e as Error).message})`);
  }
}

/** GET and DELETE carry no body: top-level scalars of --json become query parameters, like `databricks api`. */
function bodyToQuery(body: unknown, into: Record<string, QueryValue>): void {
  if (body === undefined) return;
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new UserError("--json for GET/DELETE must be an object of query parameters");
  for (const [k, v] of Object.entries(body)) {
    if (v === null || typeof v === "object") throw new UserError(`--json field ${k}: only strings, numbers and booleans fit in a query string`);
    into[k] = v as QueryValue;
  }
}

export async function api(methodArg: string, pathArg: string, command: Command, deps: ApiCommandDeps): Promise<void> {
  const o = command.optsWithGlobals() as ApiGlobals;
  const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const err = deps.stderr ?? ((t: string) => process.stderr.write(t));
  const method = methodArg.toUpperCase();
  if (!METHODS.includes(method)) throw new UserError(`unknown method ${methodArg}: use one of ${METHODS.join(", ")}`);
  const url = new URL(pathArg.startsWith("/") ? pathArg : `/${pathArg}`, "http://placeholder");
  const query: Record<string, QueryValue> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    query[k] = all.length === 1 ? all[0] : all;
  }
  let body = await readBody(o.json);
  if (method === "GET" || method === "DELETE" || method === "HEAD") {
    bodyToQuery(body, query);
    body = undefined;
  }

  const env = deps.env ?? process.env;
  const targetHost = o.host ? undefined : await deps.targetHost?.(o.dir ?? process.cwd(), o.target);
  const config = await loadConfig({ env, flags: { host: o.host, profile: o.profile }, targetHost });
  const client = createClient(config, { env, retry: retryFromEnv(env), log: o.verbose ? (line) => err(`${line}\n`) : undefined, ...deps.client });
  try {
    const answer = await client.request(method, url.pathname, { query, body });
    out(`${stringifyJson(answer, 2)}\n`);
  } catch (e) {
    if (e instanceof ApiError) {
      err(`${e.body !== undefined ? stringifyJson(e.body, 2) : e.toString()}\n`);
      throw new ExitCode(1);
    }
    if (e instanceof AmbiguousWriteError || e instanceof NetworkError) throw new UserError(e.message);
    throw e;
  } finally {
    await client.close();
  }
}
