// Start-up of the commands a user runs most often, measured as whole processes: `--version`, commands'
// `--help` (validate, plan, runs list), and validate of a one-file project. Targets (issue #11):
// `--version` < 150 ms median, validate of one file < 200 ms. Bare `node -e 0` is measured alongside,
// interleaved, so a loaded machine shows as a high floor rather than as a slow jobform. `jobform` is the
// installed bin (the esbuild bundle, dist/bin/main.js); validate is also timed without the V8 code cache and
// unbundled (dist/cli/main.js, tsc's output) to show what each part buys. Each process's CPU time (all its
// threads, from a one-line preload) is printed beside the wall time: on a loaded machine it moves far less,
// and so does the best run of each, which is what a run the scheduler did not interrupt takes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../dist/bin/main.js", import.meta.url));
const UNBUNDLED = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const dir = mkdtempSync(join(tmpdir(), "jobform-startup-"));
mkdirSync(join(dir, "jobs"));
writeFileSync(join(dir, "jobform.yaml"), "project: bench\n");
const cache = join(dir, "code-cache");
const cpu = join(dir, "cpu.cjs");
writeFileSync(cpu, 'process.on("exit", () => { try { require("fs").writeSync(3, JSON.stringify(process.cpuUsage())); } catch {} });\n');
writeFileSync(join(dir, "jobs", "one.yaml"), "name: One\ntasks:\n  - task_key: a\n    notebook_task: { notebook_path: /Shared/a }\n");

const cases = {
  "node -e 0 (floor)": ["-e", "0"],
  "jobform --version": [CLI, "--version"],
  "jobform validate --help": [CLI, "validate", "--help"],
  "jobform plan --help": [CLI, "plan", "--help"],
  "jobform runs list --help": [CLI, "runs", "list", "--help"],
  "jobform validate (1 job file)": [CLI, "validate", "--dir", dir],
  "  without the code cache": [CLI, "validate", "--dir", dir],
  "  unbundled, without the cache": [UNBUNDLED, "validate", "--dir", dir],
};
const ENV = { "  without the code cache": "off", "  unbundled, without the cache": "off" };
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const cpuTimes = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
try {
  // One run first fills the code cache, as a user's first validate does.
  spawnSync(process.execPath, [CLI, "validate", "--dir", dir], { env: { ...process.env, JOBFORM_CODE_CACHE: cache } });
  for (let r = 0; r < RUNS; r++) {
    for (const [name, args] of Object.entries(cases)) {
      const t0 = process.hrtime.bigint();
      const res = spawnSync(process.execPath, ["--require", cpu, ...args], { encoding: "utf8", stdio: ["pipe", "pipe", "pipe", "pipe"], env: { ...process.env, JOBFORM_CODE_CACHE: ENV[name] ?? cache } });
      if (res.status !== 0) throw new Error(`${name} exited ${res.status}: ${res.stderr.slice(0, 300)}`);
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
      const used = JSON.parse(res.output[3]);
      cpuTimes[name].push((used.user + used.system) / 1000);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times["node -e 0 (floor)"]);
const cpuFloor = median(cpuTimes["node -e 0 (floor)"]);
const bestFloor = Math.min(...times["node -e 0 (floor)"]);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  const c = median(cpuTimes[name]);
  const above = (v, f) => (name.includes("floor") ? "" : ` (+${(v - f).toFixed(0)})`);
  const b = Math.min(...xs);
  console.log(`${name.padEnd(32)} median ${m.toFixed(0).padStart(5)} ms${above(m, floor).padEnd(8)}  best ${b.toFixed(0).padStart(5)} ms${above(b, bestFloor).padEnd(8)}  CPU ${c.toFixed(0).padStart(5)} ms${above(c, cpuFloor)}`);
}
