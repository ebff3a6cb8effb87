// `jobform submit`: what it does, loaded when it runs (registered in submit.ts).
import type { Command } from "commander";
import type { NotebookDefinition } from "../../core/generated/notebook.js";
import type { Platform } from "../../core/generated/project.js";
import { checkProject } from "../../core/project.js";
import { PROJECT_FILE } from "../../core/resolve.js";
import { ApiError, mintIdempotencyToken, systemClock } from "../../databricks/index.js";
import { renderDiagnosticsText } from "../../render/diagnostics.js";
import { platformCompute } from "../../runner/compute.js";
import { parseDuration } from "../../lib/duration.js";
import { missingNotebookHint } from "../../runner/hints.js";
import { parseParamFlags, resolveParameters } from "../../runner/parameters.js";
import { definitionName, readSubmitFiles } from "../../runner/project-files.js";
import { buildSubmitRequest } from "../../runner/request.js";
import { submitAndWatch } from "../../runner/submit.js";
import { resolveTarget } from "../../runner/target.js";
import type { SubmitTarget } from "../../runner/target.js";
import { ExitCode, UserError } from "../errors.js";
import { globals, parseVars } from "../globals.js";
import { loadSchemas } from "../schemas.js";
import { openClient } from "../workspace.js";
import type { SubmitCommandDeps, SubmitFlags } from "./submit.js";

/** Reads and checks what the run needs; a broken jobform.yaml or definition stops it with located diagnostics. */
function planTarget(cmd: Command, arg: string, flags: SubmitFlags, err: (t: string) => void, color: boolean): SubmitTarget {
  const g = globals(cmd);
  const files = readSubmitFiles(g.dir);
  const checked = checkProject(files, { target: g.target, vars: parseVars(g.var), env: process.env }, loadSchemas());
  const hasProject = files.some((f) => f.path === PROJECT_FILE);
  const wanted = new Set([...(hasProject ? [PROJECT_FILE] : []), ...files.filter((f) => definitionName(f.path) === arg).map((f) => f.path)]);
  const errors = checked.all.filter((d) => d.severity === "error" && wanted.has(d.file));
  if (errors.length > 0) {
    const sources = new Map([checked.projectDoc, ...checked.notebookDocs].flatMap((d) => (d ? [[d.file, d.text] as const] : [])));
    err(renderDiagnosticsText(errors, { color, sources }));
    throw new ExitCode(1);
  }
  const definitions = new Map(checked.notebookDocs.map((d) => [definitionName(d.file), { file: d.file, value: d.value as NotebookDefinition }]));
  const platforms = ((checked.resolved.project?.platforms as Record<string, Platform> | undefined) ?? {}) as Record<string, Platform>;
  const target = resolveTarget({ arg, platforms, definitions, platformFlag: flags.platform, runNameFlag: flags.runName });
  if ("error" in target) throw new UserError(target.error);
  return target;
}

export async function submit(arg: string, flags: SubmitFlags, cmd: Command, deps: SubmitCommandDeps): Promise<void> {
  const out = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const err = deps.stderr ?? ((t: string) => process.stderr.write(t));
  const g = globals(cmd);
  let timeoutMs: number | undefined;
  if (flags.timeout !== undefined) {
    timeoutMs = parseDuration(flags.timeout);
    if (timeoutMs === undefined || timeoutMs <= 0) throw new UserError(`--timeout ${flags.timeout}: expected a duration such as 30s, 10m or 1h`);
  }
  const target = planTarget(cmd, arg, flags, err, g.color);
  if (target.note) err(`note: ${target.note}\n`);

  // Everything the user typed is checked before the workspace is contacted.
  const parsed = parseParamFlags(flags.param);
  const params = resolveParameters(target.parameters, parsed.values, target.definitionFile);
  const compute = platformCompute(target.platform, target.platformName);
  for (const w of [...params.warnings, ...compute.warnings]) err(`warning: ${w}\n`);
  const problems = [...parsed.errors, ...params.errors];
  if (problems.length === 1) throw new UserError(problems[0] as string);
  if (problems.length > 1) {
    for (const p of problems) err(`jobform: ${p}\n`);
    throw new ExitCode(1);
  }

  // One token per logical submit: the client resends it on retries, so a lost answer cannot start a second run.
  const request = buildSubmitRequest({
    notebookPath: target.notebookPath,
    runName: target.runName,
    baseParameters: params.baseParameters,
    compute,
    idempotencyToken: mintIdempotencyToken(),
    timeoutSeconds: target.timeoutSeconds,
  });

  const client = await (deps.openClient ?? openClient)(cmd);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort(new Error("interrupted"));
  if (!deps.signal) process.once("SIGINT", onSigint);
  const liveOn = deps.live ?? process.stdout.isTTY === true;
  let liveShown = false;
  const live = liveOn
    ? (line: string | undefined) => {
        if (line === undefined) {
          if (liveShown) out("\r\x1b[K");
          liveShown = false;
          return;
        }
        out(`\r\x1b[K${line}`);
        liveShown = true;
      }
    : undefined;
  try {
    const code = await submitAndWatch(request, {
      runs: client.runs,
      host: client.host,
      clock: deps.clock ?? systemClock,
      random: deps.random,
      out: (line) => out(`${line}\n`),
      err: (line) => err(`${line}\n`),
      live,
      signal: deps.signal ?? interrupt.signal,
    }, {
      notebookPath: target.notebookPath,
      computeType: target.platform.compute_type,
      wait: flags.wait,
      timeoutMs,
      detach: flags.detach === true,
      cancelOnTimeout: flags.cancelOnTimeout,
    });
    if (code !== 0) throw new ExitCode(code);
  } catch (e) {
    if (e instanceof ApiError) {
      const hint = missingNotebookHint([e.errorCode, e.message], target.notebookPath);
      err(`jobform: ${e.toString()}\n`);
      if (hint) err(`hint: ${hint}\n`);
      throw new ExitCode(1);
    }
    throw e;
  } finally {
    process.removeListener("SIGINT", onSigint);
    await client.close();
  }
}
