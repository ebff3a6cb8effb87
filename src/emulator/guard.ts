// What a server people run on their machines must refuse before any handler runs (issue #18, point 7):
// with --token, control endpoints need it like the API does; a state-changing control call needs a JSON
// content type (a web page can send text/plain or a form cross-site without a preflight, never JSON); and
// no state-changing request is taken from a page of another origin. The identity-provider stand-ins
// (Entra ID, managed identity, OIDC) authenticate by their own credentials: client secrets, not the bearer.
import type { EmuRequest, Route } from "./types.js";
import type { Workspace } from "./state.js";
import { ApiFailure } from "./errors.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function header(req: Pick<EmuRequest, "headers">, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Throws for a request from a browser page of another origin that would change something. Wording ours. */
export function checkOrigin(req: Pick<EmuRequest, "method" | "headers">, ownOrigin: string): void {
  if (SAFE.has(req.method)) return;
  const origin = header(req, "origin");
  if (origin !== undefined && origin !== ownOrigin) throw new ApiFailure(403, "PERMISSION_DENIED", `Requests from origin ${origin} are not accepted.`);
}

/** Control endpoints: the --token bearer when one is set, and JSON bodies for state changes. Wording ours. */
export function checkControl(req: Pick<EmuRequest, "method" | "headers">, route: Route | undefined, ws: Workspace): void {
  if (!route?.control) return;
  const only = ws.config.token;
  if (only !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header(req, "authorization") ?? "");
    if (!m) throw new ApiFailure(401, "UNAUTHENTICATED", "Credential was not sent or was of an unsupported type for this API.");
    if (m[1] !== only) throw new ApiFailure(403, "PERMISSION_DENIED", "Invalid access token.");
  }
  if (!SAFE.has(req.method) && !/^application\/json\b/i.test(header(req, "content-type") ?? ""))
    throw new ApiFailure(415, "INVALID_PARAMETER_VALUE", "Control endpoints take Content-Type: application/json.");
}
