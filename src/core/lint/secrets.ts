import { eachString } from "./context.js";
import type { LintContext } from "./context.js";

/** Maps whose values reach a cluster or a notebook as plain text, and so end up in the job's settings. */
const PLAIN_TEXT_MAPS = new Set(["spark_conf", "spark_env_vars", "base_parameters", "named_parameters", "job_parameters", "notebook_params", "python_named_params", "sql_params", "parameters", "notebook_base_parameters", "filters"]);
export const SECRET_NAME = /(passw(or)?d|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|client[_-]?secret|sas[_-]?key|account[_.-]?key)/i;
/** Values that are references, not secrets: Databricks secret references, dynamic values, empty strings. */
const REFERENCE = /^\s*(\{\{[^}]+\}\}|\$\{[^}]+\})?\s*$/;

export interface LiteralSecret {
  name: string;
  value: string;
  segments: string[];
}

/** Literal values kept under secret-looking names: what the lint warns about and what CI output must mask. */
export function literalSecrets(doc: Record<string, unknown>): LiteralSecret[] {
  const out: LiteralSecret[] = [];
  eachString(doc, (value, path) => {
    if (REFERENCE.test(value)) return;
    const segments = path();
    const name = secretName(segments, doc);
    if (name !== undefined && SECRET_NAME.test(name)) out.push({ name, value, segments });
  });
  return out;
}

/** Literal credentials in a definition are readable by anyone who can view the job (or the git repo). */
export function secretRules(ctx: LintContext): void {
  for (const s of literalSecrets(ctx.job.document)) {
    ctx.report("JF080", s.segments, `"${s.name}" looks like a secret with a literal value; store it in a secret scope and write "{{secrets/<scope>/<key>}}"`, { severity: "warning" });
  }
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
