// Secret-looking values hidden before a plan is printed or posted as a PR comment: a pull request is read
// by more people than can read the job. Names come from the same pattern the secrets lint uses.
import { literalSecrets, SECRET_NAME } from "./lint/secrets.js";
import { isPlainObject } from "./merge.js";
import type { Plan } from "./plan-types.js";
import { pointerSegments } from "./pointer.js";
import type { ResolvedProject } from "./resolve.js";

export const MASK = "(sensitive)";
/** Databricks secret references and dynamic values are not secrets themselves. */
const REFERENCE = /^\s*\{\{[^}]+\}\}\s*$/;
/** user:password@ in a URL, and token/password-like query parameters. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;
const URL_QUERY_SECRET = /([?&][^=&\s]*(?:token|password|passwd|secret|key|sig)[^=&\s]*=)[^&\s#]+/gi;

/** A token alone as a URL's user (`https://ghp_…@github.com/…`). */
const URL_TOKEN_USER = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]{16,}@/gi;
/** Credentials recognisable by their shape wherever they appear. */
const SHAPES: readonly RegExp[] = [
  /\bdapi[0-9a-f]{32}(-\d+)?\b/gi, // Databricks personal access token
  /\bdose[0-9a-f]{32}\b/gi, // Databricks OAuth secret
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, // a JWT (OAuth access or ID token)
];
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/-]{16,}=*/gi;

export function maskString(s: string): string {
  let out = s.replace(URL_USERINFO, `$1${MASK}@`).replace(URL_TOKEN_USER, `$1${MASK}@`).replace(URL_QUERY_SECRET, `$1${MASK}`);
  for (const shape of SHAPES) out = out.replace(shape, MASK);
  return out.replace(BEARER, `$1 ${MASK}`);
}

/**
 * Values that are secrets by where they came from: variables with secret-looking names (`${var.db_password}`
 * lands under any key, or inside a longer string) and literals under secret-looking keys. Short values,
 * booleans and small numbers (a `token_ttl` of 3600) are left out: masking every "true" or "3600" would hide
 * the plan, not a secret; a numeric PIN of six digits or more still counts.
 */
export function secretValues(resolved: Pick<ResolvedProject, "variables" | "jobs">): string[] {
  const values = new Set<string>();
  const add = (v: string) => {
    if (v.length >= 4 && !/^(true|false|null|-?\d{1,5}(\.\d+)?)$/i.test(v) && !REFERENCE.test(v)) values.add(v);
  };
  for (const [name, v] of resolved.variables) if (SECRET_NAME.test(name)) add(String(v));
  for (const job of resolved.jobs) for (const s of literalSecrets(job.document)) add(s.value);
  // Longest first, so a secret that contains another is replaced whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of a known secret value replaced. */
export function maskKnown(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const v of secrets) if (out.includes(v)) out = out.split(v).join(MASK);
  return out;
}

/** `value` with every known secret replaced in every string it holds. */
export function maskKnownDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return maskKnown(value, secrets);
  if (Array.isArray(value)) return value.map((v) => maskKnownDeep(v, secrets));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskKnownDeep(v, secrets)]));
  return value;
}

/**
 * The workspace's value where git's value at the same place held a secret: after a password variable
 * changes, the live side still carries the old password, which no variable names any more.
 */
function maskWhereSecret(before: unknown, after: unknown, maskedAfter: unknown): unknown {
  if (typeof before === "string") return typeof after === "string" && maskedAfter !== after ? MASK : before;
  if (Array.isArray(before)) return before.map((v, i) => maskWhereSecret(v, Array.isArray(after) ? after[i] : undefined, Array.isArray(maskedAfter) ? maskedAfter[i] : undefined));
  if (isPlainObject(before)) {
    const a = isPlainObject(after) ? after : {};
    const m = isPlainObject(maskedAfter) ? maskedAfter : {};
    return Object.fromEntries(Object.entries(before).map(([k, v]) => [k, maskWhereSecret(v, a[k], m[k])]));
  }
  return before;
}

function maskField<F extends { before?: unknown; after?: unknown }>(f: F, secrets: readonly string[]): F {
  if (!("after" in f)) return "before" in f ? { ...f, before: maskKnownDeep(f.before, secrets) } : f;
  const after = maskKnownDeep(f.after, secrets);
  return { ...f, after, ...("before" in f ? { before: maskKnownDeep(maskWhereSecret(f.before, f.after, after), secrets) } : {}) };
}

/**
 * The plan with every known secret value hidden in its field values, notes and errors. Done once where the
 * plan is made, so every renderer and the saved plan get it; apply sends the definitions, never these values.
 */
export function maskSecretValues(plan: Plan, secrets: readonly string[]): Plan {
  if (secrets.length === 0) return plan;
  return {
    ...plan,
    notes: plan.notes.map((n) => maskKnown(n, secrets)),
    errors: plan.errors.map((e) => ({ ...e, message: maskKnown(e.message, secrets) })),
    changes: plan.changes.map((c) => ({
      ...c,
      fields: c.fields.map((f) => maskField(f, secrets)),
    })),
    ...(plan.resource_changes ? { resource_changes: plan.resource_changes.map((r) => ({ ...r, change: { ...r.change, ...maskField(r.change, secrets) } })) } : {}),
  };
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
 * A value as a message may quote it under `name` (a notebook parameter, a widget, a `--param`): hidden whole
 * when the name looks like a secret, else with the credentials inside it hidden by their shape.
 */
export function shownValue(name: string, value: string): string {
  return mask(value, [name]) as string;
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
