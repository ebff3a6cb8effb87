// Seeded property test of pull: rounds of random UI edits made through the emulator's REST API (in process),
// then pull, then plan. After every round the plan for the target holds exactly what pull reported as left
// alone, only files pull named changed, and every comment survives. JOBFORM_PULL_SEED picks the seed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Workspace } from "../../src/emulator/state.js";
import { prng } from "../../src/lib/prng.js";
import { call } from "../emulator/helpers.js";
import { ROOT } from "../support/cli.js";
import { changeLines, check, deploy, emulatorWorkspace, planOf, pull, readLiveJobs } from "./harness.js";
import type { Files } from "./harness.js";

const SEED = Number(process.env.JOBFORM_PULL_SEED ?? 20261205);
const ROUNDS = 5;
const EDITS_PER_ROUND = 30;

type Obj = Record<string, unknown>;
type Task = Obj & { task_key: string; depends_on?: { task_key: string; outcome?: string }[] };

/** The sample project with a comment above every top-level key of every job file (and one on each task's key line). */
function commentedSample(): Files {
  const files: Files = new Map([["jobform.yaml", readFileSync(join(ROOT, "jobform.yaml"), "utf8")]]);
  for (const f of readdirSync(join(ROOT, "jobs")).sort()) {
    const text = readFileSync(join(ROOT, "jobs", f), "utf8");
    const lines = text.split("\n").flatMap((l) => {
      const top = /^([a-z_]+):/.exec(l);
      if (top) return [`# about ${top[1]}`, l];
      if (/^ {2}- task_key: \w+$/.test(l)) return [`${l}   # task ${l.slice(14)}`];
      return [l];
    });
    files.set(`jobs/${f}`, lines.join("\n"));
  }
  return files;
}

/** The comments of the before text that must be in the after text: those whose key or task is still there. */
function expectedComments(before: string, after: string): string[] {
  const out: string[] = [];
  const lines = before.split("\n");
  lines.forEach((l) => {
    const about = /^# about ([a-z_]+)$/.exec(l);
    if (about && new RegExp(`^${about[1]}:`, "m").test(after)) out.push(`${l}\n${about[1]}:`);
    const task = /^ {2}- task_key: (\w+) {3}# task \w+$/.exec(l);
    if (task && after.includes(`task_key: ${task[1]}`)) out.push(l);
  });
  return out;
}

interface Ctx {
  ws: Workspace;
  rnd: () => number;
  target: string;
  log: string[];
}

const pick = <T>(c: Ctx, items: readonly T[]): T => items[Math.floor(c.rnd() * items.length)] as T;
const clone = <T>(v: T): T => structuredClone(v);

function managedIds(c: Ctx): string[] {
  return readLiveJobs(c.ws)
    .filter((j) => (j.settings.tags as Obj | undefined)?.jobform_key !== undefined)
    .map((j) => j.jobId);
}

function settingsOf(c: Ctx, id: string): Obj {
  return clone((call(c.ws, "GET", `/api/2.2/jobs/get?job_id=${id}`).body as { settings: Obj }).settings);
}

/** Task keys `key` reaches through depends_on (itself included): a dependency on one of them would be a cycle. */
function downstream(tasks: readonly Task[], key: string): Set<string> {
  const out = new Set([key]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tasks) if (!out.has(t.task_key) && (t.depends_on ?? []).some((d) => out.has(d.task_key))) grew = out.add(t.task_key).size > 0;
  }
  return out;
}

const PRINCIPALS = [{ user_name: "bob@contoso.com" }, { user_name: "carol@contoso.com" }, { group_name: "ml-engineers" }, { user_name: "dave@contoso.com" }];
const LEVELS = ["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE"];

