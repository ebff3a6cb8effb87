// From a parsed request to a response, without sockets: route lookup, version check, bearer auth for
// /api/ routes, the handler, and ApiFailure → the real error body. The server adds the wire concerns.
import type { ApiVersion, EmuRequest, EmuResponse, Route } from "./types.js";
import type { Workspace } from "./state.js";
import { ApiFailure, failureResponse } from "./errors.js";
import { findRoute, notFound } from "./routes.js";
import { authenticate } from "./auth.js";

const API_PREFIX = /^\/api\/(\d\.\d)\/(.*)$/;
const VERSIONS = new Set<string>(["2.0", "2.1", "2.2"]);

export interface Resolved {
  route: Route | undefined;
  /** Path below the version for API routes, the full path otherwise. */
  path: string;
  apiVersion: ApiVersion | undefined;
  isApi: boolean;
  params?: Record<string, string>;
}

export function resolve(method: string, fullPath: string): Resolved {
  const m = API_PREFIX.exec(fullPath);
  if (m) {
    const version = m[1] as string;
    const path = m[2] as string;
    const found = VERSIONS.has(version) ? findRoute(method, path) : undefined;
    const ok = found?.route.versions?.includes(version as ApiVersion) === true;
    const out: Resolved = { route: ok ? found?.route : undefined, path, apiVersion: version as ApiVersion, isApi: true };
    if (ok && found?.params) out.params = found.params;
    return out;
  }
  const found = fullPath.startsWith("/api/") ? undefined : findRoute(method, fullPath);
  const route = found && found.route.versions === undefined ? found.route : undefined;
  const out: Resolved = { route, path: fullPath, apiVersion: undefined, isApi: fullPath.startsWith("/api/") };
  if (route && found?.params) out.params = found.params;
  return out;
}

/** Runs one request to completion. `fullPath` is the URL path as sent. */
export function dispatch(req: EmuRequest, ws: Workspace, fullPath: string, resolved = resolve(req.method, fullPath)): EmuResponse {
  try {
    // The gateway authenticates before routing: an unknown /api/ path without a token is still a 401.
    if (resolved.isApi) req.caller = authenticate(req, ws);
    if (!resolved.route) throw notFound(req, fullPath);
    req.path = resolved.path;
    req.apiVersion = resolved.apiVersion;
    if (resolved.params) req.params = resolved.params;
    return resolved.route.handler(req, ws);
  } catch (e) {
    if (e instanceof ApiFailure) return failureResponse(e);
    throw e;
  }
}
