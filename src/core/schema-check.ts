import type AjvModule from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import type addFormatsModule from "ajv-formats";
import type { Code } from "./codes.js";
import type { Diagnostic } from "./diagnostic.js";
import { isPlainObject } from "./merge.js";
import { pointerSegments, valueAt } from "./pointer.js";
import type { Located } from "./provenance.js";
import { suggest } from "./suggest.js";

/**
 * ajv and its formats plug-in, handed in by whoever compiles (the build, or the edge when a precompiled
 * validator is missing): loading ajv costs start-up that `validate` with precompiled validators never pays.
 */
export interface AjvModules {
  Ajv: typeof AjvModule.default;
  addFormats: typeof addFormatsModule.default;
}

/** The file formats' JSON Schemas (schemas/*.json), handed in by the edge that read them. */
export interface Schemas {
  job: object;
  project: object;
  notebook: object;
}

export type Locator = (segments: readonly string[], opts?: { key?: boolean }) => Located;

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The one ajv configuration for jobform's schemas. `source` lets the build precompile validators
 * (scripts/compile-validators.mjs), which saves most of a second of start-up per run.
 */
export function createAjv(modules: AjvModules, schema: object, opts: { source?: boolean } = {}): AjvInstance {
  const { Ajv, addFormats } = modules;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, code: { source: opts.source === true } });
  addFormats(ajv);
  for (const kw of annotationKeywords(schema)) ajv.addKeyword(kw);
  return ajv;
}

type AjvInstance = InstanceType<AjvModules["Ajv"]>;

/** The validator of `schema` (from createAjv with the same schema, compiled ahead of time or by the edge). */
export function usePrecompiled(schema: object, fn: ValidateFunction): void {
  compiled.set(schema, fn);
}

function compile(schema: object): ValidateFunction {
  const fn = compiled.get(schema);
  if (!fn) throw new Error("schema-check: no validator for this schema; the edge that reads schemas (loadSchemas) registers one");
  return fn;
}

/** `x-…` keys are annotations for jobform and editors; ajv's strict mode must be told they are known. */
function annotationKeywords(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) annotationKeywords(s, found);
  else if (schema !== null && typeof schema === "object") {
    for (const [k, v] of Object.entries(schema)) {
      if (k.startsWith("x-")) found.add(k);
      annotationKeywords(v, found);
    }
  }
  return found;
}

/** Schema-checks `data` and turns ajv's errors into one readable diagnostic per mistake. */
export function schemaCheck(schema: object, data: unknown, at: Locator): Diagnostic[] {
  const validateFn = compile(schema);
  if (validateFn(data)) return [];
  return explain(validateFn.errors ?? [], data, at);
}


function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return `${typeof v} ${String(v)}`;
}

function typeName(t: unknown): string {
  const names: Record<string, string> = { object: "a mapping", array: "a list", string: "a string", integer: "an integer", number: "a number", boolean: "true or false", null: "null" };
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => names[String(x)] ?? String(x)).join(" or ");
}

function branchText(branch: unknown): string {
  if (branch === null || typeof branch !== "object") return "a value";
  const b = branch as Record<string, unknown>;
  if (Array.isArray(b.required)) return (b.required as string[]).join(" + ");
  if (b.type) return typeName(b.type) + (typeof b.pattern === "string" ? ` matching ${b.pattern}` : "");
  if (b.const !== undefined) return JSON.stringify(b.const);
  return "a value of another shape";
}

