import { list, obj, str } from "./context.js";
import type { LintContext } from "./context.js";

const PRINCIPAL_FIELDS = ["user_name", "group_name", "service_principal_name"] as const;

/**
 * A job has exactly one owner, who must be a user or a service principal (API-NOTES §6.3); principals are
 * case-insensitive, so two entries for one principal would fight over its level.
 */
export function permissionRules(ctx: LintContext): void {
  const owners: number[] = [];
  const seen = new Map<string, number>();
  list(ctx.job.document.permissions).forEach((p, i) => {
    const entry = obj(p);
    if (!entry) return;
    const field = PRINCIPAL_FIELDS.find((f) => str(entry[f]) !== undefined);
    const who = field ? (entry[field] as string) : undefined;
    const segs = ["permissions", String(i)];
    if (entry.permission_level === "IS_OWNER") {
      owners.push(i);
      if (field === "group_name") ctx.report("JF070", [...segs, "group_name"], `a group cannot own a job; make a user or service principal IS_OWNER and give "${who}" CAN_MANAGE`);
    }
    if (who !== undefined) {
      const id = who.toLowerCase();
      const first = seen.get(id);
      if (first !== undefined) ctx.report("JF070", [...segs, field as string], `"${who}" already has an entry (permissions[${first}]); give each principal one level`);
      else seen.set(id, i);
    }
  });
  if (owners.length > 1) {
    ctx.report("JF070", ["permissions", String(owners[1])], `a job has exactly one owner; permissions[${owners.join("], permissions[")}] are all IS_OWNER`);
  }
}
