// The client against a hostile or broken server: redirects, bodies that are not JSON, absurd Retry-After
// values and hosts written with paths. Each answer is an error that names the request, never a parse stack.
import { afterEach, describe, expect, it } from "vitest";
import { DatabricksClient } from "../../src/databricks/client.js";
import type { ClientOptions } from "../../src/databricks/client.js";
import { patCredentials } from "../../src/databricks/auth/pat.js";
import { normalizeHost } from "../../src/databricks/config.js";
import { ApiError } from "../../src/databricks/errors.js";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "../../src/databricks/retry.js";
import { fakeClock, reply, sequence, startServer } from "../databricks/support/server.js";
import type { Handler, TestServer } from "../databricks/support/server.js";

const TOKEN = "dapi0123456789abcdef0123456789abcdef";
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  open.push(s);
  return s;
}

function clientFor(url: string, options: Partial<ClientOptions> = {}) {
  const clock = fakeClock();
  const client = new DatabricksClient(url, { credentials: patCredentials(TOKEN), clock, retry: { random: () => 0 }, ...options });
  open.push(client);
  return { client, clock };
}

const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("the call succeeded"), (e: unknown) => e as ApiError);

describe("redirects", () => {
  it.each([301, 302, 307, 308])("a %i to another host is not followed, so the Authorization header never leaves", async (status) => {
    const other = await serve((_q, res) => reply(res, 200, { jobs: [] }));
    const s = await serve((_q, res) => {
      res.writeHead(status, { location: `${other.url.replace("127.0.0.1", "localhost")}/api/2.2/jobs/list` });
      res.end();
    });
    const err = await failure(clientFor(s.url).client.request("GET", "/api/2.2/jobs/list"));
    expect(err).toBeInstanceOf(ApiError);
    expect(String(err)).toMatch(new RegExp(`^GET /api/2.2/jobs/list: ${status}: redirected to http://localhost:\\d+, which jobform does not follow`));
    expect(other.requests).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });
});

describe("answers that are not JSON", () => {
  const cases: [string, Handler, RegExp][] = [
    ["an SSO page with status 200", (_q, res) => reply(res, 200, "<html><title>Sign in</title></html>"), /200: answered with an HTML page \(text\/html\) instead of JSON: a sign-in or proxy page/],
    ["JSON cut short", (_q, res) => reply(res, 200, '{"jobs": [{"job_id": 1'), /200: answered with a body that is not JSON or was cut short \(22 bytes/],
    ["plain text", (_q, res) => reply(res, 200, "OK"), /200: answered with a body that is not JSON/],
  ];
  it.each(cases)("%s is an ApiError naming status and request", async (_name, handler, expected) => {
    const s = await serve(handler);
    const err = await failure(clientFor(s.url).client.request("GET", "/api/2.2/jobs/list"));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(200);
    expect(String(err)).toMatch(/^GET \/api\/2.2\/jobs\/list: /);
    expect(String(err)).toMatch(expected);
  });

  it("a body whose connection drops midway is a network error naming the request, retried for a read", async () => {
    const s = await serve(
      sequence(
        (_q, res) => {
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          res.write('{"jobs": [');
          setTimeout(() => res.socket?.destroy(), 20);
        },
        (_q, res) => reply(res, 200, { jobs: [] }),
      ),
    );
    await expect(clientFor(s.url).client.request("GET", "/api/2.2/jobs/list")).resolves.toEqual({ jobs: [] });
    expect(s.requests).toHaveLength(2);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-12-04T12:00:00Z");
  it.each([
    ["3", 3000],
    ["0", 0],
    ["99999999999", MAX_RETRY_AFTER_MS],
    ["-5", undefined],
    ["12.5", undefined],
    ["soon", undefined],
    ["Fri, 04 Dec 2026 12:00:20 GMT", 20_000],
    ["Fri, 04 Dec 2099 12:00:00 GMT", MAX_RETRY_AFTER_MS],
    ["Thu, 01 Jan 1970 00:00:00 GMT", 0],
  ])("%s → %s ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it("a server asking for a day's wait costs a minute at most", async () => {
    const s = await serve(sequence((_q, res) => reply(res, 429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow" }, { "retry-after": "86400" }), (_q, res) => reply(res, 200, {})));
    const { client, clock } = clientFor(s.url);
    await client.request("GET", "/api/2.2/jobs/list");
    expect(Math.max(...clock.slept)).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS + 250);
  });
});

describe("hosts written with a path or a trailing slash", () => {
  it.each([
    ["https://adb-1.azuredatabricks.net/", "https://adb-1.azuredatabricks.net"],
    ["https://adb-1.azuredatabricks.net/?o=123#job/1", "https://adb-1.azuredatabricks.net"],
    ["https://dbc-1.cloud.databricks.com/browse/folders/1", "https://dbc-1.cloud.databricks.com"],
    ["dbc-1.cloud.databricks.com//", "https://dbc-1.cloud.databricks.com"],
  ])("%s addresses %s, like the SDKs", (host, expected) => {
    expect(normalizeHost(host)).toBe(expected);
  });

  it.each(["ftp://x.example.com", "https://", "http://[::1"])("%s is refused in one line", (host) => {
    expect(() => normalizeHost(host)).toThrow(/^workspace host ".*" (is not a valid URL|must be an http\(s\) URL|has no host name)$/);
  });

  it("a client given a trailing slash sends clean paths", async () => {
    const s = await serve((_q, res) => reply(res, 200, {}));
    await clientFor(`${s.url}///`).client.request("GET", "/api/2.2/jobs/list");
    expect(s.requests[0]?.path).toBe("/api/2.2/jobs/list");
  });
});