function requiredKeys(branches: unknown[]): string[] | undefined {
  const keys: string[] = [];
  for (const b of branches) {
    const r = b !== null && typeof b === "object" ? (b as Record<string, unknown>).required : undefined;
    if (!Array.isArray(r)) return undefined;
    for (const k of r) if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/**
 * What a schema error says and, when one key of the object breaks the rule, that key's path below the
 * error's instance (`at`): the diagnostic then points at that key's line rather than the object's first line.
 */
interface Explanation {
  code: Code;
  message: string;
  at?: readonly string[];
}

/** Of `keys` present in `obj`, the one written last: with two conflicting keys, the second is the mistake. */
function lastPresent(obj: unknown, keys: readonly string[]): string | undefined {
  return isPlainObject(obj) ? Object.keys(obj).filter((k) => keys.includes(k)).at(-1) : undefined;
}

/**
 * The path of the key that makes `data` match `schema` — the body of a `not` rule, built from `required`,
 * `properties` and `anyOf`/`oneOf` — preferring the deepest required key and, among siblings, the last one.
 */
function offendingKey(schema: unknown, data: unknown): string[] | undefined {
  if (!isPlainObject(schema) || !isPlainObject(data)) return undefined;
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    for (const b of branches) {
      const found = offendingKey(b, data);
      if (found) return found;
    }
    return undefined;
  }
  const required = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === "string") : [];
  if (required.length === 0 || !required.every((k) => k in data)) return undefined;
  const props = isPlainObject(schema.properties) ? schema.properties : {};
  for (const k of required) {
    const deeper = offendingKey(props[k], data[k]);
    if (deeper) return [k, ...deeper];
  }
  const last = lastPresent(data, required);
  return last === undefined ? undefined : [last];
}

function explainOne(e: ErrorObject, data: unknown): Explanation | undefined {
  const segs = pointerSegments(e.instancePath);
  const value = e.data;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const props = Object.keys((parent.properties as object) ?? {}).filter((k) => !isOutputOnly((parent.properties as Record<string, unknown>)[k]));
      const hint = suggest(name, props);
      return { code: "JF020", message: `unknown field "${name}"` + (hint ? `; did you mean "${hint}"?` : ""), at: [name] };
    }
    case "required": {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return { code: "JF023", message: `"${missing}" is required here` };
    }
    case "type": {
      const want = (e.params as { type: unknown }).type;
      const quote = want === "string" && (typeof value === "number" || typeof value === "boolean") ? `; quote it: "${String(value)}"` : "";
      return { code: "JF021", message: `must be ${typeName(want)}, not ${describe(value)}${quote}` };
    }
    case "enum": {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof value === "string" ? suggest(value, allowed) : undefined;
      const list = allowed.length > 12 ? allowed.slice(0, 12).join(", ") + ", …" : allowed.join(", ");
      return { code: "JF022", message: `${describe(value)} is not allowed; use one of ${list}` + (hint ? ` (did you mean ${hint}?)` : "") };
    }
    case "const":
      return { code: "JF022", message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
    case "oneOf":
    case "anyOf": {
      const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
      const keys = requiredKeys(branches);
      if (keys) {
        const obj = valueAt(data, segs);
        const present = keys.filter((k) => obj !== null && typeof obj === "object" && k in (obj as object));
        if (present.length === 0) return { code: "JF024", message: `needs exactly one of: ${keys.join(", ")}` };
        if (present.length > 1) return { code: "JF024", message: `set only one of ${present.join(", ")} (they are mutually exclusive)`, at: [lastPresent(obj, present) as string] };
        return undefined;
      }
      return { code: "JF021", message: `must be ${branches.map(branchText).join(", or ")}; got ${describe(value)}` };
    }
    case "not":
      if (isOutputOnly(parent)) {
        const field = segs[segs.length - 1] ?? "";
        return { code: "JF026", message: `"${field}" is output-only: the service sets it, so it cannot be part of a definition; remove it`, at: [] };
      }
      return { code: "JF027", message: "this combination of fields is not allowed" + (typeof parent.description === "string" ? `: ${parent.description}` : "") };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const p = e.params as { comparison: string; limit: number };
      return { code: "JF025", message: `must be ${p.comparison} ${p.limit}, not ${String(value)}` };
    }
    case "minLength":
    case "maxLength": {
      const limit = (e.params as { limit: number }).limit;
      return { code: "JF025", message: e.keyword === "maxLength" ? `is too long: at most ${limit} characters` : `must be at least ${limit} character${limit === 1 ? "" : "s"} long` };
    }
    case "minItems":
    case "maxItems": {
      const limit = (e.params as { limit: number }).limit;
      const n = Array.isArray(value) ? value.length : 0;
      return { code: "JF025", message: e.keyword === "maxItems" ? `has ${n} items; at most ${limit} are allowed` : `needs at least ${limit} item${limit === 1 ? "" : "s"}`, at: [] };
    }
    case "minProperties":
    case "maxProperties": {
      const limit = (e.params as { limit: number }).limit;
      const n = value !== null && typeof value === "object" ? Object.keys(value).length : 0;
      return { code: "JF025", message: e.keyword === "maxProperties" ? `has ${n} entries; at most ${limit} are allowed` : `needs at least ${limit} entr${limit === 1 ? "y" : "ies"}`, at: [] };
    }
    case "pattern": {
      const hint = parent["x-jobform-message"];
      if (typeof hint === "string") return { code: "JF027", message: `${describe(value)}: ${hint}` };
      return { code: "JF027", message: `${describe(value)} does not have the expected form (${(e.params as { pattern: string }).pattern})` };
    }
    case "format":
      return { code: "JF027", message: `${describe(value)} is not a valid ${(e.params as { format: string }).format}` };
    case "uniqueItems":
      return { code: "JF027", message: "list items must be unique" };
    case "false schema":
      return { code: "JF020", message: "this field is not allowed here" };
    case "if":
      return undefined;
    default:
      return { code: "JF027", message: e.message ?? "invalid value" };
  }
}

