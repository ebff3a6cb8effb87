// `jobform pull`: what it does, loaded when it runs (registered in pull.ts). The edits come from the pure
// core (core/pull); this file reads the workspace, refuses to touch files with uncommitted changes, prints
// and writes.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { jobRefsOf } from "../../core/job-refs.js";
import { maskKnown, maskString, secretValues } from "../../core/mask.js";
import { pullProject } from "../../core/pull/pull.js";
import type { PullOutcome } from "../../core/pull/pull.js";
import { renderDiagnosticsText } from "../../render/diagnostics.js";
import { unifiedDiff } from "../../render/unified-diff.js";
import { ExitCode, UserError } from "../errors.js";
import { formatOption, globals, parseVars } from "../globals.js";
import { checkedProject, deployedJobs, preparePlan } from "../plan-context.js";
import { readProject } from "../read-project.js";
import { loadSchemas } from "../schemas.js";
import type { PullFlags } from "./pull.js";

/** Which of `files` (project-relative) git reports as changed and not committed; none outside a work tree. */
function uncommitted(dir: string, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  try {
    const out = execFileSync("git", ["-C", dir, "status", "--porcelain", "--untracked-files=all", "--", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 });
    const dirty = new Set(out.split("\n").filter((l) => l.trim() !== "").map((l) => l.slice(3).trim()));
    // Porcelain paths are relative to the repository's root: compare by suffix.
    return files.filter((f) => [...dirty].some((d) => d === f || d.endsWith(`/${f}`)));
  } catch {
    return [];
  }
}

const shown = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));

function renderText(o: PullOutcome, opts: { dryRun: boolean; deleted: string[]; missingKept: string[]; runBy: ReadonlyMap<string, string[]> }): string {
  const lines: string[] = [];
  for (const e of o.edits) lines.push(`${e.file}:${e.line}: ${e.key} ${e.pointer}: ${shown(e.before)} → ${shown(e.after)} (${e.routed_to})${e.note ? `; ${e.note}` : ""}`);
  for (const l of o.left) lines.push(`left alone: ${l.key} ${l.pointer}: ${l.reason}${l.live !== undefined ? ` (workspace: ${shown(l.live)})` : ""}`);
  for (const k of opts.missingKept) {
    const by = opts.runBy.get(k);
    lines.push(`missing: job ${k} is not in the workspace (deleted there, or never applied); jobs/${k}.yaml is kept (${by ? `${by.join(", ")} still ${by.length === 1 ? "runs" : "run"} it` : "--delete-missing removes it"})`);
  }
  for (const f of opts.deleted) lines.push(`deleted: ${f} (its job is not in the workspace)`);
  const files = o.files.length;
  const verb = opts.dryRun ? "would edit" : "edited";
  lines.push(o.edits.length === 0 && files === 0 ? "pull: git already has the workspace's settings" : `pull: ${o.edits.length} edit${o.edits.length === 1 ? "" : "s"}; ${verb} ${files} file${files === 1 ? "" : "s"}${o.left.length ? `; ${o.left.length} left alone` : ""}`);
  return lines.join("\n") + "\n";
}

