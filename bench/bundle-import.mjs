// import --from-bundle of a generated bundle: 1,000 jobs in 100 included files, two targets overriding every
// job, simple, complex and lookup variables, relative paths — measured as a whole process (start-up included).
// Target: under 5 s on 2 cores (a bundle of this size is far past what teams keep in one bundle).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const N = Number(process.env.BENCH_JOBS ?? 1000);
const PER_FILE = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const job = (i) => `    job_${i}:
      name: job-${i}-\${bundle.target}
      email_notifications: { on_failure: "\${var.emails}" }
      parameters: [ { name: catalog, default: "\${var.catalog}" } ]
      tasks:
        - task_key: ingest
          notebook_task: { notebook_path: ../src/ingest_${i}.py }
        - task_key: report
          depends_on: [ { task_key: ingest } ]
          sql_task: { warehouse_id: "\${var.wh}", file: { path: ../src/report.sql } }
      permissions: [ { level: CAN_MANAGE_RUN, group_name: ops } ]
`;
const override = (i) => `        job_${i}: { tasks: [ { task_key: ingest, max_retries: 2 } ] }\n`;

const dir = mkdtempSync(join(tmpdir(), "jobform-bench-bundle-"));
try {
  const bundle = join(dir, "bundle");
  mkdirSync(join(bundle, "resources"), { recursive: true });
  const ids = Array.from({ length: N }, (_, i) => i);
  writeFileSync(
    join(bundle, "databricks.yml"),
    `bundle: { name: bench }\ninclude: [resources/*.yml]\nworkspace: { root_path: "/Workspace/Shared/.bundle/bench/\${bundle.target}" }\n` +
      `variables:\n  catalog: { default: dev }\n  emails: { type: complex, default: [a@example.com] }\n  wh: { lookup: { warehouse: Shared } }\n` +
      `permissions: [ { level: CAN_VIEW, group_name: all } ]\n` +
      `targets:\n  dev: { default: true, workspace: { host: https://dev.example.com } }\n  prod:\n    workspace: { host: https://prod.example.com }\n    variables: { catalog: main, wh: abc }\n    resources:\n      jobs:\n${ids.map(override).join("")}`,
  );
  for (let f = 0; f < N / PER_FILE; f++) writeFileSync(join(bundle, "resources", `r${f}.yml`), `resources:\n  jobs:\n${ids.slice(f * PER_FILE, (f + 1) * PER_FILE).map(job).join("")}`);
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const out = join(dir, `out${r}`);
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [CLI, "import", "--from-bundle", bundle, "--out", out, "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`import failed (${res.status}): ${res.stdout.slice(0, 500)}${res.stderr.slice(0, 500)}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`import --from-bundle of ${N} jobs in ${N / PER_FILE} files: median ${(median / 1000).toFixed(2)} s over ${RUNS} runs (target < 5 s) — ${median < 5000 ? "OK" : "OVER TARGET"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
