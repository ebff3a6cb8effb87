// `jobform apply` and `unlock`: the registration only. The action (apply-action.ts) loads the plan, the
// HTTP client and the lock when it runs, so `apply --help` loads only what it prints.
import type { Command } from "commander";
import { LOCK_DIR } from "../../apply/lock-dir.js";
import { collect, examples } from "../globals.js";
import type { ApplyFlags } from "./apply-action.js";

export function registerApply(program: Command): void {
  program
    .command("apply")
    .description("make the workspace match git: a fresh plan (asks first on a terminal) or a saved one after a stale check")
    .addHelpText("after", examples("apply", "apply --target prod --auto-approve", "plan --out plan.json && jobform apply plan.json"))
    .argument("[planfile]", "a plan saved with `jobform plan --out`; refused when the workspace or git moved since")
    .option("--auto-approve", "apply without asking (required when not on a terminal)")
    .option("--prune", "also delete managed jobs that have no definition any more")
    .option("--job <key>", "only this job (repeatable)", collect, [])
    .option("--allow-lockout", "apply permissions even when they take away the deploying identity's CAN_MANAGE")
    .option("--lock-timeout <duration>", "wait this long for another apply's lock instead of failing at once (e.g. 5m)")
    .addHelpText(
      "after",
      `\nOne apply at a time per project and target: the lock is the workspace file ${LOCK_DIR}/<project>-<target>.json,
renewed while apply runs and released at the end. A holder that stops renewing (killed) loses it after
JOBFORM_LOCK_TTL (default 2m, at least 5s); JOBFORM_LOCK_RENEW (default 30s) sets the renewal period.
An apply whose lock may have expired under it stops before its next write.`,
    )
    .action(async (planFile: string | undefined, flags: ApplyFlags, cmd: Command) => (await import("./apply-action.js")).apply(planFile, flags, cmd));

  program
    .command("unlock")
    .description("show the apply lock (holder, since when, CI run) and, with --force, delete it")
    .addHelpText("after", examples("unlock --target prod", "unlock --target prod --force"))
    .option("--force", "delete the lock even if its holder may still be running")
    .action(async (flags: { force?: boolean }, cmd: Command) => (await import("./apply-action.js")).unlock(flags, cmd));
}