function ruleExplanation(e: ErrorObject, data: unknown): Explanation | undefined {
  const dynamic = e.keyword === "oneOf" ? explainOne(e, data) : undefined;
  if (dynamic) return dynamic;
  const at = e.keyword === "not" ? offendingKey(e.schema, valueAt(data, pointerSegments(e.instancePath))) : undefined;
  return { code: "JF024", message: ruleMessage(e) as string, at };
}

function isOutputOnly(schema: unknown): boolean {
  return schema !== null && typeof schema === "object" && (schema as Record<string, unknown>)["x-jobform-output-only"] === true;
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root + "/");
}

function ruleMessage(e: ErrorObject): string | undefined {
  const m = (e.parentSchema as Record<string, unknown> | undefined)?.["x-jobform-message"];
  return typeof m === "string" ? m.replace(/\.$/, "") : undefined;
}

const RULE_KEYWORDS = new Set(["oneOf", "anyOf", "not", "if"]);

/**
 * ajv reports every failed branch of a rule; a person wants one sentence. A schema rule that carries an
 * `x-jobform-message` is reported with that message (or, for exactly-one-of rules, with which of the fields
 * are present), and the errors of its branches are dropped. Plain `oneOf`/`anyOf` unions are summarised too.
 */
function explain(errors: ErrorObject[], data: unknown, at: Locator): Diagnostic[] {
  const owners = errors.filter((e) => RULE_KEYWORDS.has(e.keyword) && (ruleMessage(e) !== undefined || e.keyword === "oneOf" || e.keyword === "anyOf"));
  // A `not` has no branch errors to fold (ajv reports nothing from inside it), and schemaPaths are relative
  // to the definition a rule sits in: as a prefix it would swallow another definition's rule at the same
  // schemaPath (a job-level schedule rule hid a nested for_each's).
  const prefixes = owners
    .filter((e) => e.keyword !== "not")
    .map((e) => ({ prefix: ruleMessage(e) !== undefined ? e.schemaPath.slice(0, e.schemaPath.lastIndexOf("/") + 1) : e.schemaPath + "/", owner: e }));
  const ownerSet = new Set(owners);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (prefixes.some((p) => p.owner !== e && e.schemaPath.startsWith(p.prefix) && within(e.instancePath, p.owner.instancePath))) continue;
    const x = ownerSet.has(e) && ruleMessage(e) !== undefined ? ruleExplanation(e, data) : explainOne(e, data);
    if (!x) continue;
    const target = [...pointerSegments(e.instancePath), ...(x.at ?? [])];
    const pos = at(target, { key: x.at !== undefined && target.length > 0 });
    const id = `${pos.path}|${x.code}|${x.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ severity: "error", code: x.code, message: x.message, file: pos.file, line: pos.line, column: pos.column, path: pos.path });
  }
  return out;
}
