import { checkQuartzCron, quartzNeverFires } from "../cron.js";
import { list, obj, str } from "./context.js";
import type { LintContext } from "./context.js";

// Constructing a DateTimeFormat costs ~0.1 ms; thousands of jobs share a handful of zones.
const zoneCache = new Map<string, boolean>();

/** Java accepts IANA names and their aliases; Intl knows the same database. */
export function isTimeZone(id: string): boolean {
  if (id.trim() !== id || id === "") return false;
  let known = zoneCache.get(id);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: id });
      known = true;
    } catch {
      known = false;
    }
    zoneCache.set(id, known);
  }
  return known;
}

function cron(ctx: LintContext, schedule: Record<string, unknown>, segments: string[]): void {
  const expr = str(schedule.quartz_cron_expression);
  if (expr !== undefined) {
    const problem = checkQuartzCron(expr);
    if (problem) ctx.report("JF060", [...segments, "quartz_cron_expression"], problem);
    const never = problem ? undefined : quartzNeverFires(expr);
    if (never) ctx.report("JF064", [...segments, "quartz_cron_expression"], never, { severity: "warning" });
  }
  const tz = str(schedule.timezone_id);
  if (tz !== undefined && !isTimeZone(tz)) ctx.report("JF061", [...segments, "timezone_id"], `"${tz}" is not a known time zone; use an IANA id such as UTC or Europe/Amsterdam`);
}

/** Cron syntax and time zones; that only one of schedule/trigger/continuous/triggers is set is a schema rule. */
export function scheduleRules(ctx: LintContext): void {
  const doc = ctx.job.document;
  const schedule = obj(doc.schedule);
  if (schedule) cron(ctx, schedule, ["schedule"]);
  list(doc.triggers).forEach((t, i) => {
    const s = obj(obj(t)?.schedule);
    if (s) cron(ctx, s, ["triggers", String(i), "schedule"]);
  });
}
