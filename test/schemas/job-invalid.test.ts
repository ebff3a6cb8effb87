import { describe, expect, it } from "vitest";
import { describeErrors, errorsOf } from "./support.js";
import type { JsonObject } from "./support.js";

/** A small valid job; every case below breaks exactly one rule of it. */
function base(): JsonObject {
  return {
    name: "Sales load",
    tags: { team: "sales" },
    schedule: { quartz_cron_expression: "0 0 6 * * ?", timezone_id: "UTC" },
    parameters: [{ name: "run_date", default: "" }],
    git_source: { git_url: "https://github.com/acme/etl.git", git_provider: "gitHub", git_branch: "main" },
    job_clusters: [{ job_cluster_key: "small", new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 2 } }],
    tasks: [
      {
        task_key: "ingest",
        job_cluster_key: "small",
        notebook_task: { notebook_path: "/Shared/ingest", base_parameters: { date: "{{job.parameters.run_date}}" } },
        libraries: [{ pypi: { package: "requests" } }],
      },
      { task_key: "publish", depends_on: [{ task_key: "ingest" }], sql_task: { warehouse_id: "abc", file: { path: "/Shared/p.sql" } } },
    ],
    permissions: [{ user_name: "alice@contoso.com", permission_level: "IS_OWNER" }],
    run_as: { user_name: "alice@contoso.com" },
  };
}

type Doc = JsonObject & { tasks: JsonObject[]; job_clusters: JsonObject[]; permissions: JsonObject[] };
const task0 = (d: Doc) => d.tasks[0] as JsonObject;
const cluster0 = (d: Doc) => d.job_clusters[0]?.new_cluster as JsonObject;
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `w${i}` }));

interface Case {
  name: string;
  change: (d: Doc) => void;
  path: string;
  keyword: string;
}

