// Issue #18, point 7: the emulator's --token cannot be bypassed, and a web page cannot drive it.
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator/server.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(opts: EmulatorOptions): Promise<RunningEmulator> {
  const e = await startEmulator(opts);
  running.push(e);
  return e;
}

const send = (e: RunningEmulator, method: string, path: string, headers: Record<string, string> = {}, body?: string) => fetch(`${e.url}${path}`, { method, headers, body });
const JSON_CT = { "content-type": "application/json" };

describe("the emulator as a server people run", () => {
  it("a GitHub Actions ID token is not an API token, and none is minted without a configured client", async () => {
    const e = await start({ token: "pat" });
    expect((await send(e, "GET", "/__emulator/github/token?audience=x", { authorization: "Bearer anything" })).status).toBe(400);
    const f = await start({ token: "pat", oauthClients: ["app:pw"] });
    const id = ((await (await send(f, "GET", "/__emulator/github/token?audience=x", { authorization: "Bearer anything" })).json()) as { value: string }).value;
    const create = await send(f, "POST", "/api/2.2/jobs/create", { authorization: `Bearer ${id}`, ...JSON_CT }, "{}");
    expect(create.status).toBe(403);
    expect(f.workspace.jobs.size).toBe(0);
  });

  it("with --token every control endpoint needs it", async () => {
    const e = await start({ token: "pat" });
    await send(e, "POST", "/api/2.2/jobs/create", { authorization: "Bearer pat", ...JSON_CT }, '{"name":"keep"}');
    for (const [method, path] of [["GET", "/__emulator/state"], ["GET", "/__emulator/requests"], ["POST", "/__emulator/reset"], ["POST", "/__emulator/faults"], ["POST", "/__emulator/outcomes"], ["POST", "/__emulator/principals"]] as const) {
      expect((await send(e, method, path, JSON_CT, method === "POST" ? "{}" : undefined)).status, `${method} ${path}`).toBe(401);
      expect((await send(e, method, path, { authorization: "Bearer wrong", ...JSON_CT }, method === "POST" ? "{}" : undefined)).status, `${method} ${path}`).toBe(403);
    }
    expect((await send(e, "GET", "/__emulator/state", { authorization: "Bearer pat" })).status).toBe(200);
    expect(e.workspace.jobs.size).toBe(1);
  });

  it("a state-changing control call needs a JSON content type, so a page cannot send it cross-site", async () => {
    const e = await start({});
    await send(e, "POST", "/api/2.2/jobs/create", { authorization: "Bearer t", ...JSON_CT }, '{"name":"keep"}');
    for (const ct of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect((await send(e, "POST", "/__emulator/reset", { "content-type": ct }, "{}")).status).toBe(415);
    }
    expect((await send(e, "POST", "/__emulator/reset")).status).toBe(415);
    expect(e.workspace.jobs.size).toBe(1);
    expect((await send(e, "POST", "/__emulator/reset", JSON_CT, "{}")).status).toBe(200);
    expect(e.workspace.jobs.size).toBe(0);
  });

  it("refuses a state-changing request from another origin; reads and its own origin pass", async () => {
    const e = await start({});
    const auth = { authorization: "Bearer t", ...JSON_CT };
    expect((await send(e, "POST", "/api/2.2/jobs/create", { ...auth, origin: "https://evil.example" }, "{}")).status).toBe(403);
    expect((await send(e, "POST", "/__emulator/reset", { ...JSON_CT, origin: "https://evil.example" }, "{}")).status).toBe(403);
    expect(e.workspace.jobs.size).toBe(0);
    expect((await send(e, "POST", "/api/2.2/jobs/create", { ...auth, origin: e.url }, "{}")).status).toBe(200);
    expect((await send(e, "GET", "/api/2.2/jobs/list", { authorization: "Bearer t", origin: "https://evil.example" })).status).toBe(200);
  });
});
