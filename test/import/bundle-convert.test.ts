import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSchemas } from "../../src/cli/schemas.js";
import { convertBundle } from "../../src/core/bundle/convert.js";
import type { ConvertOptions, ConvertResult } from "../../src/core/bundle/model.js";
import { loadFile } from "../../src/core/load.js";
import { checkProject } from "../../src/core/project.js";

const encode = (t: string) => new TextEncoder().encode(t);

function convert(files: Record<string, string>, opts: ConvertOptions = {}): ConvertResult {
  const docs = Object.entries(files).map(([path, text]) => {
    const loaded = loadFile({ path, bytes: encode(text) });
    if (!loaded.document) throw new Error(`fixture ${path} does not load: ${JSON.stringify(loaded.diagnostics)}`);
    return loaded.document;
  });
  return convertBundle({ files: docs }, { jobSchema: loadSchemas().job, ...opts });
}

function file(r: ConvertResult, path: string): Record<string, unknown> {
  const f = r.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${r.files.map((x) => x.path).join(", ")}; diagnostics ${JSON.stringify(r.diagnostics)}`);
  return parse(f.text) as Record<string, unknown>;
}

const notes = (r: ConvertResult, topic?: string) => r.report.filter((i) => topic === undefined || i.topic === topic).map((i) => i.message);
const errors = (r: ConvertResult) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.code} ${d.message}`);

const HEAD = "bundle: { name: b }\n";

describe("import --from-bundle: jobs", () => {
  it("writes resources.jobs.<key> to jobs/<key>.yaml in the bundle's key order, saying where it came from", () => {
    const r = convert({
      "databricks.yml": HEAD + "include: [res/a.yml]\nresources:\n  jobs:\n    zeta: { name: Z, max_concurrent_runs: 2 }\n",
      "res/a.yml": "resources:\n  jobs:\n    alpha: { name: A, tags: { t: x } }\n",
    });
    expect(errors(r)).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual(["jobform.yaml", "jobs/zeta.yaml", "jobs/alpha.yaml"]);
    expect(file(r, "jobs/alpha.yaml")).toEqual({ name: "A", tags: { t: "x" } });
    expect(r.files[2]?.text).toContain("# converted from resources.jobs.alpha in res/a.yml");
    expect(file(r, "jobform.yaml")).toEqual({ project: "b", targets: { default: {} } });
  });

  it("a job key defined in two files is an error at the second, naming the first", () => {
    const r = convert({
      "databricks.yml": HEAD + "resources:\n  jobs:\n    a: { name: A }\n",
      "x.yml": "resources:\n  jobs:\n    a: { name: B }\n",
    });
    expect(errors(r)).toEqual(['x.yml:3:5: JF016 job "a" is also defined in databricks.yml; a resource key must be unique in the bundle']);
    expect(r.files).toEqual([]);
  });

  it("an unknown field of a job is reported at the bundle file's line, with the spelling meant", () => {
    const r = convert({ "databricks.yml": HEAD + "resources:\n  jobs:\n    a:\n      name: A\n      max_concurent_runs: 2\n" });
    expect(errors(r)).toEqual(['databricks.yml:6:7: JF020 unknown field "max_concurent_runs"; did you mean "max_concurrent_runs"?']);
  });

  it("an unknown top-level or target key is JF016 at its line; the old environments: is named", () => {
    const r = convert({ "databricks.yml": HEAD + "resource:\n  jobs: {}\ntargets:\n  dev: { hots: x }\nenvironments: {}\n" });
    expect(errors(r)).toEqual([
      'databricks.yml:2:1: JF016 unknown key "resource" in a bundle file; did you mean "resources"?',
      'databricks.yml:5:10: JF016 unknown key "hots" in target "dev"',
      "databricks.yml:6:1: JF016 environments: is the old name of targets:; rename it to targets:",
    ]);
  });

  it("a bundle without a name is refused: the name becomes the project", () => {
    const r = convert({ "databricks.yml": "resources: { jobs: { a: { name: A } } }\n" });
    expect(errors(r)).toEqual(["databricks.yml:1:1: JF016 bundle.name is missing; the bundles CLI requires it and jobform uses it as the project name"]);
  });
});

