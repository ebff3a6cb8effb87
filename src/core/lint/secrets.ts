import { eachString } from "./context.js";
import type { LintContext } from "./context.js";

/** Maps whose values reach a cluster or a notebook as plain text, and so end up in the job's settings. */
const PLAIN_TEXT_MAPS = new Set(["spark_conf", "spark_env_vars", "base_parameters", "named_parameters", "job_parameters", "notebook_params", "python_named_params", "sql_params", "parameters", "notebook_base_parameters", "filters"]);
export const SECRET_NAME = /(passw(or)?d|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|client[_-]?secret|sas[_-]?key|account[_.-]?key)/i;
/** Values that are references, not secrets: Databricks secret references, dynamic values, empty strings. */
const REFERENCE = /^\s*(\{\{[^}]+\}\}|\$\{[^}]+\})?\s*$/;

/** Literal credentials in a definition are readable by anyone who can view the job (or the git repo). */
export function secretRules(ctx: LintContext): void {
  eachString(ctx.job.document, (value, path) => {
    if (REFERENCE.test(value)) return;
    const segs = path();
    const name = secretName(segs, ctx.job.document);
    if (name === undefined || !SECRET_NAME.test(name)) return;
    ctx.report("JF080", segs, `"${name}" looks like a secret with a literal value; store it in a secret scope and write "{{secrets/<scope>/<key>}}"`, { severity: "warning" });
  });
}

/** The name a value is known by: its map key, or the `name` beside a job parameter's `default`. */
function secretName(segs: string[], doc: Record<string, unknown>): string | undefined {
  const last = segs[segs.length - 1];
  const container = segs[segs.length - 2];
  if (container !== undefined && PLAIN_TEXT_MAPS.has(container) && last !== undefined && !/^\d+$/.test(last)) return last;
  if (last === "default" && segs[0] === "parameters" && segs.length === 3) {
    const p = (doc.parameters as Record<string, unknown>[] | undefined)?.[Number(segs[1])];
    return typeof p?.name === "string" ? p.name : undefined;
  }
  return undefined;
}
