/**
 * The console's HTTP server: Node's http, the guard in front of everything, the built page as static
 * files, and the JSON API routed to the backend. Nothing here calls out: the only network peer of the
 * console is the workspace the backend's client talks to.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { AddressInfo } from "node:net";
import { allowedHosts, checkRequest, tokenCookie } from "./guard.js";
import { route } from "./routes.js";
import type { Backend } from "./backend.js";
import { ConsoleError } from "./backend.js";

export interface ConsoleOptions {
  host: string;
  port: number;
  token: string;
  /** The built page (dist/ui/page). */
  pageDir: string;
  backend: Backend;
  /** Unexpected failures (bugs), for the terminal that started the console. */
  log?: (line: string) => void;
}

export interface RunningConsole {
  /** The URL to open, with the start token. */
  url: string;
  /** The URL without the token. */
  base: string;
  port: number;
  close(): Promise<void>;
}

/** Largest JSON body a write may carry: the forms send a few parameters. */
export const MAX_BODY = 64 * 1024;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

function send(res: ServerResponse, status: number, body: string, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, ...extra });
  res.end(body);
}

/** JSON with int64 ids as strings: the page's JSON.parse would round them past 2^53. */
export function wireJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, wireJson(value), "application/json; charset=utf-8");
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ConsoleError(413, `request body over ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConsoleError(400, `the request body is not JSON: ${(e as Error).message}`);
  }
}

async function serveStatic(res: ServerResponse, pageDir: string, path: string): Promise<void> {
  const rel = path === "/" ? "index.html" : decodeURIComponent(path).replace(/^\/+/, "");
  const root = resolve(pageDir);
  const file = resolve(join(root, rel));
  if (!file.startsWith(root + sep)) return send(res, 404, "not found", "text/plain");
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...SECURITY_HEADERS, "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    if (path === "/") return send(res, 500, "the console's page is not built: run npm run build", "text/plain");
    send(res, 404, "not found", "text/plain");
  }
}

export async function startConsole(opts: ConsoleOptions): Promise<RunningConsole> {
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (e instanceof ConsoleError) return sendJson(res, e.status, { error: e.message });
      const err = e as Error & { status?: number; name?: string };
      // The workspace's refusal (ApiError) or a network failure: the page shows it; anything else is a bug.
      if (err?.name === "ApiError" || err?.name === "NetworkError") return sendJson(res, 502, { error: String(err.message ?? err) });
      opts.log?.(`jobform ui: internal error — this is a bug in jobform: ${err?.stack ?? String(e)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error in the console (see the terminal that started it)" });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://console.invalid");
    const verdict = checkRequest(
      {
        method: req.method ?? "GET",
        host: req.headers.host,
        origin: req.headers.origin,
        contentType: req.headers["content-type"],
        cookie: req.headers.cookie,
        authorization: req.headers.authorization,
        queryToken: url.searchParams.get("token") ?? undefined,
      },
      { token: opts.token, hosts },
    );
    if (!verdict.ok) {
      if (url.pathname.startsWith("/api/")) return sendJson(res, verdict.status, { error: verdict.message });
      return send(res, verdict.status, `${verdict.message}\n`, "text/plain; charset=utf-8");
    }
    // The token leaves the address bar at once: the page and its history hold only the cookie.
    if (verdict.viaQuery) return send(res, 303, "", "text/plain", { location: "/", "set-cookie": tokenCookie(opts.token) });
    if (!url.pathname.startsWith("/api/")) return serveStatic(res, opts.pageDir, url.pathname);
    const body = req.method === "POST" ? await readBody(req) : undefined;
    const result = await route(opts.backend, req.method ?? "GET", url, body);
    sendJson(res, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(opts.host, port);
  const base = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`;
  return {
    url: `${base}/?token=${opts.token}`,
    base,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
