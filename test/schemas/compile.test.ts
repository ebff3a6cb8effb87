import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { loadSchema, newAjv } from "./support.js";
import type { JsonObject } from "./support.js";

const names = ["job", "project", "notebook"] as const;

// Combinator branches only state rules about fields declared beside them; they are not shapes.
const RULES = new Set(["not", "if", "then", "else", "allOf", "oneOf", "anyOf"]);

/** Every object-typed subschema with `properties` (outside rule branches), with its JSON pointer. */
function objectSchemas(node: unknown, path = "#"): { path: string; schema: JsonObject }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => objectSchemas(n, `${path}/${i}`));
  if (!node || typeof node !== "object") return [];
  const s = node as JsonObject;
  const here = s.properties && typeof s.properties === "object" && s.type === "object" ? [{ path, schema: s }] : [];
  return here.concat(Object.entries(s).filter(([k]) => !RULES.has(k)).flatMap(([k, v]) => objectSchemas(v, `${path}/${k}`)));
}

describe("schemas compile", () => {
  for (const name of names) {
    it(`${name}.schema.json compiles in ajv strict mode with allErrors`, () => {
      const ajv = newAjv();
      expect(() => ajv.compile(loadSchema(name))).not.toThrow();
    });

    it(`${name}.schema.json closes every object against typos`, () => {
      const open = objectSchemas(loadSchema(name)).filter(({ schema }) => schema.additionalProperties !== false);
      expect(open.map((o) => o.path)).toEqual([]);
    });

    it(`${name}.schema.json gives every definition a title and a description`, () => {
      const defs = (loadSchema(name).definitions ?? {}) as Record<string, JsonObject>;
      const lacking = Object.entries(defs)
        .filter(([, d]) => typeof d.title !== "string" || typeof d.description !== "string")
        .map(([k]) => k);
      expect(lacking).toEqual([]);
    });
  }

  it("fails to compile without the x-jobform annotation keywords (so the validator must register them)", () => {
    expect(() => new Ajv({ strict: true }).compile(loadSchema("job"))).toThrow(/x-jobform/);
  });

  it("job file root repeats JobSettings exactly, plus permissions and the refused output-only fields", () => {
    const job = loadSchema("job");
    const root = job.properties as Record<string, JsonObject>;
    const settings = ((job.definitions as Record<string, JsonObject>).JobSettings as JsonObject).properties as Record<string, JsonObject>;
    for (const [key, schema] of Object.entries(settings)) expect(root[key], key).toEqual(schema);
    const extra = Object.keys(root).filter((k) => !(k in settings));
    const refused = extra.filter((k) => root[k]?.["x-jobform-output-only"] === true);
    expect(extra.filter((k) => !refused.includes(k))).toEqual(["permissions"]);
    expect(refused.sort()).toEqual(
      [
        "created_time",
        "creator_user_name",
        "effective_budget_policy_id",
        "effective_usage_policy_id",
        "format",
        "has_more",
        "job_id",
        "next_page_token",
        "run_as_user_name",
        "settings",
        "trigger_details",
        "trigger_state",
      ].sort(),
    );
    expect(job.allOf).toEqual((job.definitions as Record<string, JsonObject>).JobSettings?.allOf);
  });
});
