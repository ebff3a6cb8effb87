// Seeded random JobSettings for the import round trip (test/import/round-trip.test.ts): valid jobs as a user
// would make them in the UI or with the API — many task types, every compute choice, triggers, notifications,
// parameters, tags, health rules, git sources in the providers' various spellings and text holding `${…}`.
// Only what the Jobs API accepts; `runnable` ids are jobs created before, for run_job tasks.
import { prng } from "../../src/lib/prng.js";

type Obj = Record<string, unknown>;

export interface Random {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  word(): string;
}

export function random(seed: number): Random {
  const next = prng(seed);
  const r: Random = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
    word: () => r.pick(["sales", "orders", "ml", "daily", "ingest", "report", "clean", "score", "export", "audit"]),
  };
  return r;
}

const SPARK = ["15.4.x-scala2.12", "14.3.x-scala2.12", "16.2.x-scala2.12"];
const NODES = ["i3.xlarge", "m5d.large", "Standard_DS3_v2", "Standard_E8ds_v5", "n2-highmem-4"];
const ZONES = ["Europe/Amsterdam", "UTC", "America/New_York"];
const GIT_PROVIDERS = ["gitHub", "github", "GitHub", "gitLab", "azureDevOpsServices", "bitbucketCloud"];
const TEXTS = ["plain text", "costs ${HOME} and $PATH", "{{job.start_time.iso_date}}", "a: b, c", "yes", "0123", "ümlaut ✓", "line1\nline2", "${{ secrets.X }}", "$${escaped}"];

function cluster(r: Random): Obj {
  const c: Obj = { spark_version: r.pick(SPARK), node_type_id: r.pick(NODES) };
  const kind = r.int(0, 2);
  if (kind === 0) c.num_workers = r.int(1, 8);
  else if (kind === 1) c.autoscale = { min_workers: 1, max_workers: r.int(2, 10) };
  else {
    c.num_workers = 0;
    c.spark_conf = { "spark.databricks.cluster.profile": "singleNode", "spark.master": "local[*]" };
    c.custom_tags = { ResourceClass: "SingleNode" };
  }
  if (r.chance(0.3)) c.spark_conf = { ...(c.spark_conf as Obj | undefined), "spark.sql.shuffle.partitions": String(r.int(8, 400)) };
  if (r.chance(0.3)) c.spark_env_vars = { STAGE: r.pick(["dev", "prod"]) };
  if (r.chance(0.2)) c.custom_tags = { ...(c.custom_tags as Obj | undefined), team: r.word() };
  if (r.chance(0.2)) c.data_security_mode = r.pick(["USER_ISOLATION", "SINGLE_USER"]);
  return c;
}

function notifications(r: Random): Obj {
  const out: Obj = {};
  for (const ev of ["on_start", "on_success", "on_failure"]) if (r.chance(0.3)) out[ev] = [`${r.word()}@contoso.com`];
  return out;
}

interface TaskCtx {
  r: Random;
  clusters: string[];
  environments: string[];
  runnable: readonly string[];
  /** Text for parameters: a reference to the job parameter only when the job defines it. */
  text: () => string;
}

/** Compute for a task that needs one: a job cluster, a new cluster or an existing one. */
function compute(c: TaskCtx): Obj {
  const way = c.r.int(0, 2);
  if (way === 0 && c.clusters.length) return { job_cluster_key: c.r.pick(c.clusters) };
  if (way === 1) return { new_cluster: cluster(c.r) };
  return { existing_cluster_id: `0${c.r.int(100, 999)}-123456-abc${c.r.int(10, 99)}` };
}