const cases: Case[] = [
  // typos
  { name: "unknown top-level field", change: (d) => (d.nmae = "x"), path: "", keyword: "additionalProperties" },
  { name: "unknown task field", change: (d) => (task0(d).notebok_task = {}), path: "/tasks/0", keyword: "additionalProperties" },
  { name: "unknown cluster field", change: (d) => (cluster0(d).num_worker = 2), path: "/job_clusters/0/new_cluster", keyword: "additionalProperties" },
  // exactly-one-of
  { name: "two task types", change: (d) => (task0(d).spark_python_task = { python_file: "/x.py" }), path: "/tasks/0", keyword: "oneOf" },
  { name: "no task type", change: (d) => delete task0(d).notebook_task, path: "/tasks/0", keyword: "oneOf" },
  { name: "git branch and tag", change: (d) => ((d.git_source as JsonObject).git_tag = "v1"), path: "/git_source", keyword: "oneOf" },
  { name: "git without a ref", change: (d) => delete (d.git_source as JsonObject).git_branch, path: "/git_source", keyword: "oneOf" },
  { name: "permission with two principals", change: (d) => (d.permissions[0]!.group_name = "g"), path: "/permissions/0", keyword: "oneOf" },
  { name: "permission without principal", change: (d) => (d.permissions[0] = { permission_level: "CAN_VIEW" }), path: "/permissions/0", keyword: "oneOf" },
  { name: "library of two kinds", change: (d) => (task0(d).libraries = [{ jar: "a.jar", whl: "b.whl" }]), path: "/tasks/0/libraries/0", keyword: "oneOf" },
  { name: "library of no kind", change: (d) => (task0(d).libraries = [{}]), path: "/tasks/0/libraries/0", keyword: "oneOf" },
  { name: "sql_task query and file", change: (d) => ((d.tasks[1]!.sql_task as JsonObject).query = { query_id: "q" }), path: "/tasks/1/sql_task", keyword: "oneOf" },
  { name: "sql_task with nothing to run", change: (d) => delete (d.tasks[1]!.sql_task as JsonObject).file, path: "/tasks/1/sql_task", keyword: "oneOf" },
  { name: "run_as with two principals", change: (d) => ((d.run_as as JsonObject).group_name = "g"), path: "/run_as", keyword: "oneOf" },
  { name: "num_workers and autoscale", change: (d) => (cluster0(d).autoscale = { min_workers: 1, max_workers: 2 }), path: "/job_clusters/0/new_cluster", keyword: "not" },
  { name: "neither num_workers nor autoscale", change: (d) => delete cluster0(d).num_workers, path: "/job_clusters/0/new_cluster", keyword: "if" },
  { name: "schedule and continuous", change: (d) => (d.continuous = {}), path: "", keyword: "not" },
  { name: "schedule and triggers", change: (d) => (d.triggers = [{ periodic: { interval: 1, unit: "DAYS" } }]), path: "", keyword: "not" },
  {
    name: "trigger with two kinds",
    change: (d) => {
      delete d.schedule;
      d.trigger = { periodic: { interval: 1, unit: "HOURS" }, file_arrival: { url: "/Volumes/x" } };
    },
    path: "/trigger",
    keyword: "oneOf",
  },
  {
    name: "triggers entry without a kind",
    change: (d) => {
      delete d.schedule;
      d.triggers = [{ pause_status: "PAUSED" }];
    },
    path: "/triggers/0",
    keyword: "oneOf",
  },
  { name: "alert_task with id and path", change: (d) => (d.tasks[1] = { task_key: "a", alert_task: { alert_id: "1", workspace_path: "/Workspace/a" } }), path: "/tasks/1/alert_task", keyword: "oneOf" },
  {
    name: "subscriber with user and destination",
    change: (d) => (d.tasks[1] = { task_key: "a", sql_task: { warehouse_id: "w", alert: { alert_id: "1", subscriptions: [{ user_name: "u", destination_id: "d" }] } } }),
    path: "/tasks/1/sql_task/alert/subscriptions/0",
    keyword: "oneOf",
  },
  { name: "two log destinations", change: (d) => (cluster0(d).cluster_log_conf = { dbfs: { destination: "dbfs:/a" }, volumes: { destination: "/Volumes/a" } }), path: "/job_clusters/0/new_cluster/cluster_log_conf", keyword: "oneOf" },
  { name: "init script with two locations", change: (d) => (cluster0(d).init_scripts = [{ workspace: { destination: "/a" }, dbfs: { destination: "dbfs:/a" } }]), path: "/job_clusters/0/new_cluster/init_scripts/0", keyword: "oneOf" },
  {
    name: "for_each inside for_each",
    change: (d) => (d.tasks[1] = { task_key: "loop", for_each_task: { inputs: "[1]", task: { task_key: "inner", for_each_task: { inputs: "[1]", task: { task_key: "x", notebook_task: { notebook_path: "/a" } } } } } }),
    path: "/tasks/1/for_each_task",
    keyword: "not",
  },
  { name: "wheel with positional and named parameters", change: (d) => (d.tasks[1] = { task_key: "w", python_wheel_task: { package_name: "p", entry_point: "e", parameters: ["a"], named_parameters: { a: "b" } } }), path: "/tasks/1/python_wheel_task", keyword: "not" },
  { name: "task on two kinds of cluster", change: (d) => (task0(d).existing_cluster_id = "0923-1"), path: "/tasks/0", keyword: "not" },
  // enums
  { name: "run_if", change: (d) => (d.tasks[1]!.run_if = "ALWAYS"), path: "/tasks/1/run_if", keyword: "enum" },
  { name: "edit_mode", change: (d) => (d.edit_mode = "LOCKED"), path: "/edit_mode", keyword: "enum" },
  { name: "performance_target", change: (d) => (d.performance_target = "FAST"), path: "/performance_target", keyword: "enum" },
  { name: "pause_status", change: (d) => ((d.schedule as JsonObject).pause_status = "STOPPED"), path: "/schedule/pause_status", keyword: "enum" },
  { name: "git_provider", change: (d) => ((d.git_source as JsonObject).git_provider = "github.com"), path: "/git_source/git_provider", keyword: "enum" },
  { name: "permission_level", change: (d) => (d.permissions[0]!.permission_level = "CAN_RUN"), path: "/permissions/0/permission_level", keyword: "enum" },
  { name: "health metric", change: (d) => (d.health = { rules: [{ metric: "RUNTIME", op: "GREATER_THAN", value: 1 }] }), path: "/health/rules/0/metric", keyword: "enum" },
  { name: "health op", change: (d) => (d.health = { rules: [{ metric: "RUN_DURATION_SECONDS", op: "LESS_THAN", value: 1 }] }), path: "/health/rules/0/op", keyword: "enum" },
  { name: "data_security_mode", change: (d) => (cluster0(d).data_security_mode = "SHARED"), path: "/job_clusters/0/new_cluster/data_security_mode", keyword: "enum" },
  { name: "aws availability", change: (d) => (cluster0(d).aws_attributes = { availability: "SPOT_AZURE" }), path: "/job_clusters/0/new_cluster/aws_attributes/availability", keyword: "enum" },
  { name: "condition op", change: (d) => (d.tasks[1] = { task_key: "c", condition_task: { left: "a", op: "EQUALS", right: "b" } }), path: "/tasks/1/condition_task/op", keyword: "enum" },
  { name: "depends_on outcome", change: (d) => (d.tasks[1]!.depends_on = [{ task_key: "ingest", outcome: "yes" }]), path: "/tasks/1/depends_on/0/outcome", keyword: "enum" },
  { name: "periodic unit", change: (d) => { delete d.schedule; d.trigger = { periodic: { interval: 1, unit: "SECONDS" } }; }, path: "/trigger/periodic/unit", keyword: "enum" },
  { name: "notebook source", change: (d) => ((task0(d).notebook_task as JsonObject).source = "REPO"), path: "/tasks/0/notebook_task/source", keyword: "enum" },
  // limits
  { name: "1001 tasks", change: (d) => (d.tasks = Array.from({ length: 1001 }, (_, i) => ({ task_key: `t${i}`, notebook_task: { notebook_path: "/a" } }))), path: "/tasks", keyword: "maxItems" },
  { name: "4 webhooks for one event", change: (d) => (d.webhook_notifications = { on_failure: ids(4) }), path: "/webhook_notifications/on_failure", keyword: "maxItems" },
  { name: "11 dbt commands", change: (d) => (d.tasks[1] = { task_key: "d", dbt_task: { commands: Array.from({ length: 11 }, () => "dbt run") } }), path: "/tasks/1/dbt_task/commands", keyword: "maxItems" },
  { name: "no dbt commands", change: (d) => (d.tasks[1] = { task_key: "d", dbt_task: { commands: [] } }), path: "/tasks/1/dbt_task/commands", keyword: "minItems" },
  { name: "dbt command not starting with dbt", change: (d) => (d.tasks[1] = { task_key: "d", dbt_task: { commands: ["run"] } }), path: "/tasks/1/dbt_task/commands/0", keyword: "pattern" },
  { name: "11 ssh keys", change: (d) => (cluster0(d).ssh_public_keys = Array.from({ length: 11 }, (_, i) => `k${i}`)), path: "/job_clusters/0/new_cluster/ssh_public_keys", keyword: "maxItems" },
  { name: "26 tags", change: (d) => (d.tags = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`t${i}`, "v"]))), path: "/tags", keyword: "maxProperties" },
  { name: "name too long", change: (d) => (d.name = "x".repeat(4097)), path: "/name", keyword: "maxLength" },
  { name: "description too long", change: (d) => (d.description = "x".repeat(27701)), path: "/description", keyword: "maxLength" },
  { name: "max_concurrent_runs over 1000", change: (d) => (d.max_concurrent_runs = 1001), path: "/max_concurrent_runs", keyword: "maximum" },
  { name: "max_concurrent_runs negative", change: (d) => (d.max_concurrent_runs = -1), path: "/max_concurrent_runs", keyword: "minimum" },
  { name: "job parameter name", change: (d) => (d.parameters = [{ name: "run date", default: "" }]), path: "/parameters/0/name", keyword: "pattern" },
  { name: "task_key with a space", change: (d) => (task0(d).task_key = "my task"), path: "/tasks/0/task_key", keyword: "pattern" },
  { name: "for_each concurrency over 100", change: (d) => (d.tasks[1] = { task_key: "l", for_each_task: { inputs: "[1]", concurrency: 101, task: { task_key: "x", notebook_task: { notebook_path: "/a" } } } }), path: "/tasks/1/for_each_task/concurrency", keyword: "maximum" },
  { name: "file arrival faster than 60 s", change: (d) => { delete d.schedule; d.trigger = { file_arrival: { url: "/Volumes/a", min_time_between_triggers_seconds: 59 } }; }, path: "/trigger/file_arrival/min_time_between_triggers_seconds", keyword: "minimum" },
  { name: "max_retries below -1", change: (d) => (task0(d).max_retries = -2), path: "/tasks/0/max_retries", keyword: "minimum" },
  { name: "negative timeout", change: (d) => (d.timeout_seconds = -5), path: "/timeout_seconds", keyword: "minimum" },
  // types
  { name: "tag value that is a number", change: (d) => (d.tags = { cost: 4711 }), path: "/tags/cost", keyword: "type" },
  { name: "base parameter that is a number", change: (d) => ((task0(d).notebook_task as JsonObject).base_parameters = { limit: 10 }), path: "/tasks/0/notebook_task/base_parameters/limit", keyword: "type" },
  { name: "num_workers as a string", change: (d) => (cluster0(d).num_workers = "2"), path: "/job_clusters/0/new_cluster/num_workers", keyword: "type" },
  { name: "run_job job_id that is not an id or a reference", change: (d) => (d.tasks[1] = { task_key: "r", run_job_task: { job_id: "${jobs.other.name}" } }), path: "/tasks/1/run_job_task/job_id", keyword: "anyOf" },
  { name: "tasks as a map", change: (d) => (d.tasks = { ingest: {} } as unknown as JsonObject[]), path: "/tasks", keyword: "type" },
  // required
  { name: "task without task_key", change: (d) => delete task0(d).task_key, path: "/tasks/0", keyword: "required" },
  { name: "parameter without default", change: (d) => (d.parameters = [{ name: "x" }]), path: "/parameters/0", keyword: "required" },
  { name: "schedule without timezone", change: (d) => delete (d.schedule as JsonObject).timezone_id, path: "/schedule", keyword: "required" },
  { name: "git_source without provider", change: (d) => delete (d.git_source as JsonObject).git_provider, path: "/git_source", keyword: "required" },
  { name: "queue without enabled", change: (d) => (d.queue = {}), path: "/queue", keyword: "required" },
  { name: "notebook_task without path", change: (d) => delete (task0(d).notebook_task as JsonObject).notebook_path, path: "/tasks/0/notebook_task", keyword: "required" },
  { name: "permission without level", change: (d) => delete d.permissions[0]!.permission_level, path: "/permissions/0", keyword: "required" },
  { name: "job cluster without key", change: (d) => delete d.job_clusters[0]!.job_cluster_key, path: "/job_clusters/0", keyword: "required" },
];