export async function pull(flags: PullFlags, cmd: Command): Promise<void> {
  const g = globals(cmd);
  const format = formatOption(cmd, ["text", "json"], "text");
  const checked = checkedProject(cmd);
  const inputs = await preparePlan(cmd, { prune: false, only: flags.job, checked });
  await inputs.client.close();
  // Two jobs under one key, or an adoption that cannot be: which job is git's is not known, so nothing is pulled.
  if (inputs.plan.errors.length) {
    for (const e of inputs.plan.errors) process.stderr.write(`error: ${e.message}\n`);
    throw new UserError("the plan has errors (see above); pull writes nothing until they are fixed");
  }
  const outcome = pullProject({
    files: readProject(g.dir),
    checked,
    resolve: { target: g.target, vars: parseVars(g.var), env: process.env },
    schemas: loadSchemas(),
    live: [...inputs.live.managed, ...inputs.live.unmanaged],
    options: inputs.options,
    deployed: (jobs) => deployedJobs(checked, jobs, inputs.deployer),
  });
  const secrets = [...secretValues(checked.resolved), ...outcome.secrets.map((v) => v.value)].sort((a, b) => b.length - a.length);
  const hide = (s: string) => maskString(maskKnown(s, secrets));
  if (outcome.errors.length) {
    process.stderr.write(hide(renderDiagnosticsText(outcome.errors, { color: g.color })));
    throw new UserError("with the workspace's settings the project would have these errors (fix the job in the workspace, or run apply to restore git's version); nothing was written");
  }
  const runBy = runners(checked.resolved.jobs, outcome.missing);
  const deleting = flags.deleteMissing ? outcome.missing.filter((k) => !runBy.has(k)).map((k) => checked.resolved.jobs.find((j) => j.key === k)?.file).filter((f): f is string => f !== undefined) : [];
  if (flags.deleteMissing) for (const [k, by] of runBy) process.stderr.write(`warning: jobs/${k}.yaml is kept: ${by.join(", ")} ${by.length === 1 ? "runs" : "run"} it through \${jobs.${k}.id}; remove ${by.length === 1 ? "that reference" : "those references"} first, then pull --delete-missing again\n`);
  const dryRun = flags.dryRun === true;
  const settled = outcome.unsettled.length === 0;
  if (!dryRun && settled && !flags.force) {
    const dirty = uncommitted(g.dir, [...outcome.files.map((f) => f.file), ...deleting]);
    if (dirty.length) throw new UserError(`${dirty.join(", ")} ${dirty.length === 1 ? "has" : "have"} uncommitted changes; commit or stash them first, or pass --force (nothing was written)`);
  }
  const write = !dryRun && settled;
  if (write) {
    for (const f of outcome.files) writeFileSync(join(g.dir, f.file), f.after);
    for (const f of deleting) rmSync(join(g.dir, f));
  }
  const deleted = write ? deleting : [];
  const missingKept = outcome.missing.filter((k) => !deleted.some((f) => f.endsWith(`/${k}.yaml`) || f.endsWith(`/${k}.yml`)));
  if (format === "json") {
    const body = {
      target: checked.resolved.target ?? null,
      dry_run: dryRun,
      settled,
      written: write ? outcome.files.map((f) => f.file) : [],
      edits: outcome.edits.map(({ op: _op, before, after, ...e }) => ({ ...e, before: before ?? null, after: after ?? null })),
      left_alone: outcome.left,
      missing: outcome.missing,
      deleted,
      ...(outcome.otherTargets.length ? { other_targets: outcome.otherTargets } : {}),
      ...(settled ? {} : { unsettled: outcome.unsettled }),
    };
    process.stdout.write(hide(JSON.stringify(body, null, 2)) + "\n");
  } else {
    if (dryRun) for (const f of outcome.files) process.stdout.write(hide(unifiedDiff(f.file, f.before, f.after, { color: g.color })));
    process.stdout.write(hide(renderText(outcome, { dryRun: dryRun || !settled, deleted, missingKept, runBy })));
  }
  for (const o of outcome.otherTargets) {
    process.stderr.write(hide(renderDiagnosticsText(o.errors, { color: g.color })));
    process.stderr.write(`warning: target "${o.target}" has ${o.errors.length} new error${o.errors.length === 1 ? "" : "s"} with these edits (see above): fix its override in jobform.yaml before the next plan for it\n`);
  }
  if (!settled) {
    process.stderr.write(`jobform: after these edits a plan would still change ${outcome.unsettled.join(", ")}, which pull did not report; nothing was written\n`);
    throw new ExitCode(1);
  }
}

/** For each job in `missing`, the other jobs of the project (not missing themselves) whose run_job tasks name it. */
function runners(jobs: readonly { key: string; document: Record<string, unknown> }[], missing: readonly string[]): Map<string, string[]> {
  const gone = new Set(missing);
  const out = new Map<string, string[]>();
  for (const j of jobs) {
    if (gone.has(j.key)) continue;
    for (const ref of jobRefsOf(j.document)) if (gone.has(ref)) out.set(ref, [...(out.get(ref) ?? []), j.key]);
  }
  return out;
}
