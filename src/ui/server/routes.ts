/**
 * The console's JSON API: the path and the body checked, then one backend call. Every route answers JSON;
 * a mistake in the request is a 400 that says which part is wrong.
 */
import type { Backend } from "./backend.js";
import { ConsoleError, MAX_LAST_RUNS } from "./backend.js";
import { isPlainObject } from "../../core/merge.js";

/** A job key (a file stem) or `id:<job id>`, percent-encoded by the page. */
const KEY = "([^/]{1,600})";
const RUN = "(\\d{1,20})";

type Handler = (b: Backend, m: string[], url: URL, body: unknown) => Promise<unknown>;

function objectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw new ConsoleError(400, "the request body must be a JSON object");
  return body;
}

const ROUTES: [method: string, pattern: RegExp, handler: Handler][] = [
  ["GET", /^\/api\/jobs$/, (b, _m, url) => b.overview(url.searchParams.get("refresh") === "1")],
  [
    "GET",
    /^\/api\/last-runs$/,
    (b, _m, url) => {
      const ids = (url.searchParams.get("ids") ?? "").split(",").filter((s) => s !== "");
      if (ids.some((id) => !/^\d{1,20}$/.test(id))) throw new ConsoleError(400, "ids: expected job ids separated by commas");
      if (ids.length > MAX_LAST_RUNS) throw new ConsoleError(400, `ids: at most ${MAX_LAST_RUNS} at once`);
      return b.lastRuns(ids);
    },
  ],
  ["GET", new RegExp(`^/api/jobs/${KEY}$`), (b, m) => b.job(m[1] as string)],
  ["GET", new RegExp(`^/api/jobs/${KEY}/runs$`), (b, m) => b.jobRuns(m[1] as string)],
  [
    "POST",
    new RegExp(`^/api/jobs/${KEY}/run-now$`),
    (b, m, _u, body) => {
      const params = objectBody(body).params ?? {};
      if (!isPlainObject(params)) throw new ConsoleError(400, "params: expected an object of name → value");
      return b.runNow(m[1] as string, params);
    },
  ],
  [
    "POST",
    new RegExp(`^/api/jobs/${KEY}/pause$`),
    (b, m, _u, body) => {
      const status = objectBody(body).status;
      if (status !== "PAUSED" && status !== "UNPAUSED") throw new ConsoleError(400, "status: expected PAUSED or UNPAUSED");
      return b.pause(m[1] as string, status);
    },
  ],
  ["GET", new RegExp(`^/api/runs/${RUN}$`), (b, m) => b.run(m[1] as string)],
  ["GET", new RegExp(`^/api/runs/${RUN}/output$`), (b, m) => b.output(m[1] as string)],
  ["POST", new RegExp(`^/api/runs/${RUN}/cancel$`), (b, m) => b.cancel(m[1] as string)],
  ["POST", new RegExp(`^/api/runs/${RUN}/repair$`), (b, m) => b.repair(m[1] as string)],
];

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ConsoleError(400, `malformed percent-encoding in ${segment.slice(0, 80)}`);
  }
}

export async function route(backend: Backend, method: string, url: URL, body: unknown): Promise<unknown> {
  let known = false;
  for (const [m, pattern, handler] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    known = true;
    if (m === method) return handler(backend, match.map(decoded), url, body);
  }
  throw new ConsoleError(known ? 405 : 404, known ? `${method} is not allowed on ${url.pathname}` : `no API route ${url.pathname}`);
}
