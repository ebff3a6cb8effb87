import { describe, expect, it } from "vitest";
import { bundleMarkerNote, bundleMarkers, bundleRootPath, bundleStateJobIds, matchBundleJobs, withoutBundleMarkers } from "../../src/core/bundle-adopt.js";
import { symbolicJobRefs, symbolicJobRefsInText } from "../../src/core/job-refs.js";
import { escapeReferences } from "../../src/core/import-job.js";
import { planJobs } from "../../src/core/plan.js";
import type { LiveJob } from "../../src/core/plan-types.js";
import type { DesiredJob } from "../../src/core/resolve.js";

const ROOT = "/Workspace/Users/me@x.com/.bundle/sales/prod";
const marked = (name: string, root = ROOT) => ({ name, deployment: { kind: "BUNDLE", metadata_file_path: `${root}/state/metadata.json` }, edit_mode: "UI_LOCKED" });

describe("bundle markers", () => {
  it("reads the root path from metadata_file_path, without the /Workspace prefix", () => {
    expect(bundleMarkers(marked("a"))).toEqual({ metadataFilePath: `${ROOT}/state/metadata.json`, rootPath: "/Users/me@x.com/.bundle/sales/prod", uiLocked: true });
    expect(bundleMarkers({ name: "a", edit_mode: "UI_LOCKED" })).toBeUndefined();
    expect(bundleMarkers({ deployment: { kind: "SYSTEM_MANAGED" } })).toBeUndefined();
  });

  it("drops deployment and UI_LOCKED, and leaves other jobs alone", () => {
    expect(withoutBundleMarkers({ ...marked("a"), max_concurrent_runs: 2 })).toEqual({ name: "a", max_concurrent_runs: 2 });
    const plain = { name: "b", edit_mode: "UI_LOCKED" };
    expect(withoutBundleMarkers(plain)).toBe(plain);
  });

  it("reads job ids from each engine's state file, and nothing from text that does not parse", () => {
    expect([...bundleStateJobIds("metadata.json", JSON.stringify({ version: 1, config: { resources: { jobs: { load: { id: "101", relative_path: "databricks.yml" }, bad: { id: "x" } } } } }))]).toEqual([["load", "101"]]);
    expect([...bundleStateJobIds("resources.json", JSON.stringify({ state: { "resources.jobs.load": { __id__: "102" }, "resources.pipelines.p": { __id__: "9" } } }))]).toEqual([["load", "102"]]);
    expect([...bundleStateJobIds("terraform.tfstate", JSON.stringify({ resources: [{ mode: "managed", type: "databricks_job", name: "load", instances: [{ attributes: { id: "103" } }] }, { type: "databricks_pipeline", name: "p", instances: [{ attributes: { id: "1" } }] }] }))]).toEqual([["load", "103"]]);
    expect(bundleStateJobIds("metadata.json", "{not json").size).toBe(0);
  });

  it("matches by state first, then by name under the bundle's root only; a name twice is ambiguous", () => {
    const deployed = [
      { jobId: "1", name: "Load", settings: marked("Load") },
      { jobId: "2", name: "Publish", settings: marked("Publish") },
      { jobId: "3", name: "Publish", settings: marked("Publish", "/Workspace/Users/me@x.com/.bundle/other/prod") },
      { jobId: "4", name: "Twice", settings: marked("Twice") },
      { jobId: "5", name: "Twice", settings: marked("Twice") },
    ];
    const wanted = [{ key: "load", name: "Renamed" }, { key: "publish", name: "Publish" }, { key: "twice", name: "Twice" }, { key: "new", name: "New" }];
    const m = matchBundleJobs(wanted, deployed, new Map([["load", "1"], ["gone", "99"]]), "/Users/me@x.com/.bundle/sales/prod");
    expect([...m.matched]).toEqual([["load", "1"], ["publish", "2"]]);
    expect([...m.how]).toEqual([["load", "state"], ["publish", "name"]]);
    expect(m.ambiguous).toEqual([{ key: "twice", jobIds: ["4", "5"] }]);
    expect(m.missing).toEqual(["new"]);
  });
});

