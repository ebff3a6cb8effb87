import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { valueAt } from "../../src/core/pointer.js";
import { checkProject } from "../../src/core/project.js";
import { readProject } from "../../src/cli/read-project.js";
import { loadSchemas } from "../../src/cli/schemas.js";
import { CASES_DIR } from "../support/cases.js";

/** The etl job of the case as `target` resolves it; `at("a/0/b")` reads below it. */
function etl(target: string) {
  const checked = checkProject(readProject(join(CASES_DIR, "validate-override-shapes")), { target, vars: {}, env: {} }, loadSchemas());
  const doc = checked.resolved.jobs.find((j) => j.key === "etl")?.document ?? {};
  return { doc, at: (path: string) => valueAt(doc, path.split("/")) };
}

describe("target overrides", () => {
  it("replace a value of another shape: autoscale for num_workers, continuous for schedule, a cluster id for job_cluster_key", () => {
    const { doc, at } = etl("prod");
    expect(doc.schedule).toBeUndefined();
    expect(doc.continuous).toEqual({ pause_status: "UNPAUSED" });
    expect(at("job_clusters/0/new_cluster")).toEqual({ spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", autoscale: { min_workers: 2, max_workers: 8 } });
    expect(at("tasks/0")).toEqual({ task_key: "load", existing_cluster_id: "0101-123456-abcdefgh", notebook_task: { notebook_path: "/etl/load" } });
  });

  it("delete a key with `key: null`", () => {
    const { doc } = etl("prod");
    expect("timeout_seconds" in doc).toBe(false);
    expect("email_notifications" in doc).toBe(false);
  });

  it("leave same-named keys in the user's own maps alone", () => {
    expect(etl("prod").doc.tags).toEqual({ schedule: "nightly", trigger: "prod" });
  });

  it("change nothing for a target without them", () => {
    const { doc, at } = etl("dev");
    expect(doc.schedule).toBeDefined();
    expect(doc.timeout_seconds).toBe(3600);
    expect(at("job_clusters/0/new_cluster/num_workers")).toBe(2);
  });
});
