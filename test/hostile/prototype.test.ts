// Keys that name an object's prototype machinery, at any depth and in any spelling YAML allows (plain,
// quoted, through an alias, in jobform.yaml or a job), are refused and never reach Object.prototype.
import { afterEach, describe, expect, it } from "vitest";
import { checkProject } from "../../src/core/project.js";
import { loadSchemas } from "../../src/cli/schemas.js";

const before = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before));

const files = (job: string, project = "project: p\n") => [
  { path: "jobform.yaml", bytes: Buffer.from(project) },
  { path: "jobs/j.yaml", bytes: Buffer.from(job) },
];

describe("prototype keys", () => {
  it.each([
    ["plain, deep", "name: j\ntasks:\n  - task_key: t\n    notebook_task:\n      base_parameters:\n        __proto__: { polluted: yes }\n", "__proto__"],
    ["quoted", 'name: j\n"__proto__": { polluted: yes }\n', "__proto__"],
    ["through an alias", "name: j\nx: &k __proto__\ntags:\n  *k : { polluted: yes }\n", "__proto__"],
    ["constructor", "name: j\nconstructor: { prototype: { polluted: yes } }\n", "constructor"],
    ["prototype in a list item", "name: j\ntasks: [{ prototype: { polluted: yes } }]\n", "prototype"],
  ])("%s", (_name, job, key) => {
    const checked = checkProject(files(job), { vars: {}, env: {} }, loadSchemas());
    const hit = checked.all.find((d) => d.code === "JF008");
    expect(hit?.message).toContain(`"${key}"`);
    expect(hit?.line).toBeGreaterThan(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("in jobform.yaml's variables and target overrides", () => {
    const project = "project: p\nvariables:\n  __proto__: { default: { polluted: yes } }\ntargets:\n  dev:\n    jobs:\n      j: { constructor: { polluted: yes } }\n";
    const checked = checkProject(files("name: j\n", project), { target: "dev", vars: {}, env: {} }, loadSchemas());
    expect(checked.all.filter((d) => d.code === "JF008").map((d) => d.line)).toEqual([3, 7]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