function taskBody(c: TaskCtx, key: string, inner = false): Obj {
  const r = c.r;
  const kinds = ["notebook", "python", "wheel", "jar", "submit", "sql_file", "sql_query", "sql_alert", "sql_dashboard", "pipeline", "dbt", "condition", "dashboard", "serverless_python"];
  if (c.runnable.length && !inner) kinds.push("run_job", "run_job");
  if (!inner) kinds.push("for_each");
  const kind = r.pick(kinds);
  switch (kind) {
    case "notebook": {
      const t: Obj = { notebook_task: { notebook_path: `/Shared/${r.word()}/${key}` }, ...compute(c) };
      if (r.chance(0.5)) (t.notebook_task as Obj).base_parameters = { date: c.text(), mode: r.pick(["full", "delta"]) };
      if (r.chance(0.2)) t.libraries = [{ pypi: { package: `requests==2.${r.int(20, 32)}.0` } }, { maven: { coordinates: "org.jsoup:jsoup:1.17.2" } }];
      return t;
    }
    case "python":
      return { spark_python_task: { python_file: `/Workspace/Shared/${r.word()}.py`, parameters: [c.text(), "--flag"] }, ...compute(c) };
    case "wheel":
      return { python_wheel_task: { package_name: "acme_jobs", entry_point: r.word(), named_parameters: { env: r.pick(["dev", "prod"]) } }, ...compute(c), libraries: [{ whl: "/Workspace/Shared/acme_jobs-1.0-py3-none-any.whl" }] };
    case "jar":
      return { spark_jar_task: { main_class_name: "com.acme.Main", parameters: ["a", c.text()] }, ...compute(c), libraries: [{ jar: "/Volumes/main/default/libs/acme.jar" }] };
    case "submit":
      return { spark_submit_task: { parameters: ["--class", "com.acme.Main", "/Volumes/main/default/libs/acme.jar"] }, new_cluster: cluster(r) };
    case "sql_file":
      return { sql_task: { warehouse_id: `wh${r.int(100, 999)}`, file: { path: `/Workspace/Shared/sql/${r.word()}.sql` }, ...(r.chance(0.5) ? { parameters: { day: c.text() } } : {}) } };
    case "sql_query":
      return { sql_task: { warehouse_id: `wh${r.int(100, 999)}`, query: { query_id: `q-${r.int(1000, 9999)}` } } };
    case "sql_alert":
      return { sql_task: { warehouse_id: `wh${r.int(100, 999)}`, alert: { alert_id: `a-${r.int(1000, 9999)}`, subscriptions: [{ user_name: "alice@contoso.com" }] } } };
    case "sql_dashboard":
      return { sql_task: { warehouse_id: `wh${r.int(100, 999)}`, dashboard: { dashboard_id: `d-${r.int(1000, 9999)}`, ...(r.chance(0.5) ? { custom_subject: c.text() } : {}) } } };
    case "pipeline":
      return { pipeline_task: { pipeline_id: `p-${r.int(1000, 9999)}`, ...(r.chance(0.5) ? { full_refresh: true } : {}) } };
    case "dbt":
      return { dbt_task: { commands: ["dbt deps", "dbt run"], ...(r.chance(0.5) ? { schema: "analytics", catalog: "main" } : {}), warehouse_id: `wh${r.int(100, 999)}` }, ...compute(c), libraries: [{ pypi: { package: "dbt-databricks>=1.8.0" } }] };
    case "condition":
      return { condition_task: { op: r.pick(["EQUAL_TO", "NOT_EQUAL", "GREATER_THAN"]), left: "{{job.start_time.iso_weekday}}", right: String(r.int(1, 7)) } };
    case "dashboard":
      return { dashboard_task: { dashboard_id: `lv-${r.int(1000, 9999)}`, warehouse_id: `wh${r.int(100, 999)}`, subscription: { subscribers: [{ user_name: "bob@contoso.com" }] } } };
    case "serverless_python": {
      if (!c.environments.length) return taskBody(c, key, inner);
      return { spark_python_task: { python_file: `/Workspace/Shared/${r.word()}.py` }, environment_key: r.pick(c.environments) };
    }
    case "run_job":
      return { run_job_task: { job_id: Number(r.pick(c.runnable)), ...(r.chance(0.5) ? { job_parameters: { day: c.text() } } : {}) } };
    case "for_each":
      return { for_each_task: { inputs: '["a","b"]', ...(r.chance(0.5) ? { concurrency: r.int(1, 4) } : {}), task: { task_key: `${key}_each`, ...taskBody(c, `${key}_each`, true) } } };
  }
  throw new Error(`unknown task kind ${kind}`);
}

