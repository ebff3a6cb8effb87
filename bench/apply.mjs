// First apply of N new jobs (create + permissions PUT each) against a throttled emulator with latency, as a
// whole process: wall time vs the floor "2 calls per job ÷ limit", and the time the same work would take one
// job at a time, and the calls it made in all. Run after `npm run build`: node bench/apply.mjs [N] [limit rps] [latency ms]
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../dist/emulator/server.js";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const N = Number(process.argv[2] ?? 100);
const LIMIT = Number(process.argv[3] ?? 50);
const LATENCY = Number(process.argv[4] ?? 150);

const dir = mkdtempSync(join(tmpdir(), "jobform-bench-apply-"));
try {
  mkdirSync(join(dir, "jobs"));
  writeFileSync(join(dir, "jobform.yaml"), "project: bench\napply: { lock: false }\n");
  for (let i = 0; i < N; i++) {
    writeFileSync(
      join(dir, "jobs", `job-${i}.yaml`),
      JSON.stringify({ name: `Job ${i}`, tasks: [{ task_key: "t", notebook_task: { notebook_path: `/Shared/n${i}` } }], permissions: [{ group_name: "data-eng", permission_level: "CAN_MANAGE_RUN" }] }),
    );
  }
  const emu = await startEmulator({ port: 0, token: "b", rateLimit: String(LIMIT), latencyMs: LATENCY });
  const t0 = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, "--host", emu.url, "--dir", dir, "apply", "--auto-approve"], { env: { ...process.env, DATABRICKS_TOKEN: "b", DATABRICKS_CONFIG_FILE: "/nonexistent" }, stdio: "ignore" });
    child.on("close", resolve);
  });
  const ms = performance.now() - t0;
  const log = await (await fetch(`${emu.url}/__emulator/requests`)).json();
  const calls = (Array.isArray(log) ? log : log.requests).filter((q) => q.path.startsWith("/api/") && q.status !== 429).length;
  await emu.close();
  if (code !== 0) throw new Error(`apply exited ${code}`);
  const floor = ((2 * N) / LIMIT) * 1000;
  const serial = 2 * N * LATENCY;
  console.log(`apply of ${N} new jobs at ${LIMIT} req/s, ${LATENCY} ms latency: ${(ms / 1000).toFixed(1)} s; writes' floor (2 calls/job ÷ limit) ${(floor / 1000).toFixed(1)} s → ${(ms / floor).toFixed(2)}×`);
  console.log(`  ${calls} API calls in all (plan read, writes, convergence re-read) → ${((ms / 1000) / (calls / LIMIT)).toFixed(2)}× their floor; one create at a time would need ≥ ${(serial / 1000).toFixed(1)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
