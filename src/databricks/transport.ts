import { Agent, EnvHttpProxyAgent, request } from "undici";
import type { Dispatcher } from "undici";
import { NetworkError } from "./errors.js";
import { isTlsFailure, networkFailureWasSent } from "./retry.js";

export interface TransportOptions {
  /** Sockets per origin; also bounds in-flight requests per host. */
  connections?: number;
  connectTimeoutMs?: number;
  /** Environment to read proxy settings from (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, any case). */
  env?: Record<string, string | undefined>;
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return env[name] || env[name.toLowerCase()] || undefined;
}

/**
 * One keep-alive pool per origin (undici's Agent keeps a Pool per origin), going through a proxy
 * when the environment names one, the way curl and the SDKs do.
 */
export function createDispatcher(options: TransportOptions = {}): Dispatcher {
  const env = options.env ?? {};
  const common = {
    connections: options.connections ?? 16,
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    keepAliveTimeout: 30_000,
  };
  const httpsProxy = envValue(env, "HTTPS_PROXY");
  const httpProxy = envValue(env, "HTTP_PROXY");
  if (httpsProxy || httpProxy) {
    return new EnvHttpProxyAgent({ ...common, httpProxy, httpsProxy, noProxy: envValue(env, "NO_PROXY") ?? "" });
  }
  return new Agent(common);
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

/** Sends one request and reads the whole answer; never retries. */
export type HttpSend = (req: HttpRequest) => Promise<HttpResponse>;

function describe(code: string, fallback: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connection reset by the server";
    case "ENOTFOUND":
      return "host name could not be resolved";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "timed out connecting";
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "timed out waiting for the answer";
    case "EAI_AGAIN":
      return "host name could not be resolved (DNS is not answering)";
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
      return "TLS certificate verification failed: the certificate is self-signed (a TLS-inspecting proxy? set NODE_EXTRA_CA_CERTS to its CA)";
    case "CERT_HAS_EXPIRED":
      return "TLS certificate verification failed: the certificate has expired";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return "TLS certificate verification failed: the certificate is for another host name";
    default:
      if (isTlsFailure(code)) return `TLS connection failed (${code}); is this an https:// URL of an HTTPS server, with a certificate this machine trusts?`;
      return fallback;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function createHttpSend(dispatcher: Dispatcher): HttpSend {
  return async (req) => {
    try {
      const res = await request(req.url, {
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        dispatcher,
        headersTimeout: req.timeoutMs ?? 60_000,
        bodyTimeout: req.timeoutMs ?? 60_000,
        signal: req.signal,
      });
      const text = await res.body.text();
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      return { status: res.statusCode, headers, text };
    } catch (err) {
      if (req.signal?.aborted) throw err;
      const e = err as { code?: string; cause?: { code?: string }; message?: string; name?: string };
      const code = e.code ?? e.cause?.code ?? e.name ?? "ERR_NETWORK";
      // Only the code and our own wording: undici messages can quote the URL, never a header.
      throw new NetworkError(code, describe(code, `network error (${code})`), req.method, pathOf(req.url), networkFailureWasSent(code));
    }
  };
}
