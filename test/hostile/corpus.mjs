// The hostile-input corpus: projects an attacker could put in a pull request, each paired with the located
// error jobform must answer with. Shared by test/hostile/inputs.test.ts (bounds as assertions) and
// bench/hostile-inputs.mjs (the figures). Each case is built on disk on demand: some are tens of megabytes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const MEASURE = fileURLToPath(new URL("./measure.mjs", import.meta.url));

/** The bounds every case must stay within (CPU time, so a machine busy with other work does not fail it). */
export const BOUNDS = { cpuMs: 5000, rssBytes: 512 * 1024 * 1024, heapMb: 448, wallKillMs: 90_000 };

const JOB = "name: ok\ntasks: [{ task_key: t, notebook_task: { notebook_path: /t } }]\n";
const write = (dir, rel, data) => {
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  writeFileSync(join(dir, rel), data);
};
const project = (dir) => write(dir, "jobform.yaml", "project: hostile\n");
/** `n` lines of text as a block scalar: big without tripping the line limits. */
const blockScalar = (bytes) => `|\n${("    " + "x".repeat(995) + "\n").repeat(Math.ceil(bytes / 1000))}`;

/** name → [builds the project in `root` (the project is root/p), the error expected in the output]. */
export const CASES = {
  "jobform.yaml → /dev/zero": [(p) => symlinkSync("/dev/zero", join(p, "jobform.yaml")), /^jobform\.yaml: error JF090: .*\/dev\/zero, outside the project/m],
  "job file → /dev/zero": [(p) => (project(p), mkdirSync(join(p, "jobs")), symlinkSync("/dev/zero", join(p, "jobs", "z.yaml"))), /^jobs\/z\.yaml: error JF090: .*\/dev\/zero/m],
  "job file → /dev/urandom": [(p) => (project(p), mkdirSync(join(p, "jobs")), symlinkSync("/dev/urandom", join(p, "jobs", "r.yaml"))), /^jobs\/r\.yaml: error JF090: /m],
  "job file is a FIFO": [(p) => (project(p), mkdirSync(join(p, "jobs")), spawnSync("mkfifo", [join(p, "jobs", "fifo.yaml")])), /^jobs\/fifo\.yaml: error JF090: .*FIFO/m],
  "jobform.yaml is a directory": [(p) => (mkdirSync(join(p, "jobform.yaml")), write(p, "jobs/a.yaml", JOB)), /^jobform\.yaml: error JF090: .*is a directory/m],
  "a job file is a directory": [(p) => (project(p), mkdirSync(join(p, "jobs", "d.yaml"), { recursive: true })), /^jobs\/d\.yaml: error JF090: .*is a directory/m],
  "jobs/ is a file": [(p) => (project(p), write(p, "jobs", "not a folder\n")), /^jobs: error JF090: jobs is a file/m],
  "symlink out of the project": [(p) => (project(p), write(p, "../outside.yaml", JOB), mkdirSync(join(p, "jobs")), symlinkSync("../../outside.yaml", join(p, "jobs", "out.yaml"))), /^jobs\/out\.yaml: error JF090: .*outside the project/m],
  "symlink to /etc/passwd": [(p) => (project(p), mkdirSync(join(p, "jobs")), symlinkSync("/etc/passwd", join(p, "jobs", "pw.yaml"))), /^jobs\/pw\.yaml: error JF090: .*outside the project/m],
  "jobs/ symlinked to /etc": [(p) => (project(p), symlinkSync("/etc", join(p, "jobs"))), /^jobs: error JF090: .*outside the project/m],
  "symlink loop": [(p) => (project(p), mkdirSync(join(p, "jobs")), symlinkSync("b.yaml", join(p, "jobs", "a.yaml")), symlinkSync("a.yaml", join(p, "jobs", "b.yaml"))), /^jobs\/a\.yaml: error JF090: .*loops/m],
  "dangling symlink": [(p) => (project(p), mkdirSync(join(p, "jobs")), symlinkSync("gone.yaml", join(p, "jobs", "d.yaml"))), /^jobs\/d\.yaml: error JF090: .*dangling/m],
  "20 MB job file": [(p) => (project(p), write(p, "jobs/big.yaml", `name: big\ndescription: ${blockScalar(20 << 20)}`)), /^jobs\/big\.yaml: error JF004: file is 20\.\d MB/m],
  "9.9 MB mapping (770k keys)": [(p) => (project(p), write(p, "jobs/keys.yaml", "name: k\nspark_conf:\n" + Array.from({ length: 770_000 }, (_, i) => `  k${i}: v\n`).join(""))), /^jobs\/keys\.yaml: error JF091: file has 770003 lines/m],
  "12,000 keys in one mapping": [(p) => (project(p), write(p, "jobs/keys.yaml", "name: k\nspark_conf:\n" + Array.from({ length: 12_000 }, (_, i) => `  k${i}: v\n`).join(""))), /^jobs\/keys\.yaml:3:3: error JF091: mapping has 12000 keys/m],
  "9,999 keys and a duplicate": [(p) => (project(p), write(p, "jobs/dup.yaml", "name: k\nspark_conf:\n" + Array.from({ length: 9_999 }, (_, i) => `  k${i}: v\n`).join("") + "  k5: again\n")), /^jobs\/dup\.yaml:10002:3: error JF002: duplicate key/m],
  "just under the line limit (28,800 lines and flow items)": [(p) => (project(p), write(p, "jobs/wide.yaml", "name: w\nx_wide:\n" + Array.from({ length: 9_600 }, (_, i) => `  k${i}: { a: 1, b: 2, c: 3 }\n`).join(""))), /^jobs\/wide\.yaml:2:1: error JF020: /m],
  "10k-deep flow nesting": [(p) => (project(p), write(p, "jobs/deep.yaml", `name: deep\ntags: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`)), /^jobs\/deep\.yaml:2:\d+: error JF091: nesting is deeper than 64 levels/m],
  "10k-deep block nesting": [(p) => (project(p), write(p, "jobs/deep.yaml", `name: deep\ntags:\n${"- ".repeat(10_000)}x\n`)), /^jobs\/deep\.yaml:3:\d+: error JF091: nesting is deeper than 64 levels/m],
  "10k-deep nesting across lines": [(p) => (project(p), write(p, "jobs/deep.yaml", `name: deep\ntags:\n${"  [\n".repeat(10_000)}${"  ]\n".repeat(10_000)}`)), /^jobs\/deep\.yaml:\d+:\d+: error JF091: nesting is deeper than 64 levels/m],
  "200,000-character line": [(p) => (project(p), write(p, "jobs/long.yaml", `name: ${"x".repeat(200_000)}\n`)), /^jobs\/long\.yaml:1:100001: error JF091: line 1 is longer/m],
  "NUL bytes": [(p) => (project(p), write(p, "jobs/nul.yaml", Buffer.from("name: a\ntasks: []\nx: \u0000\u0000\n"))), /^jobs\/nul\.yaml:3:4: error JF003: .*NUL byte/m],
  "UTF-16 with a BOM": [(p) => (project(p), write(p, "jobs/u16.yaml", Buffer.from("\ufeff" + JOB, "utf16le"))), /^jobs\/u16\.yaml:1:1: error JF003: file is UTF-16/m],
  "UTF-16 without a BOM": [(p) => (project(p), write(p, "jobs/u16.yaml", Buffer.from(JOB, "utf16le"))), /^jobs\/u16\.yaml:1:1: error JF003: file is UTF-16/m],
  "UTF-8 BOM and a syntax error on line 2": [(p) => (project(p), write(p, "jobs/bom.yaml", "\ufeffname: a\ntasks: [\n")), /^jobs\/bom\.yaml:3:1: error JF001: /m],
  "5,000 job files": [(p) => { project(p); for (let i = 0; i < 5000; i++) write(p, `jobs/j${i}.yaml`, JOB.replace("ok", `j${i}`)); }, /^jobs: error JF091: jobs holds 5000 job files/m],
  "project over 32 MB": [(p) => { project(p); for (let i = 0; i < 4; i++) write(p, `jobs/j${i}.yaml`, `name: j${i}\ndescription: ${blockScalar(9 << 20)}`); }, /^jobs\/j3\.yaml: error JF091: .*over 32 MB/m],
  "a 5 MB scalar aliased 149 times": [(p) => (project(p), write(p, "jobs/amp.yaml", `name: amp\ndescription: &big ${blockScalar(5 << 20)}tags: [${Array(149).fill("*big").join(", ")}]\n`)), /^jobs\/amp\.yaml:\d+:7: error JF007: aliases expand this to more than 10 MB/m],
  "billion laughs": [(p) => (project(p), write(p, "jobs/lol.yaml", "name: lol\na: &a [x,x,x,x,x,x,x,x,x,x]\n" + "bcdefghi".split("").map((c, i) => `${c}: &${c} [${Array(10).fill("*" + "abcdefghi"[i]).join(",")}]\n`).join(""))), /^jobs\/lol\.yaml:\d+:\d+: error JF007: aliases expand this to more than 500000 nodes/m],
  "__proto__ through an alias": [(p) => (project(p), write(p, "jobs/proto.yaml", "name: p\nk: &k __proto__\n*k : { polluted: true }\ntasks: []\n")), /^jobs\/proto\.yaml:3:1: error JF008: key "__proto__" \(through the alias \*k\)/m],
  "job id above 2^53": [(p) => (project(p), write(p, "jobs/id.yaml", "name: id\ntasks:\n  - task_key: t\n    run_job_task: { job_id: 9007199254740993 }\n")), /^jobs\/id\.yaml:4:29: error JF092: integer 9007199254740993/m],
  "15,000-task depends_on chain": [(p) => (project(p), write(p, "jobs/chain.yaml", "name: chain\ntasks:\n" + Array.from({ length: 15_000 }, (_, i) => `  - task_key: t${i}\n    notebook_task: { notebook_path: /x }\n` + (i ? `    depends_on: [{ task_key: t${i - 1} }]\n` : "")).join(""))), /^jobs\/chain\.yaml: error JF091: file has 45002 lines/m],
  "unquoted ${…} in a flow map": [(p) => (project(p), write(p, "jobs/ref.yaml", "name: r\ntasks:\n  - task_key: a\n    run_job_task: { job_id: ${jobs.ml.id} }\n  - task_key: b\n    depends_on: [{ task_key: a }]\n    notebook_task: { notebook_path: /x }\n")), /^jobs\/ref\.yaml:4:\d+: error JF001: .*must be quoted: "\$\{jobs\.ml\.id\}"/m],
  // As regular expressions these globs backtrack for ever against 100-character keys and node types; scanned, they cost a few steps.
  "backtracking globs in policies:": [
    (p) => {
      const glob = JSON.stringify("a*".repeat(20_000) + "b");
      write(p, "jobform.yaml", `project: hostile\npolicies:\n  - { allowed_node_types: [${glob}], jobs: [${glob}, "*"], severity: warning, reason: r }\n  - { require_timeout: true, targets: [${glob}], severity: warning, reason: r }\n  - { require_timeout: true, severity: error, reason: r }\n`);
      for (let i = 0; i < 300; i++) write(p, `jobs/${"a".repeat(96)}${String(i).padStart(4, "0")}.yaml`, `name: n\njob_clusters: [{ job_cluster_key: c, new_cluster: { spark_version: x, node_type_id: ${"a".repeat(3000)}, num_workers: 1 } }]\ntasks: [{ task_key: t, job_cluster_key: c, notebook_task: { notebook_path: /t } }]\n`);
    },
    /^jobs\/a{96}0000\.yaml:1:1: error JF106: no timeout_seconds/m,
  ],
};

