// What an executable task (notebook, python file, jar, …) does when it runs: --check-paths failures,
// --run-outcome rules, and the output get-output reports (exit value, logs, error and trace).
import type { Json, Workspace } from "../state.js";
import type { Ending } from "./model.js";
import { isObject } from "../defaults.js";
import { SUCCESS, canceled, failed, internalError, timedOut } from "./endings.js";
import { canonicalPath } from "../workspace-tree.js";

export interface Execution {
  ending: Ending;
  output?: Json;
}

function globRegex(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/** Notebook path, python file and task key: what an outcome glob is matched against. */
function subjects(task: Json): string[] {
  const out: string[] = [];
  if (isObject(task.notebook_task) && typeof task.notebook_task.notebook_path === "string") out.push(task.notebook_task.notebook_path);
  if (isObject(task.spark_python_task) && typeof task.spark_python_task.python_file === "string") out.push(task.spark_python_task.python_file);
  if (typeof task.task_key === "string") out.push(task.task_key);
  return out;
}

/** The last matching rule wins, so rules added later (POST /__emulator/outcomes) override earlier ones. */
function matchingRule(ws: Workspace, task: Json): { glob: string; state: string; subject: string } | undefined {
  const subs = subjects(task);
  for (let i = ws.outcomes.length - 1; i >= 0; i--) {
    const rule = ws.outcomes[i];
    if (!rule) continue;
    const re = globRegex(rule.glob);
    const subject = subs.find((s) => re.test(s));
    if (subject !== undefined) return { ...rule, subject };
  }
  return undefined;
}

const isGit = (task: Json, block: Json, hasGitSource: boolean) => block.source === "GIT" || (block.source === undefined && hasGitSource && task.notebook_task === block);

/** The real service fails a run whose notebook or workspace python file is missing before it executes. */
function missingPath(ws: Workspace, task: Json, runAs: string, hasGitSource: boolean): Ending | undefined {
  const nbt = task.notebook_task;
  if (isObject(nbt) && typeof nbt.notebook_path === "string" && !isGit(task, nbt, hasGitSource)) {
    if (ws.objects.get(canonicalPath(nbt.notebook_path))?.object_type !== "NOTEBOOK") {
      const message = `RESOURCE_DOES_NOT_EXIST: Unable to access the notebook "${nbt.notebook_path}". Either it does not exist, or the identity used to run this job, ${runAs}, lacks the required permissions.`;
      return internalError(message, "RESOURCE_NOT_FOUND", "CLIENT_ERROR", { error: message });
    }
  }
  const py = task.spark_python_task;
  // Only workspace paths are checked; dbfs:/, s3:// and other URIs are outside the emulated tree.
  if (isObject(py) && typeof py.python_file === "string" && py.python_file.startsWith("/") && py.source !== "GIT") {
    if (!ws.objects.has(canonicalPath(py.python_file))) {
      // wording ours (modelled on the notebook message).
      const message = `RESOURCE_DOES_NOT_EXIST: Unable to access the python file "${py.python_file}". Either it does not exist, or the identity used to run this job, ${runAs}, lacks the required permissions.`;
      return internalError(message, "RESOURCE_NOT_FOUND", "CLIENT_ERROR", { error: message });
    }
  }
  return undefined;
}

/** A deterministic exit value: the first dbutils.notebook.exit("…") string literal in the notebook source. */
function notebookOutput(ws: Workspace, task: Json): Json | undefined {
  const nbt = task.notebook_task;
  if (!isObject(nbt)) return undefined;
  const path = typeof nbt.notebook_path === "string" ? nbt.notebook_path : "";
  const source = ws.objects.get(canonicalPath(path))?.content?.toString("utf8") ?? "";
  const m = /dbutils\.notebook\.exit\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)/.exec(source);
  // The object is present with no result when the notebook ends without calling exit (API-NOTES §4 get-output).
  return m ? { result: m[2] ?? "", truncated: false } : {};
}

const LOGGED = ["spark_python_task", "spark_jar_task", "python_wheel_task"];

function successOutput(ws: Workspace, task: Json): Json {
  const nb = notebookOutput(ws, task);
  if (nb) return { notebook_output: nb };
  const kind = LOGGED.find((k) => isObject(task[k]));
  if (kind) return { logs: `[emulator] ${kind} ${String(task.task_key)} ran to completion.\n`, logs_truncated: false };
  return {};
}

function failureTrace(subject: string, glob: string): { error: string; errorTrace: string } {
  const error = `Exception: emulated failure of ${subject} (run outcome rule '${glob}')`;
  const errorTrace = ["Traceback (most recent call last):", `  File "${subject}", line 1, in <module>`, `    raise Exception("emulated failure of ${subject}")`, error].join("\n");
  return { error, errorTrace };
}

export interface ExecContext {
  runAs: string;
  hasGitSource: boolean;
}

export function execute(ws: Workspace, task: Json, ctx: ExecContext): Execution {
  if (ws.config.checkPaths) {
    const missing = missingPath(ws, task, ctx.runAs, ctx.hasGitSource);
    if (missing) return { ending: missing };
  }
  const rule = matchingRule(ws, task);
  const kind = LOGGED.find((k) => isObject(task[k]));
  switch (rule?.state) {
    case "FAILED": {
      const t = failureTrace(rule.subject, rule.glob);
      const output: Json = kind ? { logs: `${t.errorTrace}\n`, logs_truncated: false } : {};
      return { ending: failed(undefined, { error: t.error, errorTrace: t.errorTrace }), output };
    }
    case "INTERNAL_ERROR": {
      // wording ours.
      const message = "An internal error occurred in the Jobs service while running this task (emulated).";
      return { ending: internalError(message, "INTERNAL_ERROR", "INTERNAL_ERROR", { error: message }) };
    }
    case "TIMEDOUT":
      return { ending: timedOut(Number(task.timeout_seconds ?? 0)) };
    case "CANCELED":
      return { ending: canceled(false) };
    default:
      return { ending: SUCCESS, output: successOutput(ws, task) };
  }
}
