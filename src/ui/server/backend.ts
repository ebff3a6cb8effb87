/**
 * What the console's JSON API does, over the same modules as the CLI: the plan (plan-context), the run
 * operations (runs/), run now's checks (run-now-request) and the pause edit (pause-action). One client
 * stays open for the console's life so every call, polling included, goes through one rate limiter; the
 * plan is read once and kept until the page asks for a fresh one or an action changes the workspace.
 */
import type { Command } from "commander";
import { mintIdempotencyToken, systemClock } from "../../databricks/index.js";
import type { DatabricksClient, Id } from "../../databricks/index.js";
import { checkProject } from "../../core/project.js";
import type { CheckedProject } from "../../core/project.js";
import { secretValues } from "../../core/mask.js";
import type { PauseStatus } from "../../core/pause.js";
import { preparePlan } from "../../cli/plan-context.js";
import type { PlanInputs } from "../../cli/plan-context.js";
import { globals, parseVars } from "../../cli/globals.js";
import { readProject } from "../../cli/read-project.js";
import { loadSchemas } from "../../cli/schemas.js";
import { UserError } from "../../cli/errors.js";
import { renderDiagnosticsText } from "../../render/diagnostics.js";
import { overriddenFields, sendPause, writePause } from "../../cli/commands/pause-action.js";
import { parseParamFlags } from "../../runner/parameters.js";
import { buildRunNow, localNames } from "../../runs/run-now-request.js";
import { listRuns, LAST_RUN_CONCURRENCY } from "../../runs/list-ops.js";
import { summarizeJob } from "../../runs/jobs-table.js";
import type { LastRun } from "../../runs/jobs-table.js";
import { cancelRun, parseRunId, readRun, repairRun, runOutputs, runView } from "../../runs/run-ops.js";
import type { RunView } from "../../runs/run-ops.js";
import type { TaskOutput } from "../../runs/output-view.js";
import type { RunSummary } from "../../runs/runs-table.js";
import type { RunsIo } from "../../runs/io.js";
import { runPageUrl } from "../../run-watch/url.js";
import { mapLimit } from "../../lib/map-limit.js";
import { idFromString, idToString } from "../../lib/json.js";
import { jobRows } from "./jobs-rows.js";
import type { JobRow, JobsOverview } from "./jobs-rows.js";
import { jobDetail } from "./job-detail.js";
import type { JobDetail } from "./job-detail.js";

/** A failure the page shows as it is: the user's input, the project, or the workspace's answer. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Most ids the page may ask last runs for at once (what one screen of the table shows, with room). */
export const MAX_LAST_RUNS = 100;
/** Runs shown in a job's runs tab. */
export const RUNS_LIMIT = 25;

type Planned = Pick<PlanInputs, "checked" | "plan" | "live" | "desired">;

export interface Backend {
  overview(refresh: boolean): Promise<JobsOverview>;
  lastRuns(ids: readonly string[]): Promise<Record<string, LastRun | null>>;
  job(ref: string): Promise<JobDetail>;
  jobRuns(ref: string): Promise<RunSummary[]>;
  runNow(key: string, params: Record<string, unknown>): Promise<{ run_id: Id; url: string }>;
  pause(key: string, status: PauseStatus): Promise<{ file: string; fields: string[]; job_id: string; message: string; warning?: string }>;
  run(runId: string): Promise<RunView & { url: string; task_urls: Record<string, string>; active: boolean }>;
  output(runId: string): Promise<TaskOutput[]>;
  cancel(runId: string): Promise<{ message: string }>;
  repair(runId: string): Promise<{ message: string }>;
  close(): Promise<void>;
}

function projectOrError(cmd: Command): CheckedProject {
  const g = globals(cmd);
  const checked = checkProject(readProject(g.dir), { target: g.target, vars: parseVars(g.var), env: process.env }, loadSchemas());
  const errors = checked.all.filter((d) => d.severity === "error");
  if (errors.length) throw new ConsoleError(422, `the project has ${errors.length} error${errors.length === 1 ? "" : "s"}:\n${renderDiagnosticsText(errors, { color: false })}`);
  if (!checked.resolved.projectName) throw new ConsoleError(422, "jobform.yaml has no `project:` name; it is the namespace of the ownership tags");
  return checked;
}

function wrapUserErrors<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((e: unknown) => {
    if (e instanceof UserError) throw new ConsoleError(400, e.message);
    throw e;
  });
}

