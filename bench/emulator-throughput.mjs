// Requests per second of the emulator for simple calls over keep-alive (latency 0).
// Run after `npm run build`: node bench/emulator-throughput.mjs [seconds] [concurrency]
import { Agent, request } from "node:http";
import { startEmulator } from "../dist/emulator/server.js";

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 16);
const emu = await startEmulator({});
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}${path}`, { method, agent, headers: { authorization: "Bearer bench" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(body);
  });
}

await call("POST", "/api/2.2/jobs/create", JSON.stringify({ name: "bench", tasks: [{ task_key: "a", notebook_task: { notebook_path: "/x" } }] }));
let done = 0;
let failed = 0;
const until = performance.now() + seconds * 1000;
async function worker() {
  while (performance.now() < until) {
    const status = await call("GET", "/api/2.2/jobs/get?job_id=1");
    if (status === 200) done += 1;
    else failed += 1;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - started) / 1000;
console.log(`emulator jobs/get: ${Math.round(done / elapsed)} req/s (${done} ok, ${failed} failed, concurrency ${concurrency}, ${elapsed.toFixed(1)} s)`);
agent.destroy();
await emu.close();
