// How close the client runs to a workspace's rate limit: N reads against a throttled server with
// latency; wall time against the floor N ÷ limit (target ≤ 1.1×) and how many 429s it provoked.
// Run after `npm run build`: node bench/client-throttle.mjs [N] [limit rps] [latency ms] [--local]
// Uses the project's emulator when built, else a small token-bucket server of its own (--local forces it).
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const forceLocal = process.argv.includes("--local");
const n = Number(args[0] ?? 900);
const limit = Number(args[1] ?? 30);
const latencyMs = Number(args[2] ?? 50);
const PATH = "/api/2.0/preview/scim/v2/Me";

const { createClient, resolveConfig } = await import("../dist/databricks/index.js");
const emulatorFile = fileURLToPath(new URL("../dist/emulator/server.js", import.meta.url));

/** A token bucket (rate = burst = limit, as the emulator does) answering 429 + Retry-After. */
async function localServer() {
  let tokens = limit;
  let at = performance.now();
  let throttled = 0;
  let served = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const now = performance.now();
      tokens = Math.min(limit, tokens + ((now - at) / 1000) * limit);
      at = now;
      setTimeout(() => {
        if (tokens >= 1) {
          tokens -= 1;
          served++;
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"userName":"bench"}');
        } else {
          throttled++;
          res.writeHead(429, { "content-type": "application/json", "retry-after": String(Math.max(1, Math.ceil((1 - tokens) / limit))) });
          res.end('{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}');
        }
      }, latencyMs);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    count: async () => ({ throttled, served }),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

async function emulatorServer() {
  const { startEmulator } = await import("../dist/emulator/server.js");
  const emu = await startEmulator({ rateLimit: String(limit), latencyMs });
  return {
    url: emu.url,
    count: async () => {
      const log = (await (await fetch(`${emu.url}/__emulator/requests`)).json()).requests.filter((r) => r.path.includes("scim"));
      return { throttled: log.filter((r) => r.status === 429).length, served: log.filter((r) => r.status === 200).length };
    },
    close: () => emu.close(),
  };
}

const useEmulator = !forceLocal && existsSync(emulatorFile);
const server = useEmulator ? await emulatorServer() : await localServer();
const client = createClient(resolveConfig({ env: { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: "bench" } }), { maxConcurrency: 32 });

const t0 = performance.now();
await Promise.all(Array.from({ length: n }, () => client.request("GET", PATH)));
const wallMs = performance.now() - t0;
const { throttled, served } = await server.count();
await client.close();
await server.close();

const floorMs = (n / limit) * 1000;
const ratio = wallMs / floorMs;
console.log(`server: ${useEmulator ? "emulator" : "local token bucket"}, limit ${limit} req/s (burst ${limit}), latency ${latencyMs} ms`);
console.log(`reads: ${n} ok=${served}  wall ${(wallMs / 1000).toFixed(2)} s  floor N/limit ${(floorMs / 1000).toFixed(2)} s  ratio ${ratio.toFixed(3)} (target ≤ 1.1)`);
console.log(`429s seen: ${throttled} (${((100 * throttled) / n).toFixed(1)} % of calls)   official SDKs at a fixed 15 req/s: ${(n / Math.min(15, limit)).toFixed(1)} s`);
process.exitCode = ratio <= 1.1 && served === n ? 0 : 1;