describe("invalid job files are rejected", () => {
  it("the base document is valid (so each case below fails for its own reason)", () => {
    const errors = errorsOf("job", base());
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.keyword} at ${c.path || "/"}`, () => {
      const doc = base() as Doc;
      c.change(doc);
      const errors = errorsOf("job", doc);
      const hit = errors.some((e) => e.instancePath === c.path && e.keyword === c.keyword);
      expect(hit, `expected ${c.keyword} at "${c.path}", got:\n${describeErrors(errors)}`).toBe(true);
    });
  }

  it("rule failures carry a readable x-jobform-message for the validator to print", () => {
    const doc = base() as Doc;
    (doc.git_source as JsonObject).git_tag = "v1";
    const e = errorsOf("job", doc).find((x) => x.keyword === "oneOf" && x.instancePath === "/git_source");
    expect((e?.parentSchema as JsonObject | undefined)?.["x-jobform-message"]).toMatch(/exactly one of git_branch, git_tag or git_commit/);
  });

  it("a ${jobs.<key>.id} reference is accepted where a job id is expected", () => {
    const doc = base() as Doc;
    doc.tasks[1] = { task_key: "r", run_job_task: { job_id: "${jobs.other-job.id}" } };
    expect(errorsOf("job", doc)).toEqual([]);
  });
});

describe("output-only fields are refused with an explanation", () => {
  const fields = [
    "job_id",
    "created_time",
    "creator_user_name",
    "run_as_user_name",
    "effective_budget_policy_id",
    "effective_usage_policy_id",
    "trigger_state",
    "trigger_details",
    "format",
    "settings",
    "has_more",
    "next_page_token",
  ];
  for (const field of fields) {
    it(field, () => {
      const doc = base();
      doc[field] = field === "settings" ? { name: "x" } : "value";
      const e = errorsOf("job", doc).find((x) => x.instancePath === `/${field}`);
      expect(e?.keyword).toBe("not");
      expect((e?.parentSchema as JsonObject | undefined)?.["x-jobform-output-only"]).toBe(true);
      expect(String((e?.parentSchema as JsonObject | undefined)?.description)).toMatch(new RegExp(field));
    });
  }

  it("git_source.git_snapshot", () => {
    const doc = base();
    (doc.git_source as JsonObject).git_snapshot = { used_commit: "abc" };
    const e = errorsOf("job", doc).find((x) => x.instancePath === "/git_source/git_snapshot");
    expect(e?.keyword).toBe("not");
    expect((e?.parentSchema as JsonObject | undefined)?.["x-jobform-output-only"]).toBe(true);
  });
});
