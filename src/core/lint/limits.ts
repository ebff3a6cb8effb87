import { MAX_USER_TAGS, OWNERSHIP_TAGS } from "../ownership.js";
import { obj } from "./context.js";
import type { LintContext } from "./context.js";

/** Limits the schema cannot express or that jobform itself tightens. */
export function limitRules(ctx: LintContext): void {
  const doc = ctx.job.document;
  const tags = obj(doc.tags);
  if (tags) {
    for (const reserved of OWNERSHIP_TAGS) {
      if (reserved in tags) ctx.report("JF063", ["tags", reserved], `tag "${reserved}" is reserved: jobform sets it to mark the jobs it manages`, { key: true });
    }
    const n = Object.keys(tags).length;
    if (n > MAX_USER_TAGS && n <= 25) ctx.report("JF063", ["tags"], `${n} tags: a job may carry 25, and jobform adds its ${OWNERSHIP_TAGS.length} ownership tags, so at most ${MAX_USER_TAGS} are left`, { key: true });
  }
}
