// Corporate CI reaches the workspace through a proxy named in HTTPS_PROXY/HTTP_PROXY; NO_PROXY exempts hosts.
import { createServer, request as httpRequest } from "node:http";
import type { Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/databricks/index.js";
import { startEmulator } from "../../src/emulator/server.js";
import type { RunningEmulator } from "../../src/emulator/server.js";

let emu: RunningEmulator | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await emu?.close();
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
  proxy = undefined;
});

/** A forwarding proxy that records what passed through it: CONNECT tunnels and absolute-URI requests. */
async function startProxy(seen: string[]): Promise<string> {
  proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(req.url as string, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on("connect", (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url as string).split(":");
    const upstream = connect(Number(port), host, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((r) => proxy!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

const config = (host: string) => ({ host, authType: "pat", token: "t" }) as never;

describe("proxy support", () => {
  it("sends requests through HTTP_PROXY, and straight to hosts listed in NO_PROXY", async () => {
    emu = await startEmulator({ port: 0 });
    const seen: string[] = [];
    const proxyUrl = await startProxy(seen);
    const via = createClient(config(emu.url), { env: { HTTP_PROXY: proxyUrl } });
    const me = await via.scim.me();
    await via.close();
    expect(me.userName).toBe("me@example.com");
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.join("\n")).toContain(`127.0.0.1:${emu.port}`);

    seen.length = 0;
    const direct = createClient(config(emu.url), { env: { HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1" } });
    await direct.scim.me();
    await direct.close();
    expect(seen).toEqual([]);
  });
});