/** Builds case `name` in a fresh temporary folder; returns the project directory and a cleanup. */
export function buildCase(name) {
  const root = mkdtempSync(join(tmpdir(), "jobform-hostile-"));
  const dir = join(root, "p");
  mkdirSync(dir);
  CASES[name][0](dir);
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Runs the built CLI on `dir` in a child with a capped heap and a wall-clock kill, so a regression fails
 * instead of stalling the machine. Returns its exit status, output and what it cost.
 */
export function runCase(dir, args = ["validate"]) {
  const measure = join(dir, "..", "measure.json");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${BOUNDS.heapMb}`, "--import", pathToFileURL(MEASURE).href, CLI, ...args, "--dir", dir], {
    encoding: "utf8",
    timeout: BOUNDS.wallKillMs,
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", JOBFORM_MEASURE_FILE: measure, DATABRICKS_HOST: "http://127.0.0.1:9", DATABRICKS_TOKEN: "x", DATABRICKS_CONFIG_FILE: "/nonexistent" },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let cost = { cpuMs: Infinity, rssBytes: Infinity };
  try {
    cost = JSON.parse(readFileSync(measure, "utf8"));
  } catch {
    // killed or crashed before its exit handler: the bounds check fails on Infinity
  }
  return { status: r.status, signal: r.signal, output: `${r.stdout}${r.stderr}`, wallMs, ...cost };
}