describe("import --from-bundle: permissions and run_as", () => {
  it("maps level to permission_level and keeps the principal's field", () => {
    const r = convert({
      "databricks.yml": HEAD + "resources:\n  jobs:\n    a:\n      name: A\n      permissions:\n        - { level: CAN_MANAGE_RUN, group_name: ops }\n        - { level: IS_OWNER, service_principal_name: sp-1 }\n",
    });
    expect(file(r, "jobs/a.yaml").permissions).toEqual([
      { group_name: "ops", permission_level: "CAN_MANAGE_RUN" },
      { service_principal_name: "sp-1", permission_level: "IS_OWNER" },
    ]);
  });

  it("applies the bundle-wide list to every job (CAN_RUN is CAN_MANAGE_RUN), one entry per principal, the higher level winning", () => {
    const r = convert({
      "databricks.yml":
        HEAD +
        "permissions:\n  - { level: CAN_RUN, group_name: ops }\n  - { level: CAN_VIEW, user_name: bob@x.com }\nresources:\n  jobs:\n    a: { name: A, permissions: [ { level: CAN_MANAGE, group_name: ops } ] }\n    b: { name: B }\n",
    });
    expect(file(r, "jobs/a.yaml").permissions).toEqual([
      { group_name: "ops", permission_level: "CAN_MANAGE" },
      { user_name: "bob@x.com", permission_level: "CAN_VIEW" },
    ]);
    expect(file(r, "jobs/b.yaml").permissions).toEqual([
      { group_name: "ops", permission_level: "CAN_MANAGE_RUN" },
      { user_name: "bob@x.com", permission_level: "CAN_VIEW" },
    ]);
  });

  it("refuses IS_OWNER bundle-wide and an entry without exactly one principal, at their lines", () => {
    const r = convert({
      "databricks.yml": HEAD + "permissions:\n  - { level: IS_OWNER, user_name: a@x.com }\nresources:\n  jobs:\n    a:\n      name: A\n      permissions:\n        - { level: CAN_VIEW }\n",
    });
    expect(errors(r)).toEqual([
      'databricks.yml:3:14: JF016 level "IS_OWNER" is not allowed in the bundle-wide permissions; use one of CAN_VIEW, CAN_RUN, CAN_MANAGE',
      "databricks.yml:9:11: JF016 a permission names exactly one of user_name, group_name or service_principal_name",
    ]);
  });

  it("keeps run_as; the bundle's run_as goes into jobs without their own, or per target when targets differ", () => {
    const same = convert({ "databricks.yml": HEAD + "run_as: { service_principal_name: sp-1 }\nresources:\n  jobs:\n    a: { name: A }\n    b: { name: B, run_as: { user_name: c@x.com } }\n" });
    expect(file(same, "jobs/a.yaml").run_as).toEqual({ service_principal_name: "sp-1" });
    expect(file(same, "jobs/b.yaml").run_as).toEqual({ user_name: "c@x.com" });
    const per = convert({
      "databricks.yml": HEAD + "run_as: { service_principal_name: sp-1 }\nresources: { jobs: { a: { name: A } } }\ntargets:\n  dev: {}\n  prod: { run_as: { service_principal_name: sp-2 } }\n",
    });
    expect(file(per, "jobs/a.yaml").run_as).toBeUndefined();
    expect(file(per, "jobform.yaml").targets).toEqual({ dev: { run_as: { service_principal_name: "sp-1" } }, prod: { run_as: { service_principal_name: "sp-2" } } });
  });

  it("puts bundle-wide permissions per target when a target has its own", () => {
    const r = convert({
      "databricks.yml": HEAD + "permissions: [ { level: CAN_VIEW, group_name: all } ]\nresources: { jobs: { a: { name: A } } }\ntargets:\n  dev: {}\n  prod: { permissions: [ { level: CAN_MANAGE, group_name: admins-prod } ] }\n",
    });
    expect(file(r, "jobs/a.yaml").permissions).toBeUndefined();
    const t = file(r, "jobform.yaml").targets as Record<string, { permissions: unknown }>;
    expect(t.dev?.permissions).toEqual([{ group_name: "all", permission_level: "CAN_VIEW" }]);
    expect(t.prod?.permissions).toEqual([{ group_name: "admins-prod", permission_level: "CAN_MANAGE" }]);
  });
});

