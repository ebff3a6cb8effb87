// Secret-looking values hidden before a plan is printed or posted as a PR comment: a pull request is read
// by more people than can read the job. Names come from the same pattern the secrets lint uses.
import { SECRET_NAME } from "./lint/secrets.js";
import { isPlainObject } from "./merge.js";
import { pointerSegments } from "./pointer.js";

export const MASK = "(sensitive)";
/** Databricks secret references and dynamic values are not secrets themselves. */
const REFERENCE = /^\s*\{\{[^}]+\}\}\s*$/;
/** user:password@ in a URL, and token/password-like query parameters. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;
const URL_QUERY_SECRET = /([?&][^=&\s]*(?:token|password|passwd|secret|key|sig)[^=&\s]*=)[^&\s#]+/gi;

export function maskString(s: string): string {
  return s.replace(URL_USERINFO, `$1${MASK}@`).replace(URL_QUERY_SECRET, `$1${MASK}`);
}

/**
 * `value` as found at `path` (canonical segments), with secrets masked: a string whose key (or, for a job
 * parameter's `default`, whose parameter name) looks like a secret, and credentials inside URLs anywhere.
 */
export function mask(value: unknown, path: readonly string[] = []): unknown {
  const key = path[path.length - 1];
  const named = key === "default" && path[0] === "parameters" ? path[path.length - 2] : key;
  if (typeof value === "string") {
    if (named !== undefined && SECRET_NAME.test(named) && !REFERENCE.test(value) && value !== "") return MASK;
    return maskString(value);
  }
  // A list of job parameters (the API's shape) names each by `name`, as the keyed canonical form does.
  const item = (v: unknown, i: number) => (path.length === 1 && path[0] === "parameters" && isPlainObject(v) && typeof v.name === "string" ? v.name : String(i));
  if (Array.isArray(value)) return value.map((v, i) => mask(v, [...path, item(v, i)]));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, [...path, k])]));
  return value;
}

/**
 * The plan with every field value masked as the renderers mask it. The JSON plan is saved and uploaded as a
 * CI artifact, which more people can download than can read the job; apply needs only its keys, actions and
 * hashes, never these values.
 */
export function maskPlan<P extends { changes: readonly { fields: readonly { path: string; before?: unknown; after?: unknown }[] }[]; resource_changes?: readonly { change: { before: unknown; after: unknown } }[] }>(plan: P): P {
  return {
    ...plan,
    ...(plan.resource_changes ? { resource_changes: plan.resource_changes.map((r) => ({ ...r, change: { ...r.change, before: mask(r.change.before), after: mask(r.change.after) } })) } : {}),
    changes: plan.changes.map((c) => ({
      ...c,
      fields: c.fields.map((f) => {
        const at = pointerSegments(f.path);
        return { ...f, ...("before" in f ? { before: mask(f.before, at) } : {}), ...("after" in f ? { after: mask(f.after, at) } : {}) };
      }),
    })),
  };
}