export function createBackend(cmd: Command, client: DatabricksClient): Backend {
  let planned: Promise<Planned> | undefined;
  /** The run operations' io; what they say goes to `lines` (each action has its own, so answers do not mix). */
  const ioWith = (lines: string[]): RunsIo => ({
    jobs: client.jobs,
    runs: client.runs,
    host: client.host,
    clock: systemClock,
    wallNow: Date.now,
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
  });
  const io = ioWith([]);

  async function plan(refresh = false): Promise<Planned> {
    if (!planned || refresh) {
      planned = (async () => {
        const checked = projectOrError(cmd);
        const inputs = await wrapUserErrors(() => preparePlan(cmd, { prune: false, checked }));
        // preparePlan opens a client of its own for the read; the console's stays open for the actions.
        await inputs.client.close();
        return { checked: inputs.checked, plan: inputs.plan, live: inputs.live, desired: inputs.desired };
      })();
      planned.catch(() => (planned = undefined));
    }
    return planned;
  }

  function rowOf(p: Planned, ref: string): JobRow {
    const row = jobRows(p.plan, p.live, p.desired).find((r) => r.ref === ref);
    if (!row) throw new ConsoleError(404, `no job ${ref} in git or in the workspace (refresh the jobs table?)`);
    return row;
  }

  /** The captured lines of a run operation, as one message for the page. */
  async function said(fn: (io: RunsIo) => Promise<unknown>): Promise<{ message: string }> {
    const lines: string[] = [];
    await wrapUserErrors(() => fn(ioWith(lines)));
    return { message: lines.join("\n") };
  }

  return {
    async overview(refresh) {
      const p = await plan(refresh);
      return { project: p.plan.project, target: p.plan.target, host: p.plan.host, rows: jobRows(p.plan, p.live, p.desired), notes: p.plan.notes };
    },

    async lastRuns(ids) {
      if (ids.length > MAX_LAST_RUNS) throw new ConsoleError(400, `at most ${MAX_LAST_RUNS} jobs at once`);
      const p = await plan();
      const listed = new Map(p.live.listed.map((j) => [idToString(j.job_id), j]));
      const jobs = [...new Set(ids)].flatMap((id) => (listed.has(id) ? [listed.get(id)!] : []));
      const found = await mapLimit(jobs, LAST_RUN_CONCURRENCY, async (job) => {
        const [last] = await client.runs.listSome({ job_id: job.job_id }, 1);
        return [idToString(job.job_id), summarizeJob(job, undefined, last).last_run ?? null] as const;
      });
      return Object.fromEntries(found);
    },

    async job(ref) {
      const p = await plan();
      const row = rowOf(p, ref);
      const managed = row.key === undefined ? undefined : p.live.managed.find((j) => j.key === row.key);
      const listed = row.job_id === undefined ? undefined : p.live.listed.find((j) => idToString(j.job_id) === row.job_id);
      const change = row.key === undefined ? undefined : p.plan.changes.find((c) => c.key === row.key);
      return jobDetail({
        row,
        desired: row.key === undefined ? undefined : p.desired.find((d) => d.key === row.key),
        settings: managed?.settings ?? (listed?.settings as Record<string, unknown> | undefined),
        permissions: managed?.permissions,
        change,
        secrets: secretValues(p.checked.resolved),
      });
    },

    async jobRuns(ref) {
      const row = rowOf(await plan(), ref);
      if (row.job_id === undefined) return [];
      return listRuns(io, { jobId: idFromString(row.job_id), limit: RUNS_LIMIT, active: false });
    },

    async runNow(key, params) {
      const p = await plan();
      const row = rowOf(p, key);
      if (row.job_id === undefined || row.key === undefined) throw new ConsoleError(409, `job ${key} is not deployed yet: run jobform apply`);
      // The same checks as `jobform run --param name=value`: the form's fields become those flags.
      const flags = Object.entries(params).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
      const parsed = parseParamFlags(flags);
      if (parsed.errors.length) throw new ConsoleError(400, parsed.errors.join("; "));
      const job = await client.jobs.get(idFromString(row.job_id));
      const local = p.desired.find((d) => d.key === key)?.document;
      const built = buildRunNow({ jobId: job.job_id, key, settings: job.settings ?? {}, params: parsed.values, only: [], idempotencyToken: mintIdempotencyToken(), localParameters: localNames(local, "parameters", "name"), localTasks: localNames(local, "tasks", "task_key") });
      if (built.errors) throw new ConsoleError(400, built.errors.join("; "));
      const { run_id: runId } = await client.jobs.runNow(built.request);
      return { run_id: runId, url: runPageUrl(client.host, runId, undefined) };
    },

    async pause(key, status) {
      const g = globals(cmd);
      const written = await wrapUserErrors(async () => writePause(g.dir, key, status));
      // The file is written first, as `jobform pause --apply` does: git holds the change even if the update fails.
      const checked = projectOrError(cmd);
      const job = checked.resolved.jobs.find((j) => j.key === key);
      if (!job) throw new ConsoleError(404, `no job ${key} in jobs/`);
      const jobId = await wrapUserErrors(() => sendPause(client, checked, job, written.fields));
      planned = undefined;
      const overridden = overriddenFields(job, written.fields, status);
      const result = { file: written.rel, fields: written.fields, job_id: jobId, message: `${written.rel} changed: ${written.fields.join(", ")} ${written.verb}; job ${jobId} updated with one jobs/update` };
      return overridden.length ? { ...result, warning: `target "${checked.resolved.target}" overrides pause_status of ${overridden.join(", ")} in jobform.yaml; the workspace follows the override` } : result;
    },

    async run(runId) {
      const id = wrapId(runId);
      const run = await wrapUserErrors(() => readRun(io, id));
      const view = runView(run, Date.now());
      // Each task run has its own page (its logs, and the Spark UI of its cluster), as runs/get gives it.
      const taskUrls = Object.fromEntries((run.tasks ?? []).flatMap((t) => (t.run_id !== undefined && typeof t.run_page_url === "string" ? [[idToString(t.run_id), t.run_page_url]] : [])));
      return { ...view, url: runPageUrl(client.host, id, run.run_page_url), task_urls: taskUrls, active: view.phase === "running" };
    },

    output(runId) {
      const id = wrapId(runId);
      return wrapUserErrors(() => runOutputs(id, io));
    },

    async cancel(runId) {
      const id = wrapId(runId);
      return said((own) => cancelRun(id, own));
    },

    async repair(runId) {
      const id = wrapId(runId);
      return said((own) => repairRun(id, { tasks: [], allFailed: true }, own, { wait: false, detach: true, cancelOnTimeout: false }));
    },

    close: () => client.close(),
  };
}

function wrapId(text: string): Id {
  try {
    return parseRunId(text);
  } catch (e) {
    if (e instanceof UserError) throw new ConsoleError(400, e.message);
    throw e;
  }
}