/** One random UI edit of the settings; a description of it, or undefined when it does not apply to this job. */
function mutate(c: Ctx, s: Obj, kind?: string): string | undefined {
  const tasks = (s.tasks ?? []) as Task[];
  const clusters = (s.job_clusters ?? []) as { job_cluster_key: string; new_cluster: Obj }[];
  const task = tasks.length ? pick(c, tasks) : undefined;
  switch (kind ?? pick(c, ["timeout", "concurrency", "name", "description", "task-scalar", "cluster", "notification", "add-task", "remove-task", "reorder", "depends-on", "pause", "tags", "override", "template", "parameter", "arguments"])) {
    case "arguments": {
      // A command line that holds `${var.catalog}`: an argument added or dropped keeps the template.
      const py = tasks.find((t) => isObj(t.spark_python_task) && Array.isArray(t.spark_python_task.parameters));
      if (!py) return undefined;
      const args = [...((py.spark_python_task as Obj).parameters as string[])];
      if (args[args.length - 1] === "--verbose") args.pop();
      else args.push("--verbose");
      (py.spark_python_task as Obj).parameters = args;
      return `task ${py.task_key} arguments ${args.join(" ")}`;
    }
    case "parameter": {
      const params = ((s.parameters ?? []) as Obj[]).map((p) => ({ ...p }));
      const plain = params.filter((p) => !String(p.default).includes("${"));
      if (plain.length && c.rnd() < 0.5) pick(c, plain).default = pick(c, ["", "2024-01-01", "{{job.start_time.iso_date}}"]);
      else params.push({ name: `p${Math.floor(c.rnd() * 100)}`, default: "x" });
      s.parameters = params.filter((p, i) => params.findIndex((q) => q.name === p.name) === i);
      return "parameters edited";
    }
    case "timeout":
      s.timeout_seconds = pick(c, [0, 600, 5400, 86400]);
      return `timeout_seconds=${String(s.timeout_seconds)}`;
    case "concurrency":
      s.max_concurrent_runs = pick(c, [1, 2, 5]);
      return `max_concurrent_runs=${String(s.max_concurrent_runs)}`;
    case "name":
      s.name = `${String(s.name).replace(/ v\d+$/, "")} v${Math.floor(c.rnd() * 9)}`;
      return `name=${String(s.name)}`;
    case "description":
      if (s.description === undefined) s.description = "Edited in the UI, at 3 a.m.";
      else delete s.description;
      return "description toggled";
    case "task-scalar": {
      if (!task) return undefined;
      const field = pick(c, ["max_retries", "timeout_seconds", "min_retry_interval_millis", "run_if"]);
      task[field] = field === "run_if" ? pick(c, ["ALL_SUCCESS", "ALL_DONE", "AT_LEAST_ONE_SUCCESS"]) : field === "max_retries" ? Math.floor(c.rnd() * 5) : pick(c, [0, 60000, 120000]);
      return `task ${task.task_key} ${field}=${String(task[field])}`;
    }
    case "cluster": {
      const cl = clusters.length ? pick(c, clusters).new_cluster : undefined;
      if (!cl) return undefined;
      if (cl.autoscale !== undefined) (cl.autoscale as Obj).max_workers = 4 + Math.floor(c.rnd() * 8);
      else if (c.rnd() < 0.5) cl.num_workers = 1 + Math.floor(c.rnd() * 8);
      else cl.spark_conf = { ...((cl.spark_conf as Obj | undefined) ?? {}), "spark.sql.adaptive.enabled": pick(c, ["true", "false"]) };
      return "cluster edited";
    }
    case "notification": {
      const n = (s.email_notifications ?? {}) as Obj;
      const list = ((n.on_failure as string[] | undefined) ?? []).slice();
      if (list.length && c.rnd() < 0.4) list.pop();
      else list.push(pick(c, ["ops@contoso.com", "lead@contoso.com", "pager@contoso.com"]));
      s.email_notifications = { ...n, on_failure: [...new Set(list)] };
      return `on_failure=${list.join(",")}`;
    }
    case "add-task": {
      const key = `ui_${Math.floor(c.rnd() * 1e6)}`;
      const t: Task = { task_key: key, notebook_task: { notebook_path: `/Shared/ui/${key}` } };
      if (c.rnd() < 0.5) t.new_cluster = { spark_version: "15.4.x-scala2.12", node_type_id: "Standard_DS3_v2", num_workers: 0, spark_conf: { "spark.master": "local[*, 4]", "spark.databricks.cluster.profile": "singleNode" }, custom_tags: { ResourceClass: "SingleNode" } };
      else if (clusters.length) t.job_cluster_key = pick(c, clusters).job_cluster_key;
      else if (Array.isArray(s.environments) && s.environments.length) t.environment_key = (s.environments[0] as Obj).environment_key;
      else return undefined;
      if (task && c.rnd() < 0.5) t.depends_on = [{ task_key: task.task_key }];
      s.tasks = [...tasks, t];
      return `task ${key} added`;
    }
    case "remove-task": {
      // A UI-added task, or an original one nothing depends on (the UI refuses to orphan a dependency).
      const free = tasks.filter((t) => !tasks.some((o) => (o.depends_on ?? []).some((d) => d.task_key === t.task_key)) && !JSON.stringify(tasks).includes(`tasks.${t.task_key}.`));
      if (tasks.length < 2 || free.length === 0) return undefined;
      const gone = pick(c, free);
      s.tasks = tasks.filter((t) => t !== gone);
      return `task ${gone.task_key} removed`;
    }
    case "reorder":
      s.tasks = [...tasks].reverse();
      return "tasks reordered";
    case "depends-on": {
      if (!task || tasks.length < 2) return undefined;
      const deps = task.depends_on ?? [];
      // A dependency whose task values this one reads ({{tasks.x.values.y}}) stays: git would refuse the job (JF043).
      const droppable = deps.filter((d) => !JSON.stringify(tasks).includes(`tasks.${d.task_key}.`));
      if (droppable.length && c.rnd() < 0.5) {
        task.depends_on = deps.filter((d) => d !== droppable[0]);
        if (task.depends_on.length === 0) delete task.depends_on;
        return `task ${task.task_key} lost a dependency`;
      }
      const blocked = downstream(tasks, task.task_key);
      const options = tasks.filter((t) => !blocked.has(t.task_key) && !deps.some((d) => d.task_key === t.task_key) && t.condition_task === undefined);
      if (!options.length) return undefined;
      task.depends_on = [...deps, { task_key: pick(c, options).task_key }];
      return `task ${task.task_key} depends on more`;
    }
    case "pause": {
      const field = ["schedule", "trigger", "continuous"].find((f) => s[f] !== undefined);
      if (!field) return undefined;
      const now = (s[field] as Obj).pause_status;
      (s[field] as Obj).pause_status = now === "PAUSED" ? "UNPAUSED" : "PAUSED";
      return `${field} ${String((s[field] as Obj).pause_status)}`;
    }
    case "tags": {
      const tags = { ...((s.tags as Obj | undefined) ?? {}) };
      const key = pick(c, ["team", "tier", "owner", "cost-center"]);
      if (tags[key] !== undefined && c.rnd() < 0.3) delete tags[key];
      else tags[key] = pick(c, ["sales", "gold", "ops", "finance"]);
      s.tags = tags;
      return `tag ${key}`;
    }
    case "override": {
      // Fields prod's override in jobform.yaml sets (sales-load's schedule and notifications, orders-stream's cluster).
      if (s.name !== undefined && String(s.name).startsWith("Sales load")) {
        s.email_notifications = { ...((s.email_notifications as Obj | undefined) ?? {}), on_failure: [pick(c, ["data-oncall@contoso.com", "night@contoso.com"])] };
        return "sales-load on_failure (override in prod)";
      }
      const stream = clusters.find((k) => k.job_cluster_key === "stream");
      if (!stream) return undefined;
      stream.new_cluster.autoscale = { min_workers: 2, max_workers: 6 + Math.floor(c.rnd() * 6) };
      delete stream.new_cluster.num_workers;
      return "orders-stream autoscale (override in prod)";
    }
    case "template": {
      // sql_task.warehouse_id is `${var.warehouse_id}` in git: reported, never overwritten with a literal.
      const sql = tasks.find((t) => isObj(t.sql_task) && typeof t.sql_task.warehouse_id === "string");
      if (!sql) return undefined;
      (sql.sql_task as Obj).warehouse_id = pick(c, ["aaaa1111bbbb2222", "cccc3333dddd4444"]);
      return `task ${sql.task_key} warehouse changed`;
    }
  }
  return undefined;
}