describe("import --from-bundle: variables", () => {
  const vars = HEAD + `variables:
  catalog: { description: the catalog, default: dev }
  retries: { default: 3 }
  emails: { type: complex, default: [a@x.com, b@x.com] }
  cluster: { type: complex, default: { spark_version: 15.4.x-scala2.12, num_workers: 2 } }
  wh: { description: warehouse, lookup: { warehouse: Shared } }
  my-var: { default: x }
`;
  const r = convert({
    "databricks.yml":
      vars +
      `resources:
  jobs:
    a:
      name: A \${var.catalog} \${var.my-var}
      max_concurrent_runs: \${var.retries}
      email_notifications: { on_failure: "\${var.emails}" }
      job_clusters: [ { job_cluster_key: c, new_cluster: "\${var.cluster}" } ]
      tasks:
        - task_key: t
          job_cluster_key: c
          sql_task: { warehouse_id: "\${var.wh}", query: { query_id: "q" } }
          description: "workers: \${var.cluster.num_workers}"
`,
  });

  it("declares simple variables with default and description; ${var.x} stays", () => {
    expect(errors(r)).toEqual([]);
    const v = file(r, "jobform.yaml").variables as Record<string, unknown>;
    expect(v.catalog).toEqual({ description: "the catalog", default: "dev" });
    expect(v.retries).toEqual({ default: 3 });
    expect(file(r, "jobs/a.yaml").max_concurrent_runs).toBe("${var.retries}");
  });

  it("writes complex variables out where they are used, whole or by field, with a note", () => {
    const job = file(r, "jobs/a.yaml");
    expect(job.email_notifications).toEqual({ on_failure: ["a@x.com", "b@x.com"] });
    expect(job.job_clusters).toEqual([{ job_cluster_key: "c", new_cluster: { spark_version: "15.4.x-scala2.12", num_workers: 2 } }]);
    expect((job.tasks as { description: string }[])[0]?.description).toBe("workers: 2");
    expect(Object.keys(file(r, "jobform.yaml").variables as object)).not.toContain("emails");
    expect(notes(r, "variables").filter((m) => m.startsWith("complex variable"))).toHaveLength(2);
  });

  it("makes a lookup a required variable and reports the lookup it needs", () => {
    expect((file(r, "jobform.yaml").variables as Record<string, unknown>).wh).toEqual({ description: 'warehouse; the bundle looked up warehouse "Shared"' });
    expect(notes(r, "variables")).toContain('variable "wh" is a lookup of warehouse "Shared": jobform does not look ids up, so it is a required variable; set it per target (targets.<name>.variables.wh) or with --var wh=<id>');
  });

  it("puts a target's own value of a complex variable into the target's jobs overrides, replacing the default", () => {
    const t = convert({
      "databricks.yml":
        HEAD +
        `variables:
  emails: { type: complex, default: [a@x.com] }
  cluster: { type: complex, default: { spark_version: 15.4.x-scala2.12, node_type_id: small, num_workers: 2 } }
  lib: { type: complex, default: { pypi: { package: one } } }
resources:
  jobs:
    a:
      name: A
      email_notifications: { on_failure: "\${var.emails}" }
      job_clusters: [ { job_cluster_key: c, new_cluster: "\${var.cluster}" } ]
      tasks: [ { task_key: t, job_cluster_key: c, notebook_task: { notebook_path: /x }, libraries: [ "\${var.lib}" ] } ]
targets:
  dev: {}
  prod:
    variables:
      emails: [p@x.com, q@x.com]
      cluster: { default: { spark_version: 16.4.x-scala2.12, num_workers: 8 } }
      lib: { pypi: { package: two } }
    resources:
      jobs:
        a:
          job_clusters: [ { job_cluster_key: c, new_cluster: { num_workers: 9 } } ]
`,
    });
    expect(errors(t)).toEqual([]);
    const targets = file(t, "jobform.yaml").targets as Record<string, { jobs?: Record<string, unknown> }>;
    expect(targets.dev?.jobs).toBeUndefined();
    expect(targets.prod?.jobs?.a).toEqual({
      email_notifications: { on_failure: ["p@x.com", "q@x.com"] },
      job_clusters: [{ job_cluster_key: "c", new_cluster: { node_type_id: null, spark_version: "16.4.x-scala2.12", num_workers: 9 } }],
    });
    const checked = checkProject(t.files.map((f) => ({ path: f.path, bytes: encode(f.text) })), { target: "prod", vars: {}, env: {} }, loadSchemas());
    const job = checked.resolved.jobs.find((j) => j.key === "a")?.document as { job_clusters: { new_cluster: unknown }[]; email_notifications: unknown };
    expect(job.job_clusters[0]?.new_cluster).toEqual({ spark_version: "16.4.x-scala2.12", num_workers: 9 });
    expect(job.email_notifications).toEqual({ on_failure: ["p@x.com", "q@x.com"] });
    expect(notes(t, "variables")).toContain('target prod gives complex variable "lib" its own value, which jobform\'s override cannot put at /tasks/0/libraries/0 of job a (inside a list without keys); the job has the default there');
  });

  it("resolves a variable value that refers to something for each target (jobform does not resolve references inside values)", () => {
    const t = convert({
      "databricks.yml":
        HEAD +
        'variables:\n  catalog: { default: "${bundle.target}_cat" }\n  owner: { default: "${workspace.current_user.userName}" }\nresources: { jobs: { a: { name: "${var.catalog} ${var.owner}" } } }\ntargets:\n  dev: {}\n  prod: { variables: { catalog: "x_${bundle.name}" } }\n',
    });
    expect(errors(t)).toEqual([]);
    const p = file(t, "jobform.yaml") as { variables: Record<string, unknown>; targets: Record<string, unknown> };
    expect(p.variables).toEqual({ catalog: {}, owner: {} });
    expect(p.targets).toEqual({ dev: { variables: { catalog: "dev_cat" } }, prod: { variables: { catalog: "x_b" } } });
    expect(notes(t, "variables")).toEqual([
      'target dev: the value of variable "owner" (${workspace.current_user.userName}) refers to something not known offline; set targets.dev.variables.owner',
      'target prod: the value of variable "owner" (${workspace.current_user.userName}) refers to something not known offline; set targets.prod.variables.owner',
    ]);
    const checked = checkProject(t.files.map((f) => ({ path: f.path, bytes: encode(f.text) })), { target: "dev", vars: { owner: "me" }, env: {} }, loadSchemas());
    expect(checked.all.filter((d) => d.severity === "error")).toEqual([]);
    expect(checked.resolved.jobs[0]?.document.name).toBe("dev_cat me");
  });

  it("reports a complex variable that refers to itself instead of following it", () => {
    const t = convert({ "databricks.yml": HEAD + 'variables:\n  a: { type: complex, default: { x: "${var.b}" } }\n  b: { type: complex, default: ["${var.a}"] }\nresources: { jobs: { j: { name: J, tags: "${var.a}" } } }\n' });
    expect(errors(t)).toEqual(["databricks.yml:5:42: JF016 ${var.a} refers to itself: ${var.a} → ${var.b} → ${var.a}"]);
  });

  it("stops complex variables that multiply each other (an alias bomb in variables) at the expansion bound", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `  v${i}: { type: complex, default: [${Array(10).fill(`"\${var.v${i + 1}}"`).join(", ")}] }\n`).join("");
    const t0 = Date.now();
    const t = convert({ "databricks.yml": HEAD + `variables:\n${levels}  v9: { type: complex, default: [${'"' + "x".repeat(100) + '"'}] }\nresources: { jobs: { j: { name: J, tags: { t: "\${var.v0}" } } } }\n` });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(errors(t).some((e) => e.includes("JF007 complex variables expand to more than 10 MB of text"))).toBe(true);
    expect(t.files).toEqual([]);
  });

  it("renames a variable jobform cannot spell and rewrites its uses", () => {
    expect(file(r, "jobs/a.yaml").name).toBe("A ${var.catalog} ${var.my_var}");
    expect(notes(r, "variables")).toContain('variable "my-var" is called "my_var" in jobform (variable names there are letters, digits and "_")');
  });

  it("an undefined ${var.x} is an error at its line", () => {
    const bad = convert({ "databricks.yml": HEAD + "resources:\n  jobs:\n    a: { name: \"${var.nope}\" }\n" });
    expect(errors(bad)).toEqual(['databricks.yml:4:16: JF016 ${var.nope}: the bundle declares no variable "nope"']);
  });
});