/** One random job. `runnable`: ids of existing jobs a run_job task may run. */
export function randomJob(r: Random, n: number, runnable: readonly string[] = []): Obj {
  const job: Obj = { name: `${r.word()} ${r.word()} ${n}` };
  if (r.chance(0.4)) job.description = r.pick(TEXTS);
  if (r.chance(0.6)) job.tags = { team: r.word(), ...(r.chance(0.5) ? { cost_center: String(r.int(100, 999)) } : {}) };
  const trigger = r.int(0, 5);
  if (trigger === 1) job.schedule = { quartz_cron_expression: `0 ${r.int(0, 59)} ${r.int(0, 23)} * * ?`, timezone_id: r.pick(ZONES), ...(r.chance(0.5) ? { pause_status: r.pick(["PAUSED", "UNPAUSED"]) } : {}) };
  else if (trigger === 2) job.trigger = { periodic: { interval: r.int(1, 12), unit: r.pick(["HOURS", "DAYS", "WEEKS"]) }, ...(r.chance(0.5) ? { pause_status: "PAUSED" } : {}) };
  else if (trigger === 3) job.trigger = { file_arrival: { url: `s3://landing/${r.word()}/`, ...(r.chance(0.5) ? { min_time_between_triggers_seconds: 60 * r.int(1, 10) } : {}) } };
  else if (trigger === 4) job.trigger = { table_update: { table_names: [`main.${r.word()}.events`] } };
  else if (trigger === 5) job.continuous = { pause_status: r.pick(["PAUSED", "UNPAUSED"]) };
  if (r.chance(0.5)) job.parameters = [{ name: "run_date", default: "" }, { name: r.pick(["mode", "env"]), default: r.pick(TEXTS) }];
  const text = () => (job.parameters && r.chance(0.3) ? "{{job.parameters.run_date}}" : r.pick(TEXTS));
  if (r.chance(0.3)) job.git_source = { git_url: `https://github.com/acme/${r.word()}`, git_provider: r.pick(GIT_PROVIDERS), git_branch: r.pick(["main", "release"]) };
  const email = notifications(r);
  if (Object.keys(email).length) job.email_notifications = email;
  if (r.chance(0.2)) job.webhook_notifications = { on_failure: [{ id: `0000-${r.int(1000, 9999)}` }, { id: `0000-${r.int(1000, 9999)}` }] };
  if (r.chance(0.2)) job.notification_settings = { no_alert_for_skipped_runs: true };
  if (r.chance(0.3)) job.timeout_seconds = 60 * r.int(1, 600);
  if (r.chance(0.3)) job.max_concurrent_runs = r.int(1, 5);
  if (r.chance(0.2)) job.health = { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: r.int(60, 36000) }] };
  if (r.chance(0.3)) job.queue = { enabled: r.chance(0.5) };

  const clusters = r.chance(0.6) ? Array.from({ length: r.int(1, 2) }, (_, i) => `cluster_${i}`) : [];
  if (clusters.length) job.job_clusters = clusters.map((k) => ({ job_cluster_key: k, new_cluster: cluster(r) }));
  const environments = r.chance(0.3) ? ["default"] : [];
  if (environments.length) job.environments = [{ environment_key: "default", spec: { environment_version: "2", dependencies: [`pandas==2.${r.int(0, 2)}.0`] } }];

  const ctx: TaskCtx = { r, clusters, environments, runnable, text };
  const tasks: Obj[] = [];
  for (let i = 0, count = r.int(1, 5); i < count; i++) {
    const key = `${r.word()}_${i}`;
    const t: Obj = { task_key: key };
    if (i > 0 && r.chance(0.7)) {
      const deps = [...new Set([tasks[r.int(0, i - 1)]?.task_key, r.chance(0.3) ? tasks[0]?.task_key : undefined])].filter((d) => d !== undefined);
      t.depends_on = deps.map((d) => ({ task_key: d }));
      if (r.chance(0.3)) t.run_if = r.pick(["ALL_DONE", "AT_LEAST_ONE_SUCCESS", "ALL_FAILED"]);
    }
    if (r.chance(0.2)) t.description = r.pick(TEXTS);
    Object.assign(t, taskBody(ctx, key));
    if (r.chance(0.2)) {
      t.max_retries = r.int(1, 3);
      t.min_retry_interval_millis = 1000 * r.int(1, 60);
      if (r.chance(0.5)) t.retry_on_timeout = true;
    }
    if (r.chance(0.2)) t.timeout_seconds = 60 * r.int(1, 100);
    if (r.chance(0.2)) t.email_notifications = notifications(r);
    if (r.chance(0.1)) t.disabled = true;
    tasks.push(t);
  }
  // A task that follows a condition names the branch it takes.
  for (const t of tasks) {
    for (const d of (t.depends_on as Obj[] | undefined) ?? []) {
      const dep = tasks.find((x) => x.task_key === d.task_key);
      if (dep?.condition_task) d.outcome = r.pick(["true", "false"]);
    }
  }
  job.tasks = tasks;
  return job;
}

/** Direct grants to add to a job's access list (principals of test/support/emulator.ts SAMPLE_PRINCIPALS). */
export function randomGrants(r: Random): Obj[] {
  const out: Obj[] = [];
  if (r.chance(0.5)) out.push({ group_name: r.pick(["data-eng", "analysts"]), permission_level: r.pick(["CAN_VIEW", "CAN_MANAGE_RUN"]) });
  if (r.chance(0.3)) out.push({ user_name: r.pick(["alice@contoso.com", "bob@contoso.com"]), permission_level: r.pick(["CAN_MANAGE", "CAN_VIEW"]) });
  return out;
}