/** Whether every `{{tasks.x.values…}}` a task reads names a task upstream of it (else git refuses the job: JF043). */
function valuesUpstream(tasks: readonly Task[]): boolean {
  const byKey = new Map(tasks.map((t) => [t.task_key, t]));
  const upstream = (key: string, seen = new Set<string>()): Set<string> => {
    for (const d of byKey.get(key)?.depends_on ?? []) if (!seen.has(d.task_key)) upstream(d.task_key, seen.add(d.task_key));
    return seen;
  };
  return tasks.every((t) => {
    const up = upstream(t.task_key);
    return [...JSON.stringify({ ...t, depends_on: undefined }).matchAll(/tasks\.([A-Za-z0-9_-]+)\./g)].every((m) => up.has(m[1] as string));
  });
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** One UI edit that the workspace accepted, or false when the edit did not apply or was refused. */
function uiEdit(c: Ctx, ids: readonly string[], kind?: string): boolean {
  const id = pick(c, ids);
  if (!kind && c.rnd() < 0.15) {
    const who = pick(c, PRINCIPALS);
    const grant = c.rnd() < 0.6;
    const acl = ((call(c.ws, "GET", `/api/2.0/permissions/jobs/${id}`).body as { access_control_list?: Obj[] }).access_control_list ?? [])
      .filter((e) => !(e.all_permissions as Obj[] | undefined)?.every((p) => p.inherited === true))
      .map((e) => {
        const { all_permissions, display_name: _d, ...principal } = e;
        return { ...principal, permission_level: (all_permissions as Obj[])[0]?.permission_level };
      })
      .filter((e) => JSON.stringify({ ...e, permission_level: undefined }) !== JSON.stringify({ ...who, permission_level: undefined }));
    const next = grant ? [...acl, { ...who, permission_level: pick(c, LEVELS) }] : acl;
    const r = call(c.ws, "PUT", `/api/2.0/permissions/jobs/${id}`, { access_control_list: next });
    c.log.push(`${id}: ${grant ? "grant" : "revoke"} ${JSON.stringify(who)} → ${r.status}`);
    return r.status === 200;
  }
  const s = settingsOf(c, id);
  const what = mutate(c, s, kind);
  if (!what || !valuesUpstream((s.tasks ?? []) as Task[])) return false;
  const r = call(c.ws, "POST", "/api/2.2/jobs/reset", { job_id: Number(id), new_settings: s });
  c.log.push(`${id}: ${what} → ${r.status}`);
  return r.status === 200;
}

describe("pull property", () => {
  for (const target of ["dev", "prod"]) {
    it(`${ROUNDS} rounds of ${EDITS_PER_ROUND} random UI edits on ${target} (seed ${SEED}): plan after pull holds only what pull left`, { timeout: 120_000 }, () => {
      let files = commentedSample();
      const ws = emulatorWorkspace();
      deploy(ws, check(files, target));
      const c: Ctx = { ws, rnd: prng(SEED + (target === "prod" ? 1 : 0)), target, log: [] };
      const ids = managedIds(c);
      let made = 0;
      const routes = new Set<string>();
      let templates = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Every seed makes at least one edit of a templated field and one of a field prod overrides.
        // (the last two of the first round, so no later edit of that round undoes them).
        const forced = (n: number) => (round > 0 ? undefined : n === EDITS_PER_ROUND - 1 ? "template" : n === EDITS_PER_ROUND - 2 ? "override" : undefined);
        for (let n = 0; n < EDITS_PER_ROUND; ) if (uiEdit(c, ids, forced(n))) n++;
        made += EDITS_PER_ROUND;
        const live = readLiveJobs(ws);
        const { outcome, files: after } = pull(files, live, target);
        const where = `seed ${SEED}, ${target} round ${round}; edits:\n${c.log.slice(-EDITS_PER_ROUND * 2).join("\n")}`;
        expect(outcome.errors, where).toEqual([]);
        expect(outcome.unsettled, where).toEqual([]);
        expect(outcome.otherTargets, where).toEqual([]);
        expect(changeLines(planOf(after, live, target)), where).toEqual([...new Set(outcome.left.map((l) => `${l.key} ${l.pointer}`))].sort());
        const touched = new Set(outcome.edits.map((e) => e.file));
        for (const [file, text] of after) if (!touched.has(file)) expect(text, `${file} changed without an edit; ${where}`).toBe(files.get(file));
        for (const [file, text] of after) for (const comment of expectedComments(files.get(file) ?? "", text)) expect(text, `${file} lost "${comment}"; ${where}`).toContain(comment);
        files = after;
        for (const e of outcome.edits) routes.add(e.routed_to);
        templates += outcome.left.filter((l) => l.template !== undefined).length;
      }
      expect(made).toBeGreaterThanOrEqual(150);
      // The edits reached every place a value can come from in this project.
      expect([...routes].sort()).toEqual(target === "prod" ? ["job file", "target override"] : ["job file"]);
      expect(templates).toBeGreaterThan(0);
    });
  }
});
