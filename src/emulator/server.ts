// The emulator on node:http: body parsing, one-shot faults, chaos, rate limits, latency, request log and
// persistence around the socket-free dispatch. Control endpoints (/__emulator/) skip faults and limits.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmuRequest, EmuResponse } from "./types.js";
import { Workspace, type FaultRule } from "./state.js";
import { ApiFailure, failureResponse } from "./errors.js";
import { dispatch, resolve, type Resolved } from "./dispatch.js";
import { authenticate } from "./auth.js";
import { checkControl, checkOrigin } from "./guard.js";
import { RateLimiter } from "./rate-limit.js";
import { Chaos, type ChaosFault } from "./chaos.js";
import { StateSaver, loadState } from "./persistence.js";
import { mirrorDirectory } from "./workspace-dir.js";
import { parsePrincipal } from "./principals.js";
import { defaultBody } from "./handlers/control.js";
import { parseChaos, parseIdStart, parseOAuthClient, parseOutcome, parseRateLimit, parseTimeouts, type EmulatorOptions } from "./options.js";
import { parseJson, stringifyJson } from "../lib/json.js";
import "./runs/index.js";

export type { EmulatorOptions } from "./options.js";

export interface RunningEmulator {
  url: string;
  port: number;
  host: string;
  workspace: Workspace;
  close(): Promise<void>;
}

const CONTROL = "/__emulator/";
const MAX_BODY = 10 * 1024 * 1024;
// The ending "failed to parse given JSON" is recorded (issue #12, difference 6); the start is unverified.
const MALFORMED_JSON = "Invalid JSON given in the body of the request - failed to parse given JSON";

interface Wire {
  limiter: RateLimiter | undefined;
  chaos: Chaos | undefined;
  latencyMs: number;
  saver: StateSaver | undefined;
}

function takeFault(ws: Workspace, method: string, fullPath: string, r: Resolved): FaultRule | undefined {
  const i = ws.faults.findIndex(
    (f) => f.method === method && (f.path === fullPath || (r.isApi && !f.path.startsWith("/") && f.path === r.path)),
  );
  return i < 0 ? undefined : ws.faults.splice(i, 1)[0];
}

/**
 * /api/ bodies are JSON whatever the content type: the official examples send `curl --data @file.json`,
 * a form content type (issue #12, difference 6). Only the OAuth token endpoints read forms.
 */
function parseBody(raw: Buffer, contentType: string | undefined, isApi: boolean): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  if (!isApi && contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return parseJson(text);
}

function send(res: ServerResponse, r: EmuResponse): void {
  const headers: Record<string, string | number> = { ...r.headers };
  let payload: Buffer | string = "";
  if (r.raw) payload = r.raw;
  else if (r.body !== undefined) {
    payload = stringifyJson(r.body);
    headers["content-type"] = "application/json";
  }
  headers["content-length"] = Buffer.byteLength(payload);
  res.writeHead(r.status, headers);
  res.end(payload);
}

function resetConnection(res: ServerResponse): void {
  const sock = res.socket;
  if (sock && typeof sock.resetAndDestroy === "function") sock.resetAndDestroy();
  else sock?.destroy();
}

const chaosResponse = (kind: Exclude<ChaosFault, "reset" | "lost">): EmuResponse => {
  const status = Number(kind);
  return { status, body: defaultBody(status), headers: status === 429 ? { "retry-after": "1" } : {} };
};

