// `jobform pull` in process (issue #14): N commented job files, every live job edited in 3 fields (a job
// scalar, a task scalar, a new tag); time and memory of plan → edits → re-plan. Not a test: figures only.
// Run after `npm run build`: node bench/pull-edits.mjs [N]
import { jobSettings } from "../dist/apply/payloads.js";
import { loadSchemas } from "../dist/cli/schemas.js";
import { checkProject } from "../dist/core/project.js";
import { pullProject } from "../dist/core/pull/pull.js";

const N = Number(process.argv[2] ?? 300);
const utf8 = new TextEncoder();
const job = (i) => `# Job ${i}: loads one table.
name: "Job ${i}"   # shown in the UI
tags: { team: t${i % 7} }
timeout_seconds: 3600   # one hour
tasks:
  # land the data
  - task_key: ingest
    notebook_task: { notebook_path: /Shared/ingest_${i} }
    max_retries: 1
  - task_key: publish
    depends_on: [{ task_key: ingest }]
    notebook_task: { notebook_path: /Shared/publish }
`;
const files = [{ path: "jobform.yaml", bytes: utf8.encode("project: bench\ntargets: { dev: { default: true } }\n") }];
for (let i = 0; i < N; i++) files.push({ path: `jobs/job-${i}.yaml`, bytes: utf8.encode(job(i)) });
const schemas = loadSchemas();
const resolve = { target: undefined, vars: {}, env: {} };
const checked = checkProject(files, resolve, schemas);
const options = { project: "bench", deployment: "dev", target: "dev", prune: false, deployer: "me@example.com" };
const live = checked.resolved.jobs.map((j, i) => {
  const settings = jobSettings(j.document, { project: "bench", deployment: "dev", key: j.key, ids: new Map() });
  settings.timeout_seconds = 7200;
  settings.tags = { ...settings.tags, owner: "ops" };
  settings.tasks = settings.tasks.map((t) => (t.task_key === "ingest" ? { ...t, max_retries: 3 } : t));
  return { jobId: String(1000 + i), settings, permissions: [{ user_name: "me@example.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] }] };
});
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const out = pullProject({ files, checked, resolve, schemas, live, options });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const ok = out.unsettled.length === 0 && out.errors.length === 0 && out.files.length === N;
console.log(`pull of ${N} jobs × 3 UI edits: ${out.edits.length} edits in ${out.files.length} files, settled: ${ok}`);
console.log(`  ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${(ms / out.edits.length).toFixed(2)} ms per edit; heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
process.exitCode = ok ? 0 : 1;
