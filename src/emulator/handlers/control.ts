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

/**
 * A control body listing `A:B` strings or {a, b} objects under `key` (or one of them alone), each parsed
 * by `parse` as "A<sep>B"; the first bad entry is a 400 and nothing is added.
 */
function parseEntries<T>(body: unknown, key: string, fields: [string, string], sep: string, parse: (text: string) => T, shape: string): T[] {
  const list: unknown[] = isObject(body) && Array.isArray(body[key]) ? (body[key] as unknown[]) : [body];
  const [a, b] = fields;
  return list.map((e) => {
    try {
      if (typeof e === "string") return parse(e);
      if (isObject(e) && typeof e[a] === "string" && typeof e[b] === "string") return parse(`${e[a]}${sep}${e[b]}`);
      throw new RangeError(shape);
    } catch (err) {
      throw invalid((err as Error).message);
    }
  });
}

/** Body: {rules: ["GLOB=STATE" | {glob, state}]} or one rule; appended to the --run-outcome rules. */
export function addOutcomes(req: EmuRequest, ws: Workspace): EmuResponse {
  const rules: OutcomeRule[] = parseEntries(req.body, "rules", ["glob", "state"], "=", parseOutcome, "an outcome rule is 'GLOB=STATE' or {glob, state}");
  ws.outcomes.push(...rules);
  return { status: 200, body: { outcomes: ws.outcomes } };
}

/** Body: {principals: ["KIND:NAME" | {kind, name}]} or one of them: users, groups, SPs that now exist. */
export function addPrincipals(req: EmuRequest, ws: Workspace): EmuResponse {
  const added: Principal[] = parseEntries(req.body, "principals", ["kind", "name"], ":", parsePrincipal, "a principal is 'KIND:NAME' or {kind, name}");
  for (const p of added) addPrincipal(ws.directory, p);
  return { status: 200, body: { principals: listPrincipals(ws.directory) } };
}