function handle(ws: Workspace, wire: Wire, req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const fullPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  const resolved = resolve(method, fullPath);
  const control = fullPath.startsWith(CONTROL);
  let body: unknown;
  let outcome: EmuResponse | "reset";
  const finish = (r: EmuResponse | "reset") => {
    if (!fullPath.startsWith(CONTROL)) {
      ws.log({ method, path: fullPath, query: Object.fromEntries(query), body, status: r === "reset" ? 0 : r.status });
    }
    const go = () => (r === "reset" ? resetConnection(res) : send(res, r));
    if (wire.latencyMs > 0) setTimeout(go, wire.latencyMs);
    else go();
  };
  const fault = control ? undefined : takeFault(ws, method, fullPath, resolved);
  if (fault?.when === "before") return finish(fault.action === "reset" ? "reset" : { status: fault.status, body: fault.body });
  const kind = control ? undefined : wire.chaos?.next();
  if (kind && kind !== "lost") return finish(kind === "reset" ? "reset" : chaosResponse(kind));
  const emuReq: EmuRequest = { method, path: fullPath, query, body: undefined, headers: req.headers, apiVersion: undefined, rawBody: raw, baseUrl: `http://${req.headers.host ?? "localhost"}` };
  try {
    checkOrigin(emuReq, emuReq.baseUrl as string);
    checkControl(emuReq, resolved.route, ws);
    if (resolved.isApi && wire.limiter) wire.limiter.take(resolved.path);
    try {
      body = parseBody(raw, req.headers["content-type"], resolved.isApi);
    } catch {
      if (resolved.isApi) authenticate(emuReq, ws);
      throw new ApiFailure(400, "MALFORMED_REQUEST", MALFORMED_JSON);
    }
    emuReq.body = body;
    outcome = dispatch(emuReq, ws, fullPath, resolved);
  } catch (e) {
    if (e instanceof ApiFailure) outcome = failureResponse(e);
    else {
      console.error(`emulator bug on ${method} ${fullPath}:`, e);
      outcome = { status: 500, body: { error_code: "INTERNAL_ERROR", message: String((e as Error).message) } };
    }
  }
  // After-handler faults keep the change but replace what the client sees (a lost response).
  const answer = (): EmuResponse | "reset" => {
    if (fault?.when === "after") return fault.action === "reset" ? "reset" : fault.action === "lost" ? { status: 503, body: defaultBody(503) } : { status: fault.status, body: fault.body };
    return kind === "lost" ? { status: 503, body: defaultBody(503) } : outcome;
  };
  if (!(resolved.route?.mutates && outcome.status < 400)) return finish(answer());
  ws.onMutate?.();
  if (!wire.saver) return finish(answer());
  // Nothing is acknowledged before it is on disk; a failed save is an error, not a silent loss.
  wire.saver.commit().then(
    () => finish(answer()),
    (e: unknown) => finish({ status: 500, body: { error_code: "INTERNAL_ERROR", message: `The emulator could not save its state: ${(e as Error).message}` } }),
  );
}

export function createWorkspace(options: EmulatorOptions): Workspace {
  const user = options.user ?? "me@example.com";
  const oauthClients = (options.oauthClients ?? []).map(parseOAuthClient);
  const ws = new Workspace({
    user,
    idStart: parseIdStart(options.idStart),
    admins: [user, ...oauthClients.map((c) => c.id)],
    token: options.token,
    oauthClients,
    principals: (options.principals ?? []).map(parsePrincipal),
    runDurationMs: options.runDurationMs ?? 1000,
    checkPaths: options.checkPaths ?? false,
  });
  if (options.stateFile) loadState(ws, options.stateFile);
  for (const o of options.runOutcomes ?? []) ws.outcomes.push(parseOutcome(o));
  if (options.workspaceDir) mirrorDirectory(ws, options.workspaceDir);
  return ws;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const chaosP = parseChaos(options.chaos);
  const timeouts = parseTimeouts(options);
  const ws = createWorkspace(options);
  const wire: Wire = {
    limiter: options.rateLimit ? new RateLimiter(parseRateLimit(options.rateLimit)) : undefined,
    chaos: chaosP > 0 ? new Chaos(chaosP, options.seed ?? Date.now()) : undefined,
    latencyMs: options.latencyMs ?? 0,
    saver: options.stateFile ? new StateSaver(ws, options.stateFile) : undefined,
  };
  // A client that trickles its headers or body (slowloris) gets 408 and is cut off instead of holding a socket
  // forever; headers above 16 KiB get 431 and malformed HTTP 400 from node:http itself.
  const server = createServer({ keepAliveTimeout: 30_000, ...timeouts, maxHeaderSize: 16 * 1024 }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => {
      if (size > MAX_BODY) return send(res, { status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message: "Request body exceeds the 10 MB limit." } });
      handle(ws, wire, req, res, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    workspace: ws,
    async close() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await wire.saver?.commit();
    },
  };
}