describe("import --from-bundle: targets", () => {
  const r = convert({
    "databricks.yml":
      HEAD +
      `variables:
  catalog: { default: dev }
  wh: { lookup: { warehouse: Shared } }
resources:
  jobs:
    a:
      name: A
      tasks:
        - { task_key: t1, notebook_task: { notebook_path: /Shared/x }, max_retries: 1 }
        - { task_key: t2, notebook_task: { notebook_path: /Shared/y } }
targets:
  dev:
    default: true
    workspace: { host: https://dev.example.com }
    variables: { wh: { lookup: { warehouse: Dev WH } } }
  prod:
    workspace: { host: https://prod.example.com }
    variables: { catalog: main, wh: abc123 }
    resources:
      jobs:
        a:
          tasks:
            - { task_key: t1, max_retries: 3 }
        only_prod: { name: P }
`,
  });
  const t = file(r, "jobform.yaml").targets as Record<string, Record<string, unknown>>;

  it("maps workspace.host to host, default: true, and variables (a value or {default}) to target variables", () => {
    expect(errors(r)).toEqual([]);
    expect(t.dev).toEqual({ host: "https://dev.example.com", default: true });
    expect(t.prod?.host).toBe("https://prod.example.com");
    expect(t.prod?.variables).toEqual({ catalog: "main", wh: "abc123" });
  });

  it("turns resources.jobs overrides into the target's jobs.<key> override (merged by task_key by jobform)", () => {
    expect(t.prod?.jobs).toEqual({ a: { tasks: [{ task_key: "t1", max_retries: 3 }] } });
    const files = r.files.map((f) => ({ path: f.path, bytes: encode(f.text) }));
    const checked = checkProject(files, { target: "prod", vars: {}, env: {} }, loadSchemas());
    expect(checked.all.filter((d) => d.severity === "error")).toEqual([]);
    const tasks = checked.resolved.jobs.find((j) => j.key === "a")?.document.tasks as { task_key: string; max_retries?: number }[];
    expect(tasks.map((x) => [x.task_key, x.max_retries])).toEqual([["t1", 3], ["t2", undefined]]);
  });

  it("gives jobform's merge the bundles CLI's result: plain lists concatenated, a null keeps what is below", () => {
    const m = convert({
      "databricks.yml":
        HEAD +
        `resources:
  jobs:
    a:
      name: A
      email_notifications: { on_failure: [a@x.com] }
      tasks:
        - { task_key: t, notebook_task: { notebook_path: /x }, libraries: [ { pypi: { package: one } } ], max_retries: 1 }
targets:
  prod:
    resources:
      jobs:
        a:
          description: null
          email_notifications: { on_failure: [b@x.com] }
          tasks:
            - { task_key: t, libraries: [ { pypi: { package: two } } ], max_retries: null }
`,
    });
    const over = (file(m, "jobform.yaml").targets as Record<string, { jobs: Record<string, unknown> }>).prod?.jobs.a;
    expect(over).toEqual({ email_notifications: { on_failure: ["a@x.com", "b@x.com"] }, tasks: [{ task_key: "t", libraries: [{ pypi: { package: "one" } }, { pypi: { package: "two" } }] }] });
    const checked = checkProject(m.files.map((f) => ({ path: f.path, bytes: encode(f.text) })), { target: "prod", vars: {}, env: {} }, loadSchemas());
    const job = checked.resolved.jobs.find((j) => j.key === "a")?.document as { tasks: { libraries: unknown[]; max_retries: number }[] };
    expect(job.tasks[0]?.libraries).toHaveLength(2);
    expect(job.tasks[0]?.max_retries).toBe(1);
  });

  it("reports a target's lookup and a job that exists in one target only", () => {
    expect(notes(r, "variables")).toContain('target dev looks variable "wh" up as warehouse "Dev WH": jobform does not look ids up; set targets.dev.variables.wh to the id');
    expect(notes(r, "resources")).toContain('job "only_prod" is defined only in target prod: not converted (a jobform job exists in every target); move it to resources.jobs, or keep it in the bundle');
  });

  it("--target converts only the targets named and reports the others; an unknown one is an error", () => {
    const one = convert({ "databricks.yml": HEAD + "resources: { jobs: { a: { name: A } } }\ntargets: { dev: {}, prod: {} }\n" }, { targets: ["prod"] });
    expect(Object.keys(file(one, "jobform.yaml").targets as object)).toEqual(["prod"]);
    expect(notes(one, "targets")).toContain("not converted (not named by --target): dev");
    const bad = convert({ "databricks.yml": HEAD + "targets: { dev: {} }\n" }, { targets: ["qa"] });
    expect(errors(bad)).toEqual(["databricks.yml:1:1: JF016 --target qa: the bundle has no such target (it has dev)"]);
  });

  it("takes workspace.profile (the bundle's or the target's) as the target's profile and reports other auth settings", () => {
    const p = convert({ "databricks.yml": HEAD + "workspace: { profile: shared, auth_type: pat }\ntargets: { dev: {}, prod: { workspace: { profile: prod-sp, host: https://p.example.com } } }\n" });
    expect(file(p, "jobform.yaml").targets).toEqual({ dev: { profile: "shared" }, prod: { host: "https://p.example.com", profile: "prod-sp" } });
    expect(notes(p, "settings")).toEqual([expect.stringMatching(/^workspace: auth_type — authentication settings other than the profile are not converted/)]);
  });

  it("keeps mode: development / production with a note on how jobform's modes differ", () => {
    const m = convert({ "databricks.yml": HEAD + "targets: { dev: { mode: development }, prod: { mode: production } }\n" });
    expect(file(m, "jobform.yaml").targets).toEqual({ dev: { mode: "development" }, prod: { mode: "production" } });
    expect(notes(m, "mode")).toHaveLength(2);
  });
});

