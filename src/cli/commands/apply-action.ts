// `jobform apply` and `unlock`: what they do, loaded when they run (registered in apply.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { checkConverged } from "../../apply/converge.js";
import { errorText, executePlan } from "../../apply/execute.js";
import { heldBackJobs, policyRefusals, pruneRefusal, staleReasons } from "../../apply/guards.js";
import { acquireLock, describeLock, isExpired, LockHeldError, lockPath, readLock } from "../../apply/lock.js";
import type { HeldLock } from "../../apply/lock.js";
import { ciInfo, lockTiming } from "../../apply/lock-settings.js";
import type { Deployer } from "../../apply/permissions.js";
import { failedCount, renderReportMarkdown, renderReportText } from "../../apply/report.js";
import type { ApplyReport } from "../../apply/report.js";
import { removeAdoptions } from "../../core/adopt-edit.js";
import { productionRefusal, targetSettings } from "../../core/deployment.js";
import { isPlainObject } from "../../core/merge.js";
import { PROJECT_FILE } from "../../core/resolve.js";
import type { Plan } from "../../core/plan-types.js";
import type { DatabricksClient } from "../../databricks/index.js";
import { renderPlanText, summaryLine } from "../../render/plan-text.js";
import { parseDuration } from "../../lib/duration.js";
import { ExitCode, UserError } from "../errors.js";
import { gitState } from "../git-state.js";
import { writeStepSummary } from "../github.js";
import { globals } from "../globals.js";
import { adoptMap, checkedProject, preparePlan } from "../plan-context.js";
import { readProjectText } from "../read-project.js";
import { openClient } from "../workspace.js";

export interface ApplyFlags {
  autoApprove?: boolean;
  prune?: boolean;
  job: string[];
  allowLockout?: boolean;
  lockTimeout?: string;
}

function readSavedPlan(file: string): Plan {
  let plan: unknown;
  try {
    plan = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`${file}: not a plan file (${(e as Error).message}); make one with \`jobform plan --out ${file}\``);
  }
  if (!isPlainObject(plan) || plan.format_version !== 1 || !Array.isArray(plan.changes)) throw new UserError(`${file}: not a jobform plan (format_version 1)`);
  return plan as unknown as Plan;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`${question} `)).trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

async function whoAmI(client: DatabricksClient): Promise<Deployer> {
  const me = await client.scim.me();
  const groups = (me.groups ?? []).flatMap((g) => (typeof g.display === "string" ? [g.display] : []));
  return { name: String(me.userName ?? me.displayName ?? ""), groups };
}

async function takeLock(client: DatabricksClient, project: string, target: string | undefined, holder: string, waitText: string | undefined): Promise<HeldLock> {
  const waitMs = waitText === undefined ? 0 : parseDuration(waitText);
  if (waitMs === undefined) throw new UserError(`--lock-timeout ${waitText}: expected a duration such as 30s or 5m`);
  const timing = lockTiming(process.env);
  try {
    return await acquireLock(client.workspace, {
      path: lockPath(project, target),
      holder,
      ci: ciInfo(process.env),
      ...timing,
      waitMs,
      onWait: (l) => process.stderr.write(`jobform: waiting up to ${waitText} for the apply lock held by ${describeLock(l, Date.now())}\n`),
    });
  } catch (e) {
    if (e instanceof LockHeldError) throw new UserError(`${e.message}${waitMs ? ` (waited ${waitText})` : "; pass --lock-timeout to wait for it"}`);
    throw e;
  }
}

/**
 * Once a job carries the ownership tags its `adopt:` entry has done its work: the entries of jobs this
 * apply adopted, and of jobs an earlier one did, leave jobform.yaml (spliced out, nothing else touched).
 */
