// The route table: method + path pattern → handler. API routes are listed below their version prefix
// with the versions the real service answers on; the runs engine adds its routes with registerRoutes.
import type { ApiVersion, EmuRequest, Route } from "./types.js";
import { ApiFailure } from "./errors.js";
import { getJob, listJobs } from "./handlers/jobs-read.js";
import { createJob, deleteJob, resetJob, updateJob } from "./handlers/jobs-write.js";
import { getPermissions, permissionLevels, setPermissions, updatePermissions } from "./handlers/permissions.js";
import { deleteObject, exportObject, getStatus, importObject, listObjects, mkdirsHandler } from "./handlers/workspace.js";
import { aadToken, githubIdToken, msiToken, oidcDiscovery, oidcToken, scimMe } from "./handlers/identity.js";
import { addFault, addOutcomes, addPrincipals, getRequests, getState, resetWorkspace } from "./handlers/control.js";
import { listGroups, listServicePrincipals, listUsers } from "./handlers/scim.js";
import { createPolicy, deletePolicy, editPolicy, getFamily, getPolicy, listFamilies, listPolicies } from "./handlers/cluster-policies.js";

/** Jobs answer on 2.0, 2.1 and 2.2 (the CLI fake also serves 2.0); other APIs on 2.0 only (API-NOTES §1). */
export const JOBS_VERSIONS: readonly ApiVersion[] = ["2.0", "2.1", "2.2"];
const V20: readonly ApiVersion[] = ["2.0"];

const BUILTIN: Route[] = [
  { method: "POST", pattern: "jobs/create", versions: JOBS_VERSIONS, mutates: true, handler: createJob },
  { method: "GET", pattern: "jobs/get", versions: JOBS_VERSIONS, handler: getJob },
  { method: "GET", pattern: "jobs/list", versions: JOBS_VERSIONS, handler: listJobs },
  { method: "POST", pattern: "jobs/reset", versions: JOBS_VERSIONS, mutates: true, handler: resetJob },
  { method: "POST", pattern: "jobs/update", versions: JOBS_VERSIONS, mutates: true, handler: updateJob },
  { method: "POST", pattern: "jobs/delete", versions: JOBS_VERSIONS, mutates: true, handler: deleteJob },
  // The preview prefix reaches the same handlers on a real workspace (issue #12, difference 9).
  ...["permissions", "preview/permissions"].flatMap((prefix): Route[] => [
    { method: "GET", pattern: `${prefix}/{type}/{id}`, versions: V20, handler: getPermissions },
    { method: "PUT", pattern: `${prefix}/{type}/{id}`, versions: V20, mutates: true, handler: setPermissions },
    { method: "PATCH", pattern: `${prefix}/{type}/{id}`, versions: V20, mutates: true, handler: updatePermissions },
    { method: "GET", pattern: `${prefix}/{type}/{id}/permissionLevels`, versions: V20, handler: permissionLevels },
  ]),
  { method: "GET", pattern: "workspace/list", versions: V20, handler: listObjects },
  { method: "GET", pattern: "workspace/get-status", versions: V20, handler: getStatus },
  { method: "GET", pattern: "workspace/export", versions: V20, handler: exportObject },
  { method: "POST", pattern: "workspace/import", versions: V20, mutates: true, handler: importObject },
  { method: "POST", pattern: "workspace/mkdirs", versions: V20, mutates: true, handler: mkdirsHandler },
  { method: "POST", pattern: "workspace/delete", versions: V20, mutates: true, handler: deleteObject },
  { method: "POST", pattern: "policies/clusters/create", versions: V20, mutates: true, handler: createPolicy },
  { method: "GET", pattern: "policies/clusters/get", versions: V20, handler: getPolicy },
  { method: "GET", pattern: "policies/clusters/list", versions: V20, handler: listPolicies },
  { method: "POST", pattern: "policies/clusters/edit", versions: V20, mutates: true, handler: editPolicy },
  { method: "POST", pattern: "policies/clusters/delete", versions: V20, mutates: true, handler: deletePolicy },
  { method: "GET", pattern: "policy-families", versions: V20, handler: listFamilies },
  { method: "GET", pattern: "policy-families/{id}", versions: V20, handler: getFamily },
  { method: "GET", pattern: "preview/scim/v2/Me", versions: V20, handler: scimMe },
  { method: "GET", pattern: "preview/scim/v2/Users", versions: V20, handler: listUsers },
  { method: "GET", pattern: "preview/scim/v2/Groups", versions: V20, handler: listGroups },
  { method: "GET", pattern: "preview/scim/v2/ServicePrincipals", versions: V20, handler: listServicePrincipals },
];

/**
 * Routes outside /api/: OAuth, test identity providers, control endpoints. Never faulted. The control ones
 * need --token when it is set; the identity providers check their own credentials (client secrets, the
 * runner's bearer), and what they issue is good only for configured clients.
 */
export const OPEN_ROUTES: Route[] = [
  { method: "GET", pattern: "/oidc/.well-known/oauth-authorization-server", handler: oidcDiscovery },
  { method: "POST", pattern: "/oidc/v1/token", handler: oidcToken },
  { method: "POST", pattern: "/__emulator/aad/{tenant}/oauth2/v2.0/token", handler: aadToken },
  { method: "POST", pattern: "/__emulator/aad/{tenant}/oauth2/token", handler: aadToken },
  { method: "GET", pattern: "/__emulator/msi/token", handler: msiToken },
  { method: "GET", pattern: "/__emulator/github/token", handler: githubIdToken },
  { method: "GET", pattern: "/__emulator/requests", control: true, handler: getRequests },
  { method: "POST", pattern: "/__emulator/reset", mutates: true, control: true, handler: resetWorkspace },
  { method: "GET", pattern: "/__emulator/state", control: true, handler: getState },
  { method: "POST", pattern: "/__emulator/faults", control: true, handler: addFault },
  { method: "POST", pattern: "/__emulator/outcomes", mutates: true, control: true, handler: addOutcomes },
  { method: "POST", pattern: "/__emulator/principals", mutates: true, control: true, handler: addPrincipals },
];

interface Compiled {
  route: Route;
  parts: string[];
}

const exact = new Map<string, Route>();
const patterned: Compiled[] = [];

/** Extension point: the runs engine registers jobs/run-now and jobs/runs/* here at import time. */
export function registerRoutes(routes: Route[]): void {
  for (const route of routes) {
    if (route.pattern.includes("{")) patterned.push({ route, parts: route.pattern.split("/") });
    else exact.set(`${route.method} ${route.pattern}`, route);
  }
}

registerRoutes(BUILTIN);
registerRoutes(OPEN_ROUTES);

/** The route for a method and path (below the version for API calls), with captured parameters. */
export function findRoute(method: string, path: string): { route: Route; params?: Record<string, string> } | undefined {
  const hit = exact.get(`${method} ${path}`);
  if (hit) return { route: hit };
  const segs = path.split("/");
  for (const c of patterned) {
    if (c.route.method !== method || c.parts.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) {
      const p = c.parts[i] as string;
      const s = segs[i] as string;
      if (p.startsWith("{")) params[p.slice(1, -1)] = decodeURIComponent(s);
      else ok = p === s;
    }
    if (ok) return { route: c.route, params };
  }
  return undefined;
}

/** The real gateway's answer for a path it has no API for. */
export function notFound(req: Pick<EmuRequest, "method">, fullPath: string): ApiFailure {
  return new ApiFailure(404, "ENDPOINT_NOT_FOUND", `No API found for '${req.method} ${fullPath.replace(/^\/api\/\d\.\d/, "")}'`);
}
