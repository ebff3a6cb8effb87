import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { startEmulator, type RunningEmulator, type EmulatorOptions } from "../../src/emulator/server.js";
import { parseJson, stringifyJson } from "../../src/lib/json.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const e = await startEmulator(opts);
  running.push(e);
  return e;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function api(e: RunningEmulator, method: string, path: string, body?: unknown, token: string | null = "t", extra: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...extra };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = typeof body === "string" ? body : stringifyJson(body);
  const res = await fetch(`${e.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? (parseJson(text) as Record<string, unknown>) : {}, headers: res.headers };
}

const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("auth", () => {
  it("--token serves only that token; a missing header is 401, a wrong token 403", async () => {
    const e = await start({ token: "secret" });
    expect((await api(e, "GET", "/api/2.2/jobs/list", undefined, "secret")).status).toBe(200);
    expect(await api(e, "GET", "/api/2.2/jobs/list", undefined, "nope")).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED", message: "Invalid access token." } });
    expect(await api(e, "GET", "/api/2.2/jobs/list", undefined, null)).toMatchObject({ status: 401, body: { error_code: "UNAUTHENTICATED" } });
  });

  it("OAuth client credentials (basic and form), discovery, and SCIM Me for the service principal", async () => {
    const e = await start({ token: "secret", oauthClients: ["ci-bot:s3cret"] });
    const disc = await api(e, "GET", "/oidc/.well-known/oauth-authorization-server", undefined, null);
    expect(disc.body.token_endpoint).toBe(`${e.url}/oidc/v1/token`);
    const basic = await api(e, "POST", "/oidc/v1/token", form({ grant_type: "client_credentials", scope: "all-apis" }), null, {
      ...FORM,
      authorization: `Basic ${Buffer.from("ci-bot:s3cret").toString("base64")}`,
    });
    expect(basic.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    const me = await api(e, "GET", "/api/2.0/preview/scim/v2/Me", undefined, String(basic.body.access_token));
    expect(me.body.userName).toBe("ci-bot");
    const post = await api(e, "POST", "/oidc/v1/token", form({ grant_type: "client_credentials", client_id: "ci-bot", client_secret: "s3cret" }), null, FORM);
    expect(post.status).toBe(200);
    const bad = await api(e, "POST", "/oidc/v1/token", form({ grant_type: "client_credentials", client_id: "ci-bot", client_secret: "x" }), null, FORM);
    expect(bad).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect((await api(e, "GET", "/api/2.0/preview/scim/v2/Me", undefined, "secret")).body.userName).toBe("me@example.com");
  });

  it("GitHub ID token → RFC 8693 token exchange; Entra ID and managed identity tokens are accepted", async () => {
    const e = await start({ token: "secret", oauthClients: ["app-1:pw"] });
    const gh = await api(e, "GET", "/__emulator/github/token?audience=x", undefined, "runtime-token");
    const idToken = String(gh.body.value);
    expect(idToken.split(".")).toHaveLength(3);
    const ex = await api(e, "POST", "/oidc/v1/token", form({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: idToken, subject_token_type: "urn:ietf:params:oauth:token-type:jwt", client_id: "app-1" }), null, FORM);
    expect(ex.status).toBe(200);
    expect((await api(e, "GET", "/api/2.0/preview/scim/v2/Me", undefined, String(ex.body.access_token))).body.userName).toBe("app-1");
    const badEx = await api(e, "POST", "/oidc/v1/token", form({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: "forged" }), null, FORM);
    expect(badEx.status).toBe(400);
    const aad = await api(e, "POST", "/__emulator/aad/tenant-1/oauth2/v2.0/token", form({ grant_type: "client_credentials", client_id: "app-1", client_secret: "pw", scope: "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default" }), null, FORM);
    expect((await api(e, "GET", "/api/2.2/jobs/list", undefined, String(aad.body.access_token))).status).toBe(200);
    const aadBad = await api(e, "POST", "/__emulator/aad/tenant-1/oauth2/v2.0/token", form({ grant_type: "client_credentials", client_id: "app-1", client_secret: "no" }), null, FORM);
    expect(aadBad.status).toBe(401);
    const msi = await api(e, "GET", "/__emulator/msi/token?resource=2ff814a6-3304-4ab8-85cb-cd0e6f879c1d&api-version=2018-02-01", undefined, null, { metadata: "true" });
    expect((await api(e, "GET", "/api/2.0/preview/scim/v2/Me", undefined, String(msi.body.access_token))).body.userName).toBe("app-1");
  });
});

describe("errors, limits, faults, chaos", () => {
  it("unknown routes and malformed JSON answer like the real service", async () => {
    const e = await start();
    expect(await api(e, "GET", "/api/2.2/jobs/nope")).toMatchObject({ status: 404, body: { error_code: "ENDPOINT_NOT_FOUND" } });
    expect(await api(e, "GET", "/api/2.2/workspace/list?path=/")).toMatchObject({ status: 404 });
    expect(await api(e, "POST", "/api/2.2/jobs/create", "{not json")).toMatchObject({ status: 400, body: { error_code: "MALFORMED_REQUEST" } });
  });

  it("rate limits per endpoint with 429 REQUEST_LIMIT_EXCEEDED and an integer Retry-After", async () => {
    const e = await start({ rateLimit: "jobs/list=2" });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api(e, "GET", "/api/2.2/jobs/list"));
    const limited = answers.find((a) => a.status === 429);
    expect(limited?.body.error_code).toBe("REQUEST_LIMIT_EXCEEDED");
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await api(e, "GET", "/api/2.0/workspace/list?path=/")).status).toBe(200);
    expect((await api(e, "GET", "/__emulator/requests")).status).toBe(200);
  });

  it("one-shot faults: before the handler, after it (lost response) and a reset connection", async () => {
    const e = await start();
    await api(e, "POST", "/__emulator/faults", { method: "POST", path: "jobs/create", status: 500, when: "before" });
    expect((await api(e, "POST", "/api/2.2/jobs/create", { name: "a" })).status).toBe(500);
    expect(e.workspace.jobs.size).toBe(0);
    await api(e, "POST", "/__emulator/faults", { method: "POST", path: "/api/2.2/jobs/create", action: "lost" });
    expect((await api(e, "POST", "/api/2.2/jobs/create", { name: "a" })).status).toBe(503);
    expect(e.workspace.jobs.size).toBe(1);
    await api(e, "POST", "/__emulator/faults", { method: "GET", path: "jobs/list", action: "reset" });
    await expect(api(e, "GET", "/api/2.2/jobs/list")).rejects.toThrow();
    expect((await api(e, "GET", "/api/2.2/jobs/list")).status).toBe(200);
  });

  it("seeded chaos is repeatable and a lost response still makes the change", async () => {
    const statuses = async () => {
      const e = await start({ chaos: 0.5, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          out.push((await api(e, "POST", "/api/2.2/jobs/create", { name: `j${i}` })).status);
        } catch {
          out.push(0);
        }
      }
      return { out, jobs: e.workspace.jobs.size };
    };
    const a = await statuses();
    const b = await statuses();
    expect(a.out).toEqual(b.out);
    expect(new Set(a.out).size).toBeGreaterThan(2);
    const ok = a.out.filter((s) => s === 200).length;
    // Lost responses answer 503 but the job exists: more jobs than 200s.
    expect(a.jobs).toBeGreaterThan(ok);
  });
});

describe("request log, state, ids", () => {
  it("logs method, path, query, body and status in order; since=N filters", async () => {
    const e = await start();
    await api(e, "POST", "/api/2.2/jobs/create", { name: "a" });
    await api(e, "GET", "/api/2.2/jobs/get?job_id=1");
    const log = (await api(e, "GET", "/__emulator/requests")).body.requests as Record<string, unknown>[];
    expect(log.map((l) => [l.method, l.path, l.status])).toEqual([["POST", "/api/2.2/jobs/create", 200], ["GET", "/api/2.2/jobs/get", 200]]);
    expect(log[0]?.body).toEqual({ name: "a" });
    expect(log[1]?.query).toEqual({ job_id: "1" });
    const since = (await api(e, "GET", `/__emulator/requests?since=${String(log[0]?.seq)}`)).body.requests as unknown[];
    expect(since).toHaveLength(1);
    await api(e, "POST", "/__emulator/reset", {});
    expect(((await api(e, "GET", "/__emulator/state")).body.jobs as unknown[]).length).toBe(0);
  });

  it("persists the state across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-state-"));
    try {
      const file = join(dir, "state.json");
      const a = await startEmulator({ stateFile: file });
      const created = await api(a, "POST", "/api/2.2/jobs/create", { name: "kept" });
      await api(a, "POST", "/api/2.0/workspace/import", { path: "/Shared/x.txt", content: Buffer.from("hi").toString("base64"), format: "AUTO" });
      await api(a, "POST", "/__emulator/outcomes", { rules: ["*fail*=FAILED"] });
      await a.close();
      const b = await startEmulator({ stateFile: file });
      const got = await api(b, "GET", `/api/2.2/jobs/get?job_id=${String(created.body.job_id)}`);
      expect(got.body.settings).toMatchObject({ name: "kept" });
      expect((await api(b, "GET", "/api/2.0/workspace/get-status?path=/Shared/x.txt")).status).toBe(200);
      expect(b.workspace.outcomes).toEqual([{ glob: "*fail*", state: "FAILED" }]);
      expect((await api(b, "POST", "/api/2.2/jobs/create", {})).body.job_id).toBe(2);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ids above 2^53 round-trip exactly", async () => {
    const e = await start({ idStart: "9007199254740993" });
    const raw = await new Promise<string>((resolve, reject) => {
      const req = request(`${e.url}/api/2.2/jobs/create`, { method: "POST", headers: { authorization: "Bearer t" } }, (res) => {
        let s = "";
        res.on("data", (c) => (s += c));
        res.on("end", () => resolve(s));
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(raw).toBe('{"job_id":9007199254740993}');
    const got = await api(e, "GET", "/api/2.2/jobs/get?job_id=9007199254740993");
    expect(got.body.job_id).toBe(9007199254740993n);
    expect((await api(e, "POST", "/api/2.2/jobs/delete", { job_id: 9007199254740993n })).status).toBe(200);
  });
});
