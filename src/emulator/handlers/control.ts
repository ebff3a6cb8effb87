// Control endpoints under /__emulator/ for tests: request log, reset, state dump, one-shot faults, run outcomes.
import type { EmuRequest, EmuResponse, Principal } from "../types.js";
import { addPrincipal, listPrincipals, parsePrincipal } from "../principals.js";
import type { FaultRule, OutcomeRule, Workspace } from "../state.js";
import { invalid } from "../errors.js";
import { isObject } from "../defaults.js";
import { snapshot } from "../persistence.js";
import { parseOutcome } from "../options.js";

export function getRequests(req: EmuRequest, ws: Workspace): EmuResponse {
  const since = Number(req.query.get("since") ?? 0) || 0;
  return { status: 200, body: { requests: since > 0 ? ws.requestLog.filter((e) => e.seq > since) : ws.requestLog } };
}

export function resetWorkspace(_req: EmuRequest, ws: Workspace): EmuResponse {
  ws.reset();
  return { status: 200, body: {} };
}

export function getState(_req: EmuRequest, ws: Workspace): EmuResponse {
  return { status: 200, body: snapshot(ws) };
}

/**
 * Body: {method, path, status?, body?, action?: "reset" | "lost", when?: "before" | "after"}. A "lost"
 * fault lets the handler run and answers 503; "reset" destroys the connection (after the handler if
 * when=after). Each fault fires once.
 */
export function addFault(req: EmuRequest, ws: Workspace): EmuResponse {
  const b = req.body;
  if (!isObject(b) || typeof b.method !== "string" || typeof b.path !== "string") throw invalid("A fault needs method and path");
  const action = b.action === "reset" || b.action === "lost" ? b.action : "respond";
  const when = action === "lost" ? "after" : b.when === "after" ? "after" : "before";
  const status = typeof b.status === "number" ? b.status : 503;
  const rule: FaultRule = { method: b.method.toUpperCase(), path: b.path, when, action, status, body: b.body ?? defaultBody(status) };
  ws.faults.push(rule);
  return { status: 200, body: {} };
}

export function defaultBody(status: number): unknown {
  if (status === 429) return { error_code: "REQUEST_LIMIT_EXCEEDED", message: "Request limit exceeded: the RPC token bucket limit has been exceeded." };
  if (status === 504) return { error_code: "DEADLINE_EXCEEDED", message: "The request timed out before the service answered." };
  if (status === 500) return { error_code: "INTERNAL_ERROR", message: "Internal error." };
  return { error_code: "TEMPORARILY_UNAVAILABLE", message: "No webapps are available to handle your request. Please try again later." };
}

/** Body: {rules: ["GLOB=STATE" | {glob, state}]} or one rule; appended to the --run-outcome rules. */
export function addOutcomes(req: EmuRequest, ws: Workspace): EmuResponse {
  const b = req.body;
  const list: unknown[] = isObject(b) && Array.isArray(b.rules) ? b.rules : [b];
  const rules: OutcomeRule[] = [];
  for (const r of list) {
    try {
      if (typeof r === "string") rules.push(parseOutcome(r));
      else if (isObject(r) && typeof r.glob === "string" && typeof r.state === "string") rules.push(parseOutcome(`${r.glob}=${r.state}`));
      else throw new RangeError("an outcome rule is 'GLOB=STATE' or {glob, state}");
    } catch (e) {
      throw invalid((e as Error).message);
    }
  }
  ws.outcomes.push(...rules);
  return { status: 200, body: { outcomes: ws.outcomes } };
}

/** Body: {principals: ["KIND:NAME" | {kind, name}]} or one of them: users, groups, SPs that now exist. */
export function addPrincipals(req: EmuRequest, ws: Workspace): EmuResponse {
  const b = req.body;
  const list: unknown[] = isObject(b) && Array.isArray(b.principals) ? b.principals : [b];
  const added: Principal[] = [];
  for (const p of list) {
    try {
      if (typeof p === "string") added.push(parsePrincipal(p));
      else if (isObject(p) && typeof p.kind === "string" && typeof p.name === "string") added.push(parsePrincipal(`${p.kind}:${p.name}`));
      else throw new RangeError("a principal is 'KIND:NAME' or {kind, name}");
    } catch (e) {
      throw invalid((e as Error).message);
    }
  }
  for (const p of added) addPrincipal(ws.directory, p);
  return { status: 200, body: { principals: listPrincipals(ws.directory) } };
}