describe("imports keep references", () => {
  it("rewrites run_job ids of known jobs (also inside for_each) and lists the others", () => {
    const doc = {
      tasks: [
        { task_key: "a", run_job_task: { job_id: 11 } },
        { task_key: "b", run_job_task: { job_id: 12n } },
        { task_key: "c", for_each_task: { inputs: "[1]", task: { task_key: "c_inner", run_job_task: { job_id: 11 } } } },
      ],
    };
    const out = symbolicJobRefs(doc, new Map([["11", "load"]]));
    expect(out.document).toEqual({
      tasks: [
        { task_key: "a", run_job_task: { job_id: "${jobs.load.id}" } },
        { task_key: "b", run_job_task: { job_id: 12n } },
        { task_key: "c", for_each_task: { inputs: "[1]", task: { task_key: "c_inner", run_job_task: { job_id: "${jobs.load.id}" } } } },
      ],
    });
    expect(out.outside).toEqual([{ taskKey: "b", jobId: "12" }]);
    expect(doc.tasks[0]?.run_job_task?.job_id).toBe(11);
  });

  it("escapes ${…} text so a job file keeps it literally", () => {
    expect(escapeReferences({ a: ["echo ${HOME}", "$${x}", "{{job.id}}", "${unclosed"] })).toEqual({ a: ["echo $${HOME}", "$$${x}", "{{job.id}}", "${unclosed"] });
  });
});

describe("plan notes a job that still carries a bundle's markers", () => {
  const desired = { key: "load", file: "jobs/load.yaml", document: { name: "Load" }, locate: () => ({ file: "jobs/load.yaml", line: 1, column: 1 }) } as unknown as DesiredJob;
  const live = (settings: Record<string, unknown>): LiveJob => ({ jobId: "7", settings: { ...settings, max_concurrent_runs: 1 }, permissions: [{ user_name: "me@x.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] }], creatorUserName: "me@x.com" });

  it("adopting a bundle job: an update that clears the markers, never a create, with the note", () => {
    const plan = planJobs([desired], [live(marked("Load"))], { project: "acme", prune: false, deployer: "me@x.com", adopt: { load: "7" } });
    expect(plan.summary).toEqual({ create: 0, update: 1, delete: 0, no_op: 0 });
    // edit_mode goes back to its default, which only jobs/reset is documented to do.
    expect(plan.changes[0]).toMatchObject({ action: "update", adopting: true, strategy: "reset" });
    expect(plan.changes[0]?.fields.filter((f) => f.path !== "/tags")).toEqual([
      { op: "remove", path: "/deployment", before: marked("Load").deployment },
      { op: "replace", path: "/edit_mode", before: "UI_LOCKED", after: "EDITABLE" },
    ]);
    expect(plan.notes).toEqual([bundleMarkerNote(["load"])]);
    expect(plan.notes[0]).toContain("load still carries an Asset Bundle's markers");
  });

  it("no note once the markers are gone", () => {
    const plan = planJobs([desired], [live({ name: "Load", tags: { jobform_project: "acme", jobform_key: "load" } })], { project: "acme", prune: false, deployer: "me@x.com" });
    expect(plan.notes).toEqual([]);
  });
});

describe("bundleRootPath", () => {
  const bundle = (workspace: Record<string, unknown> | undefined, target: Record<string, unknown> = {}) =>
    ({ name: "sales", workspace: workspace && { value: workspace }, targets: new Map([["prod", [{ value: target }]]]) }) as unknown as Parameters<typeof bundleRootPath>[0];
  it("is the bundles CLI's default for the deploying user, or the bundle's root_path with its references filled", () => {
    expect(bundleRootPath(bundle(undefined), "prod", "me@x.com")).toBe("/Users/me@x.com/.bundle/sales/prod");
    expect(bundleRootPath(bundle({ root_path: "/Workspace/Shared/.bundle/${bundle.name}/${bundle.target}" }), "prod", "me@x.com")).toBe("/Shared/.bundle/sales/prod");
    expect(bundleRootPath(bundle({ root_path: "/Shared/a" }, { workspace: { root_path: "/Shared/b/${workspace.current_user.short_name}" } }), "prod", "me.too@x.com")).toBe("/Shared/b/me_too");
    expect(bundleRootPath(bundle({ root_path: "/Shared/${var.unknown}" }), "prod", "me@x.com")).toBeUndefined();
  });
});

describe("symbolicJobRefsInText", () => {
  it("splices the reference into the file, keeping comments and ids beyond 2^53 exact", () => {
    const text = "name: x # the runner\ntasks:\n  - task_key: a\n    run_job_task:\n      job_id: 9007199254740993 # big\n  - task_key: b\n    run_job_task: { job_id: 7 }\n";
    const out = symbolicJobRefsInText(text, new Map([["9007199254740993", "load"]]));
    expect(out.text).toBe("name: x # the runner\ntasks:\n  - task_key: a\n    run_job_task:\n      job_id: ${jobs.load.id} # big\n  - task_key: b\n    run_job_task: { job_id: 7 }\n");
    expect(out.outside).toEqual([{ taskKey: "b", jobId: "7" }]);
  });
});
