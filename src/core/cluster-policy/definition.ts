// A cluster policy definition (the JSON text the Cluster Policies API returns in `definition`) as rules
// keyed by attribute path. Facts follow the public "Compute policy reference" (docs.databricks.com
// admin/clusters/policy-definition): one limitation per attribute; types fixed, forbidden, allowlist,
// blocklist, regex, range, unlimited; `defaultValue` and `isOptional` on the limiting types; `hidden` only
// changes the UI.
import { isPlainObject } from "../merge.js";

export type Scalar = string | number | boolean;

export type RuleKind = "fixed" | "forbidden" | "allowlist" | "blocklist" | "regex" | "range" | "unlimited";

export interface PolicyRule {
  /** The attribute path as the policy writes it: `spark_conf.*`, `init_scripts.0.workspace.destination`. */
  path: string;
  type: RuleKind;
  /** fixed */
  value?: Scalar;
  /** allowlist, blocklist */
  values?: Scalar[];
  /** regex */
  pattern?: string;
  /** range */
  minValue?: number;
  maxValue?: number;
  defaultValue?: Scalar;
  isOptional?: boolean;
  hidden?: boolean;
}

export interface ParsedPolicy {
  rules: PolicyRule[];
  /** What could not be read, one line each; a rule with a problem is left out rather than guessed. */
  problems: string[];
}

const KINDS: ReadonlySet<string> = new Set(["fixed", "forbidden", "allowlist", "blocklist", "regex", "range", "unlimited"]);

const isScalar = (v: unknown): v is Scalar => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

function ruleOf(path: string, raw: unknown, problems: string[]): PolicyRule | undefined {
  const bad = (why: string) => {
    problems.push(`${path}: ${why}`);
    return undefined;
  };
  if (!isPlainObject(raw)) return bad("a rule is an object with a `type`");
  const type = raw.type;
  if (typeof type !== "string" || !KINDS.has(type)) return bad(`unknown type ${JSON.stringify(type)}`);
  const rule: PolicyRule = { path, type: type as RuleKind };
  if (raw.hidden === true) rule.hidden = true;
  if (raw.isOptional === true) rule.isOptional = true;
  if (raw.defaultValue !== undefined) {
    if (!isScalar(raw.defaultValue)) return bad("defaultValue must be a string, number or boolean");
    rule.defaultValue = raw.defaultValue;
  }
  switch (rule.type) {
    case "fixed":
      if (!isScalar(raw.value)) return bad("a fixed rule needs a `value`");
      rule.value = raw.value;
      break;
    case "allowlist":
    case "blocklist":
      if (!Array.isArray(raw.values) || !raw.values.every(isScalar)) return bad(`an ${rule.type} rule needs \`values\`, a list of strings, numbers or booleans`);
      rule.values = raw.values;
      break;
    case "regex":
      if (typeof raw.pattern !== "string") return bad("a regex rule needs a `pattern`");
      try {
        // No `u` flag: patterns are written for the service's (Java) engine, which takes escapes like `\-`
        // that JavaScript accepts only outside unicode mode.
        new RegExp(raw.pattern);
      } catch (e) {
        return bad(`pattern ${JSON.stringify(raw.pattern)} is not a regular expression (${(e as Error).message})`);
      }
      rule.pattern = raw.pattern;
      break;
    case "range":
      for (const k of ["minValue", "maxValue"] as const) {
        if (raw[k] === undefined) continue;
        if (typeof raw[k] !== "number") return bad(`${k} must be a number`);
        rule[k] = raw[k];
      }
      break;
    default:
      break;
  }
  return rule;
}

/** Reads a definition; never throws: text that is not a JSON object is one problem and no rules. */
export function parsePolicyDefinition(text: string): ParsedPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { rules: [], problems: [`the definition is not JSON (${(e as Error).message})`] };
  }
  if (!isPlainObject(json)) return { rules: [], problems: ["the definition is not a JSON object of attribute paths"] };
  const problems: string[] = [];
  const rules = Object.entries(json).flatMap(([path, raw]) => {
    const r = ruleOf(path, raw, problems);
    return r ? [r] : [];
  });
  return { rules, problems };
}