function forgetAdopted(dir: string, adopt: Readonly<Record<string, string>>, tagged: ReadonlyMap<string, string | undefined>): void {
  const done = new Set(Object.keys(adopt).filter((key) => tagged.has(key) && tagged.get(key) === adopt[key]));
  if (done.size === 0) return;
  const before = readProjectText(dir, PROJECT_FILE);
  const after = removeAdoptions(before, done);
  if (after === undefined || after === before) return;
  writeFileSync(join(dir, PROJECT_FILE), after);
  const keys = [...done].sort();
  process.stdout.write(`${PROJECT_FILE}: removed adopt: ${keys.join(", ")} (${keys.length === 1 ? "the job carries" : "the jobs carry"} the ownership tags now)\n`);
}

export async function apply(planFile: string | undefined, flags: ApplyFlags, cmd: Command): Promise<void> {
  const checked = checkedProject(cmd);
  const project = checked.resolved.projectName as string;
  const target = targetSettings(checked.resolved.project, checked.resolved.target);
  const refusal = target.mode === "production" ? productionRefusal(target, gitState(globals(cmd).dir, process.env)) : undefined;
  if (refusal) throw new UserError(`${refusal}; nothing was written`);
  const saved = planFile ? readSavedPlan(planFile) : undefined;
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (!saved && !flags.autoApprove && !interactive) throw new UserError("refusing to apply without confirmation: not a terminal; pass --auto-approve or apply a saved plan (jobform plan --out FILE)");
  const settings = isPlainObject(checked.resolved.project?.apply) ? checked.resolved.project.apply : {};
  const maxFraction = typeof settings.prune_max_fraction === "number" ? settings.prune_max_fraction : 0.5;

  const side = await openClient(cmd);
  let lock: HeldLock | undefined;
  const release = async () => {
    const problem = await lock?.release();
    lock = undefined;
    if (problem) process.stderr.write(`jobform: ${problem}\n`);
  };
  // An interrupted apply gives the lock back rather than leave the next one waiting for the expiry.
  const onSignal = (signal: NodeJS.Signals) => void release().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const deployer = await whoAmI(side);
    // The lock comes before the plan: a plan read before another apply finished would be stale.
    if (settings.lock !== false) lock = await takeLock(side, project, checked.resolved.target, deployer.name, flags.lockTimeout);
    const prune = flags.prune === true || (saved?.changes.some((c) => c.action === "delete") ?? false);
    const only = saved ? saved.only : flags.job.length ? flags.job : undefined;
    const inputs = await preparePlan(cmd, { prune, only, checked, deployer: deployer.name });
    const { client, live } = inputs;
    const { plan, refused } = policyRefusals(inputs.plan);
    const policyNote = refused.length ? `${refused.join(", ")}: not written, ${refused.length === 1 ? "it breaks" : "they break"} a cluster policy (errors above)` : undefined;
    try {
      const color = globals(cmd).color;
      // A saved plan was read when it was made (the demo's step 2, a pull request): one line says what it
      // holds, unless the fresh plan has errors to show.
      process.stdout.write(saved && !plan.errors.length ? `Applying ${planFile}: ${summaryLine(plan)}\n` : renderPlanText(plan, { color }));
      if (policyNote) process.stderr.write(`jobform: ${policyNote}\n`);
      if (saved) {
        const reasons = staleReasons(saved, inputs.plan);
        if (reasons.length) throw new UserError(`${planFile} is stale; nothing was written:\n${reasons.map((r) => `  - ${r}`).join("\n")}\nplan again and review the new plan`);
      }
      const held = [...new Set(heldBackJobs(plan).map((e) => e.key))];
      if (plan.errors.length > heldBackJobs(plan).length) throw new UserError("the plan has errors (above); nothing was written");
      // A job that breaks a project rule is not written; the rest of the plan is, and the exit code says so.
      const heldBack = () => {
        if (!held.length) return;
        process.stderr.write(`jobform: not applied: ${held.join(", ")} (breaking project rules, above)\n`);
        throw new ExitCode(1);
      };
      const adopt = adoptMap(checked);
      const alreadyTagged = new Map(live.managed.filter((j) => !j.adopting).map((j) => [j.key, j.jobId]));
      const s = plan.summary;
      if (s.create + s.update + s.delete === 0) {
        forgetAdopted(globals(cmd).dir, adopt, alreadyTagged);
        heldBack();
        if (policyNote) throw new ExitCode(1);
        return;
      }
      const refusal = pruneRefusal(plan, live.managed.length, checked.resolved.jobs.length, maxFraction);
      if (refusal) throw new UserError(`${refusal}; nothing was written`);
      if (!saved && !flags.autoApprove && !(await confirm("Apply these changes? (yes/no)"))) {
        process.stdout.write("Apply cancelled; nothing was written.\n");
        throw new ExitCode(1);
      }
      const liveIds = new Map(live.managed.map((j) => [j.key, j.jobId]));
      const results = await executePlan({
        client,
        project,
        deployment: inputs.owner.deployment,
        plan,
        desired: inputs.desired,
        liveIds,
        ignore: inputs.ignore,
        liveSettings: new Map(live.managed.map((j) => [j.key, j.settings])),
        deployer,
        allowLockout: flags.allowLockout === true,
        stopReason: () => lock?.fence(),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const lost = lock?.lost;
      if (lost) process.stderr.write(`jobform: stopped writing: ${lost}\n`);
      const report: ApplyReport = { results, nonConvergent: [] };
      const succeeded = new Set(results.filter((r) => r.outcome !== "failed").map((r) => r.key));
      const nowTagged = new Map([...alreadyTagged, ...plan.changes.filter((c) => c.adopting && succeeded.has(c.key)).map((c) => [c.key, c.job_id] as const)]);
      const written = results.filter((r) => r.outcome !== "unchanged" && r.outcome !== "failed").map((r) => r.key);
      try {
        const opts = { project, deployment: inputs.owner.deployment, claimsLegacy: inputs.owner.claimsLegacy, target: plan.target ?? undefined, host: plan.host ?? undefined, prune: true, deployer: inputs.deployer, ignore: inputs.ignore, policyFills: inputs.policyFills };
        report.nonConvergent = await checkConverged(client, inputs.desired, written, opts);
      } catch (e) {
        report.verifyError = errorText(e);
      }
      process.stdout.write("\n" + renderReportText(report));
      forgetAdopted(globals(cmd).dir, adopt, nowTagged);
      writeStepSummary(renderReportMarkdown(report, `jobform apply: \`${project}\`${plan.target ? ` → \`${plan.target}\`` : ""}`));
      if (policyNote) process.stderr.write(`jobform: ${policyNote}\n`);
      if (failedCount(report) > 0) throw new ExitCode(1);
      heldBack();
      if (policyNote) throw new ExitCode(1);
    } finally {
      await client.close();
    }
  } finally {
    await release();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await side.close();
  }
}

export async function unlock(flags: { force?: boolean }, cmd: Command): Promise<void> {
  const checked = checkedProject(cmd);
  const path = lockPath(checked.resolved.projectName as string, checked.resolved.target);
  const client = await openClient(cmd);
  try {
    const lock = await readLock(client.workspace, path);
    if (!lock) {
      process.stdout.write(`No apply lock (${path}).\n`);
      return;
    }
    const now = Date.now();
    const ci = lock.ci ? Object.entries(lock.ci).map(([k, v]) => `${k}=${v}`).join(" ") : "(not from CI)";
    const lines = lock.unreadable
      ? [`Lock ${path}: ${describeLock(lock, now)}`]
      : [`Lock ${path}`, `  holder:  ${lock.holder}`, `  since:   ${lock.since}`, `  renewed: ${lock.renewed_at}`, `  expires: ${lock.expires_at}${isExpired(lock, now) ? " (expired)" : ""}`, `  CI run:  ${ci}`];
    process.stdout.write(lines.join("\n") + "\n");
    if (!flags.force) {
      if (!isExpired(lock, now)) process.stdout.write("It is held. `jobform unlock --force` deletes it — only when that apply is known to be dead.\n");
      return;
    }
    await client.workspace.delete(path);
    process.stdout.write("Lock deleted.\n");
  } catch (e) {
    throw new UserError(`could not ${flags.force ? "break" : "read"} the apply lock ${path}: ${errorText(e)}`);
  } finally {
    await client.close();
  }
}
