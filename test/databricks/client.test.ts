import { afterEach, describe, expect, it } from "vitest";
import { DatabricksClient } from "../../src/databricks/client.js";
import type { ClientOptions } from "../../src/databricks/client.js";
import { patCredentials } from "../../src/databricks/auth/pat.js";
import { AmbiguousWriteError, ApiError, NetworkError, isNotFound } from "../../src/databricks/errors.js";
import type { AuthRejectedError } from "../../src/databricks/auth/errors.js";
import { UserError } from "../../src/cli/errors.js";
import { fakeClock, reply, sequence, startServer } from "./support/server.js";
import type { Handler, TestServer } from "./support/server.js";

const TOKEN = "dapi0123456789abcdef0123456789abcdef";
let server: TestServer | undefined;
let client: DatabricksClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handler: Handler, options: Partial<ClientOptions> = {}) {
  server = await startServer(handler);
  const clock = fakeClock();
  client = new DatabricksClient(server.url, { credentials: patCredentials(TOKEN), clock, retry: { random: () => 0 }, ...options });
  return { server, client, clock };
}

const ok: Handler = (_req, res) => reply(res, 200, { ok: true });

describe("retries", () => {
  it("waits for Retry-After seconds on 429, then succeeds", async () => {
    const { server, client, clock } = await setup(sequence((_q, res) => reply(res, 429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }, { "retry-after": "3" }), ok));
    await expect(client.request("GET", "/api/2.2/jobs/list")).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(clock.slept).toContain(3000);
  });

  it("waits a default second on 429 without Retry-After", async () => {
    const { client, clock } = await setup(sequence((_q, res) => reply(res, 429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }), ok));
    await client.request("GET", "/api/2.2/jobs/list");
    expect(clock.slept).toContain(1000);
  });

  it("retries a throttled create: a 429 is refused before processing", async () => {
    const { server, client } = await setup(sequence((_q, res) => reply(res, 429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "x" }), (_q, res) => reply(res, 200, { job_id: 7 })));
    await expect(client.request("POST", "/api/2.2/jobs/create", { body: { name: "a" } })).resolves.toEqual({ job_id: 7 });
    expect(server.requests).toHaveLength(2);
  });

  it("treats 400 REQUEST_LIMIT_EXCEEDED as throttling", async () => {
    const { server, client } = await setup(sequence((_q, res) => reply(res, 400, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "x" }), ok));
    await client.request("GET", "/api/2.2/jobs/get", { query: { job_id: 1 } });
    expect(server.requests).toHaveLength(2);
  });

  it.each([502, 503, 504])("retries %i for reads", async (status) => {
    const { server, client } = await setup(sequence((_q, res) => reply(res, status, "<html>down</html>"), ok));
    await expect(client.request("GET", "/api/2.2/jobs/get", { query: { job_id: 1 } })).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it.each([502, 503, 504])("does not repeat a create after %i: the outcome is ambiguous", async (status) => {
    const { server, client } = await setup((_q, res) => reply(res, status, { error_code: "TEMPORARILY_UNAVAILABLE", message: "try later" }));
    const err = await client.request("POST", "/api/2.2/jobs/create", { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect((err as AmbiguousWriteError).cause).toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries idempotent writes after a 503 (reset, permissions PUT, run-now with a token)", async () => {
    const { server, client } = await setup(sequence((_q, res) => reply(res, 503, {}), ok, (_q, res) => reply(res, 503, {}), ok, (_q, res) => reply(res, 503, {}), ok));
    await client.request("POST", "/api/2.2/jobs/reset", { body: { job_id: 1, new_settings: {} } });
    await client.request("PUT", "/api/2.0/permissions/jobs/1", { body: { access_control_list: [] } });
    await client.request("POST", "/api/2.2/jobs/run-now", { body: { job_id: 1, idempotency_token: "t1" } });
    expect(server.requests).toHaveLength(6);
    expect(server.requests[5]?.body).toContain('"idempotency_token":"t1"');
  });

  it("does not retry a 500", async () => {
    const { server, client } = await setup((_q, res) => reply(res, 500, { error_code: "INTERNAL_ERROR", message: "boom" }));
    await expect(client.request("GET", "/api/2.2/jobs/list")).rejects.toMatchObject({ status: 500, errorCode: "INTERNAL_ERROR" });
    expect(server.requests).toHaveLength(1);
  });

  it("gives up at the deadline with the last error and the attempt count", async () => {
    const { server, client, clock } = await setup((_q, res) => reply(res, 503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "No webapps" }, { "retry-after": "10" }), { retry: { deadlineMs: 35_000, random: () => 0 } });
    const err = (await client.request("GET", "/api/2.2/jobs/list").catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(server.requests).toHaveLength(4);
    expect(err.attempts).toBe(4);
    expect(err.toString()).toContain("after 4 attempts");
    expect(clock.now()).toBeLessThanOrEqual(35_000);
  });

  it("backs off exponentially between 5xx retries", async () => {
    const { client, clock } = await setup(sequence(...[1, 2, 3].map((): Handler => (_q, res) => reply(res, 504, "")), ok));
    await client.request("GET", "/api/2.2/jobs/list");
    expect(clock.slept).toEqual([250, 500, 1000]);
  });
});

describe("network failures", () => {
  it("retries a read after the connection is reset", async () => {
    const { server, client } = await setup(sequence((_q, res) => { res.socket?.destroy(); }, ok));
    await expect(client.request("GET", "/api/2.2/jobs/list")).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it("reports a reset create as ambiguous, sent once", async () => {
    const { server, client } = await setup((_q, res) => { res.socket?.destroy(); });
    await expect(client.request("POST", "/api/2.2/jobs/create", { body: {} })).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(server.requests).toHaveLength(1);
  });

  it("does not repeat a read that timed out (one timeout, not five), and reports a timed-out create as ambiguous", async () => {
    const hang: Handler = () => undefined;
    const { server, client } = await setup(sequence(hang, ok, hang), { timeoutMs: 100 });
    const read = (await client.request("GET", "/api/2.2/jobs/list").catch((e: unknown) => e)) as NetworkError;
    expect(read).toBeInstanceOf(NetworkError);
    expect(read.message).toBe("GET /api/2.2/jobs/list: timed out waiting for the answer");
    expect(server.requests).toHaveLength(1);
    await expect(client.request("GET", "/api/2.2/jobs/list")).resolves.toEqual({ ok: true });
    const err = await client.request("POST", "/api/2.2/jobs/create", { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect(((err as AmbiguousWriteError).cause as NetworkError).code).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(server.requests).toHaveLength(3);
  });

  it("gives up on a refused connection after a few quick tries, not at the five-minute deadline", async () => {
    const s = await startServer(ok);
    const url = s.url;
    await s.close();
    const clock = fakeClock();
    client = new DatabricksClient(url, { credentials: patCredentials(TOKEN), clock, retry: { random: () => 0 } });
    const err = (await client.request("POST", "/api/2.2/jobs/create", { body: {} }).catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.message).toContain("connection refused");
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThan(5_000);
  });
});

describe("error bodies", () => {
  it("reads the Databricks error shape and its request id", async () => {
    const { client } = await setup((_q, res) =>
      reply(res, 400, { error_code: "INVALID_PARAMETER_VALUE", message: "Job 123 does not exist.", details: [{ "@type": "type.googleapis.com/google.rpc.RequestInfo", request_id: "req-1" }] }),
    );
    const err = (await client.request("GET", "/api/2.2/jobs/get", { query: { job_id: 123 } }).catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 400, errorCode: "INVALID_PARAMETER_VALUE", message: "Job 123 does not exist.", method: "GET", path: "/api/2.2/jobs/get", requestId: "req-1" });
    expect(isNotFound(err)).toBe(true);
  });

  it("turns a gateway's HTML page into a readable error", async () => {
    const { client } = await setup((_q, res) => reply(res, 502, "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"));
    const err = (await client.request("POST", "/api/2.2/jobs/create", { body: {} }).catch((e: unknown) => e)) as AmbiguousWriteError;
    expect(err.cause).toMatchObject({ status: 502, errorCode: "", message: "502 Bad Gateway" });
  });

  it("rejects a bad token with a one-line user error that never echoes it", async () => {
    const { client } = await setup((q, res) => reply(res, 401, { error_code: "UNAUTHENTICATED", message: `Invalid access token ${String(q.headers.authorization)}` }));
    const err = (await client.request("GET", "/api/2.2/jobs/list").catch((e: unknown) => e)) as AuthRejectedError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain("DATABRICKS_TOKEN");
    expect(err.message).not.toContain(TOKEN);
  });
});

describe("wire format", () => {
  it("sends the bearer token and round-trips int64 ids above 2^53 exactly", async () => {
    const { server, client } = await setup((q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"job_id":9223372036854775807,"echo":${q.body}}`);
    });
    const answer = await client.request<{ job_id: bigint; echo: { job_id: bigint } }>("POST", "/api/2.2/jobs/reset", { body: { job_id: 9007199254740993n } });
    expect(answer.job_id).toBe(9223372036854775807n);
    expect(answer.echo.job_id).toBe(9007199254740993n);
    expect(server.requests[0]?.body).toBe('{"job_id":9007199254740993}');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("encodes query values, including bigint ids, and skips undefined", async () => {
    const { server, client } = await setup(ok);
    await client.request("GET", "/api/2.2/jobs/get", { query: { job_id: 9007199254740993n, page_token: undefined, expand: true } });
    expect(server.requests[0]?.query.toString()).toBe("job_id=9007199254740993&expand=true");
  });

  it("answers {} for an empty body", async () => {
    const { client } = await setup((_q, res) => { res.end(); });
    await expect(client.request("POST", "/api/2.2/jobs/delete", { body: { job_id: 1 } })).resolves.toEqual({});
  });
});

describe("verbose log", () => {
  it("logs method, path, status and retries, and never a secret", async () => {
    const lines: string[] = [];
    const { client } = await setup(sequence((_q, res) => reply(res, 503, { message: `echo Bearer ${TOKEN}` }), ok), { log: (l) => lines.push(l) });
    await client.request("GET", "/api/2.2/jobs/list", { query: { limit: 1 } });
    const text = lines.join("\n");
    expect(text).toMatch(/GET \/api\/2\.2\/jobs\/list 503 \d+ms/);
    expect(text).toMatch(/retrying in \d+ms/);
    expect(text).toMatch(/GET \/api\/2\.2\/jobs\/list 200 \d+ms attempt 2/);
    expect(text).not.toContain(TOKEN);
  });
});