describe("import --from-bundle: references", () => {
  const r = convert({
    "databricks.yml":
      HEAD +
      `workspace: { root_path: "/Workspace/Shared/.bundle/\${bundle.name}/\${bundle.target}" }
resources:
  jobs:
    a:
      name: "a-\${bundle.target} of \${bundle.name}"
      description: "root \${workspace.root_path}; user \${workspace.current_user.userName}; spark \${env:HOME}; \${_x}; {{job.parameters.p}}; \${resources.pipelines.p.id}"
      tasks:
        - { task_key: r, run_job_task: { job_id: "\${resources.jobs.b.id}" }, description: "runs \${resources.jobs.b.name}" }
    b: { name: "B \${bundle.target}" }
targets: { dev: {}, prod: {} }
`,
  });
  const job = file(r, "jobs/a.yaml");

  it("${bundle.target} is ${target}, ${bundle.name} and known workspace paths are written out, ${resources.jobs.k.id} is ${jobs.k.id}", () => {
    expect(errors(r)).toEqual([]);
    expect(job.name).toBe("a-${target} of b");
    expect(job.tasks).toEqual([{ task_key: "r", run_job_task: { job_id: "${jobs.b.id}" }, description: "runs B ${target}" }]);
    expect(job.description).toMatch(/^root \/Workspace\/Shared\/\.bundle\/b\/\$\{target\}; /);
  });

  it("what jobform cannot know offline becomes a required variable the report names; text jobform would read as a reference is escaped", () => {
    expect(job.description).toContain("user ${var.workspace_current_user_userName}; spark ${env:HOME}; $${_x}; {{job.parameters.p}}; ${var.resources_pipelines_p_id}");
    const v = file(r, "jobform.yaml").variables as Record<string, unknown>;
    expect(v.workspace_current_user_userName).toEqual({ description: "the bundle's ${workspace.current_user.userName}" });
    expect(notes(r, "references")).toEqual([
      '${workspace.current_user.userName} is the deploying user, not known offline; it became the variable "workspace_current_user_userName": set it for targets.dev.variables.workspace_current_user_userName, targets.prod.variables.workspace_current_user_userName (or --var workspace_current_user_userName=…)',
      '${resources.pipelines.p.id} is a value of a resource jobform does not manage or does not know before apply; it became the variable "resources_pipelines_p_id": set it for targets.dev.variables.resources_pipelines_p_id, targets.prod.variables.resources_pipelines_p_id (or --var resources_pipelines_p_id=…)',
    ]);
  });

  it("a run_job reference to a job the bundle does not define is an error", () => {
    const bad = convert({ "databricks.yml": HEAD + 'resources:\n  jobs:\n    a: { name: A, tasks: [ { task_key: r, run_job_task: { job_id: "${resources.jobs.zz.id}" } } ] }\n' });
    expect(errors(bad)[0]).toMatch(/^databricks\.yml:4:\d+: JF016 \$\{resources\.jobs\.zz\.id\}: the bundle defines no job "zz"$/);
  });
});

