// The cost of jobform.yaml `policies:` in validate: all nine rule kinds over 3,000 generated jobs, most of
// which break four or five of them (a worst case: every finding is located and worded). Evaluated in process,
// beside the in-process validate of the same files (which includes them). Target: the rules under 10 % of
// validate's time; a ratio, since the shared machine's load moves both figures together. Prints medians.
import { projectRuleDiagnostics } from "../dist/core/project-rules/evaluate.js";
import { checkProject } from "../dist/core/project.js";
import { loadSchemas } from "../dist/cli/schemas.js";

const N = Number(process.env.BENCH_JOBS ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const text = (s) => ({ bytes: new TextEncoder().encode(s) });

const project = `project: bench
targets: { dev: { default: true, mode: development }, prod: {} }
policies:
  - { require_tags: [team, cost_center], severity: error, reason: chargeback }
  - { forbid: [existing_cluster_id, /tasks/*/spark_python_task/source], severity: error, reason: no all-purpose }
  - { max_workers: 8, severity: error, reason: capacity }
  - { allowed_node_types: [Standard_DS3_v2, "Standard_E*s_v5"], severity: warning, reason: reservations }
  - { require_owner: service_principal, severity: warning, reason: outlives people }
  - { schedule_paused_in: [dev], severity: error, reason: by hand in dev }
  - { require_timeout: true, severity: warning, reason: stuck runs }
  - { max_concurrent_runs: 4, jobs: ["job-1*"], severity: error, reason: warehouse }
  - { require_notifications_on_failure: true, severity: warning, reason: paging }
`;
const job = (i) => `name: Job ${i}
tags: { team: t${i % 17} }
schedule: { quartz_cron_expression: "0 ${i % 60} ${i % 24} * * ?", timezone_id: UTC, pause_status: UNPAUSED }
job_clusters:
  - { job_cluster_key: c, new_cluster: { spark_version: 15.4.x-scala2.12, node_type_id: Standard_DS3_v2, num_workers: ${i % 12} } }
tasks:
  - { task_key: ingest, job_cluster_key: c, notebook_task: { notebook_path: /Shared/ingest_${i} } }
  - { task_key: publish, depends_on: [{ task_key: ingest }], job_cluster_key: c, spark_python_task: { python_file: /x.py } }
permissions: [{ user_name: owner${i % 5}@example.com, permission_level: IS_OWNER }]
`;

const files = [{ path: "jobform.yaml", ...text(project) }, ...Array.from({ length: N }, (_, i) => ({ path: `jobs/job-${i}.yaml`, ...text(job(i)) }))];
const schemas = loadSchemas();
const whole = [];
let checked;
for (let r = 0; r < 3; r++) {
  const t0 = process.hrtime.bigint();
  checked = checkProject(files, { vars: {}, env: {} }, schemas);
  whole.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
whole.sort((a, b) => a - b);
const times = [];
let findings = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = process.hrtime.bigint();
  findings = projectRuleDiagnostics(checked.resolved, checked.projectDoc).length;
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const share = median / (whole[1] ?? Infinity);
console.log(`policies: 9 rules over ${N} jobs (${findings} findings): median ${median.toFixed(0)} ms over ${RUNS} runs, ${(share * 100).toFixed(1)} % of an in-process validate (median ${((whole[1] ?? 0) / 1000).toFixed(2)} s) (target < 10 %) — ${share < 0.1 ? "OK" : "OVER TARGET"}`);
