// The console's HTTP server with a stand-in backend: the token exchange, the guard on every route, the
// static files kept inside the page folder, and the API's answers to malformed requests.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsole } from "../../src/ui/server/http-server.js";
import type { RunningConsole } from "../../src/ui/server/http-server.js";
import type { Backend } from "../../src/ui/server/backend.js";

const token = "0123456789abcdef0123456789abcdef";
const calls: string[] = [];
const backend = {
  overview: async (refresh: boolean) => (calls.push(`overview ${refresh}`), { project: "p", target: "dev", host: "h", rows: [], notes: [] }),
  pause: async (key: string, status: string) => (calls.push(`pause ${key} ${status}`), { file: `jobs/${key}.yaml`, fields: ["schedule"], job_id: "1", message: "ok" }),
  run: async (id: string) => (calls.push(`run ${id}`), { run_id: BigInt("9007199254740993") }),
  close: async () => undefined,
} as unknown as Backend;

let ui: RunningConsole;
let dir: string;

/** A raw request, so the Host header can be anything (fetch would not let a test forge it). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: ui.port, method, path, headers: { host: `127.0.0.1:${ui.port}`, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const cookie = `jobform_ui=${token}`;
const write = () => ({ cookie, "content-type": "application/json", origin: `http://127.0.0.1:${ui.port}` });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jobform-ui-page-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(tmpdir(), "outside.txt"), "secret");
  ui = await startConsole({ host: "127.0.0.1", port: 0, token, pageDir: dir, backend });
});

afterAll(async () => {
  await ui.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("console server", () => {
  it("exchanges the URL's token for an HttpOnly cookie and sends the browser to the bare URL", async () => {
    const r = await raw("GET", `/?token=${token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe("/");
    expect(String(r.headers["set-cookie"])).toBe(`jobform_ui=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await raw("GET", "/", { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>console</title>");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  it("refuses the page and the API without the token, and under a foreign Host name", async () => {
    expect((await raw("GET", "/")).status).toBe(401);
    expect((await raw("GET", "/api/jobs")).status).toBe(401);
    expect((await raw("GET", "/api/jobs", { cookie, host: "attacker.example:80" })).status).toBe(421);
    expect(calls).toEqual([]);
  });

  it("serves files from the page folder only", async () => {
    expect((await raw("GET", "/..%2f..%2foutside.txt", { cookie })).status).toBe(404);
    expect((await raw("GET", "/../outside.txt", { cookie })).text).not.toContain("secret");
  });

  it("routes the API and writes ids past 2^53 as strings", async () => {
    const r = await raw("GET", "/api/jobs?refresh=1", { cookie });
    expect(JSON.parse(r.text)).toMatchObject({ project: "p" });
    expect((await raw("GET", "/api/runs/9007199254740993", { cookie })).text).toBe('{"run_id":"9007199254740993"}');
    expect(calls).toEqual(["overview true", "run 9007199254740993"]);
  });

  it("takes a write only as JSON from its own origin, and checks the body", async () => {
    expect((await raw("POST", "/api/jobs/sales-load/pause", { cookie, "content-type": "text/plain", origin: `http://127.0.0.1:${ui.port}` }, "{}")).status).toBe(415);
    expect((await raw("POST", "/api/jobs/sales-load/pause", { ...write(), origin: "http://evil.example" }, '{"status":"PAUSED"}')).status).toBe(403);
    const bad = await raw("POST", "/api/jobs/sales-load/pause", write(), '{"status":"STOP"}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toContain("PAUSED or UNPAUSED");
    expect((await raw("POST", "/api/jobs/sales-load/pause", write(), "{not json")).status).toBe(400);
    expect((await raw("POST", "/api/jobs/sales-load/pause", write(), JSON.stringify({ status: "PAUSED", pad: "x".repeat(70_000) }))).status).toBe(413);
    expect((await raw("GET", "/api/jobs/sales-load/pause", { cookie })).status).toBe(405);
    expect((await raw("GET", "/api/nothing", { cookie })).status).toBe(404);
    expect((await raw("GET", "/api/jobs/%E0%A4%A", { cookie })).status).toBe(400);
    const ok = await raw("POST", "/api/jobs/sales-load/pause", write(), '{"status":"PAUSED"}');
    expect(ok.status).toBe(200);
    expect(calls.at(-1)).toBe("pause sales-load PAUSED");
  });
});
