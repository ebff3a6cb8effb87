import { suggest } from "./suggest.js";

/** What a project offers to `${…}`: its declared variables and its job keys. */
export interface ReferenceNames {
  variables: readonly string[];
  jobs: readonly string[];
}

// Asset Bundles' spellings of what jobform also has. Bundle values jobform has no counterpart for
// (`${workspace.current_user.userName}`, `${bundle.name}`, …) get the advice to use a variable instead.
const BUNDLE_IDIOMS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^bundle\.(?:target|environment)$/, () => "target"],
  [/^resources\.jobs\.([A-Za-z0-9_-]+)\.id$/, (m) => `jobs.${m[1]}.id`],
  [/^variables\.([A-Za-z_][A-Za-z0-9_-]*)(?:\.value)?$/, (m) => `var.${m[1]}`],
];
const BUNDLE_NAMESPACES = new Set(["bundle", "workspace", "resources", "artifacts"]);

function spelling(name: string, names: ReferenceNames): { ref: string; idiom: boolean } | undefined {
  for (const [re, to] of BUNDLE_IDIOMS) {
    const m = re.exec(name);
    if (m) return { ref: to(m), idiom: true };
  }
  const [head = "", ...rest] = name.split(".");
  if (rest.length > 0 && head !== "var" && (head === "variables" || suggest(head, ["var"]) === "var")) return { ref: `var.${rest.join(".")}`, idiom: false };
  if (rest.length === 2 && rest[1] === "id" && head !== "jobs" && suggest(head, ["jobs"]) === "jobs") return { ref: `jobs.${rest[0]}.id`, idiom: false };
  if (rest.length === 0 && names.variables.includes(name)) return { ref: `var.${name}`, idiom: false };
  const near = suggest(name, ["target", ...names.variables.map((v) => `var.${v}`), ...names.jobs.map((k) => `jobs.${k}.id`)]);
  return near === undefined ? undefined : { ref: near, idiom: false };
}

/** The message for a `${name}` jobform does not substitute: the spelling it probably meant, or what it offers. */
export function unknownReferenceMessage(name: string, names: ReferenceNames): string {
  const written = `\${${name}}`;
  const meant = spelling(name, names);
  if (meant?.idiom) return `${written} is an Asset Bundles reference; jobform writes \${${meant.ref}}`;
  if (meant) return `unknown reference ${written}; did you mean \${${meant.ref}}?`;
  const head = name.split(".")[0] as string;
  const instead = BUNDLE_NAMESPACES.has(head) ? `jobform has no \${${head}.…}; declare a variable, set it per target and use \${var.<name>}` : "jobform substitutes ${var.<name>}, ${target} and ${jobs.<key>.id}";
  return `unknown reference ${written}: ${instead} (write $${written} for a literal)`;
}
