import { list, obj, str } from "./context.js";
import type { LintContext } from "./context.js";

/** Keyed lists whose keys the service treats as identities: a repeated key is ambiguous. */
const KEYED: [string, string][] = [
  ["job_clusters", "job_cluster_key"],
  ["environments", "environment_key"],
  ["parameters", "name"],
];

export function uniqueKeys(ctx: LintContext): void {
  for (const [field, keyField] of KEYED) {
    const seen = new Set<string>();
    list(ctx.job.document[field]).forEach((item, i) => {
      const key = str(obj(item)?.[keyField]);
      if (key === undefined) return;
      if (seen.has(key)) ctx.report("JF053", [field, String(i), keyField], `${field} already has an entry with ${keyField} "${key}"`);
      seen.add(key);
    });
  }
}