describe("import --from-bundle: the report", () => {
  it("relative paths become their deployed location; without root_path it depends on the deploying user, a variable the report names", () => {
    const r = convert({
      "databricks.yml": HEAD + "targets:\n  dev: { workspace: { host: https://d.example.com } }\n  prod: { workspace: { root_path: /Shared/b } }\n",
      "resources/jobs.yml": "resources:\n  jobs:\n    a:\n      name: A\n      tasks:\n        - { task_key: n, notebook_task: { notebook_path: ../src/nb.py } }\n        - { task_key: p, spark_python_task: { python_file: ./main.py }, libraries: [ { whl: ../dist/x.whl } ] }\n",
    });
    const job = file(r, "jobs/a.yaml");
    expect(job.tasks).toEqual([
      { task_key: "n", notebook_task: { notebook_path: "${var.workspace_file_path}/src/nb" } },
      { task_key: "p", spark_python_task: { python_file: "${var.workspace_file_path}/resources/main.py" }, libraries: [{ whl: "../dist/x.whl" }] },
    ]);
    expect((file(r, "jobform.yaml").targets as Record<string, unknown>).prod).toEqual({ variables: { workspace_file_path: "/Shared/b/files" } });
    expect(notes(r, "references")).toEqual([
      '${workspace.file_path} is not known offline (target dev: /Workspace/Users/<workspace.current_user.userName>/.bundle/b/dev/files); it became the variable "workspace_file_path": set it for targets.dev.variables.workspace_file_path (or --var workspace_file_path=…)',
    ]);
    expect(notes(r, "paths")).toEqual([
      "job a: ../src/nb.py is a local notebook (src/nb.py) the bundle uploads; jobform uploads nothing, so it must exist in the workspace at ${var.workspace_file_path}/src/nb (likely dev: /Workspace/Users/<workspace.current_user.userName>/.bundle/b/dev/files/src/nb; prod: /Shared/b/files/src/nb)",
      "job a: ./main.py is a local file (resources/main.py) the bundle uploads; jobform uploads nothing, so it must exist in the workspace at ${var.workspace_file_path}/resources/main.py (likely dev: /Workspace/Users/<workspace.current_user.userName>/.bundle/b/dev/files/resources/main.py; prod: /Shared/b/files/resources/main.py)",
    ]);
    expect(notes(r, "artifacts")).toHaveLength(1);
  });

  it("a path that differs between targets only by the deploying user is written once, with a variable for the user", () => {
    const r = convert({ "databricks.yml": HEAD + "targets: { dev: {}, prod: {} }\nresources:\n  jobs:\n    a: { name: A, tasks: [ { task_key: n, notebook_task: { notebook_path: ./nb.ipynb } } ] }\n" });
    expect(file(r, "jobs/a.yaml").tasks).toEqual([{ task_key: "n", notebook_task: { notebook_path: "/Workspace/Users/${var.workspace_current_user_userName}/.bundle/b/${target}/files/nb" } }]);
    expect(notes(r, "references")).toEqual([
      '${workspace.current_user.userName} is the deploying user, not known offline; it became the variable "workspace_current_user_userName": set it for targets.dev.variables.workspace_current_user_userName, targets.prod.variables.workspace_current_user_userName (or --var workspace_current_user_userName=…)',
    ]);
  });

  it("a task that takes its source from git keeps its path", () => {
    const r = convert({ "databricks.yml": HEAD + "resources:\n  jobs:\n    a:\n      name: A\n      git_source: { git_url: https://github.com/x/y, git_provider: gitHub, git_branch: main }\n      tasks: [ { task_key: n, notebook_task: { notebook_path: src/nb } } ]\n" });
    expect(file(r, "jobs/a.yaml").tasks).toEqual([{ task_key: "n", notebook_task: { notebook_path: "src/nb" } }]);
    expect(notes(r, "paths")).toEqual([]);
  });

  it("names other resource types, presets, sync, artifacts, Python resources, scripts and lifecycle, never dropping them silently", () => {
    const r = convert({
      "databricks.yml":
        HEAD +
        "presets: { name_prefix: x }\nsync: { exclude: [a] }\nartifacts: { w: { type: whl } }\npython: { resources: [m:load] }\nscripts: { s: { content: echo } }\nresources:\n  pipelines: { p: { name: P } }\n  schemas: { s: { name: S } }\n  jobs: { a: { name: A, lifecycle: { prevent_destroy: true } } }\n",
    });
    expect(errors(r)).toEqual([]);
    expect(notes(r, "resources")).toEqual([expect.stringMatching(/^pipelines: p — /), expect.stringMatching(/^schemas: s — /)]);
    for (const topic of ["presets", "sync", "artifacts", "python", "settings"]) expect(notes(r, topic).length, topic).toBeGreaterThan(0);
    expect(file(r, "jobs/a.yaml").lifecycle).toBeUndefined();
    expect(notes(r, "settings").some((m) => m.includes("lifecycle"))).toBe(true);
  });
});
