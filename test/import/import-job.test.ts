import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assignKeys, importedDefinition, importedFrom, importedPermissions, importedYaml, keyFromName } from "../../src/core/import-job.js";
import { normalizeDesired, normalizeLive, comparableLive } from "../../src/core/normalize.js";
import type { LiveJob } from "../../src/core/plan-types.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const read = (f: string) => JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as Record<string, unknown>;

function liveJob(): LiveJob {
  const job = read("live-job.json");
  return {
    jobId: String(job.job_id),
    settings: job.settings as Record<string, unknown>,
    permissions: read("live-acl.json"),
    creatorUserName: job.creator_user_name as string,
    runAsUserName: job.run_as_user_name as string,
  };
}

describe("importedYaml", () => {
  it("writes the definition a user would have written (golden)", () => {
    const text = importedYaml(liveJob());
    const file = join(FIXTURES, "finance-month-end-close-v2.yaml");
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, "utf8"));
    expect(importedFrom(text)).toBe("880123456789012");
  });

  it("is deterministic and round-trips to the same canonical job as the live one", () => {
    const job = liveJob();
    expect(importedYaml(job)).toBe(importedYaml(liveJob()));
    const doc = parse(importedYaml(job)) as Record<string, unknown>;
    const opts = { project: "p", key: "k", deployer: "someone-else@contoso.com" };
    const want = normalizeDesired(doc, opts);
    const have = comparableLive(normalizeLive(job), want);
    // Apart from the ownership tags apply adds, nothing differs: the defaults were stripped, not lost.
    const tags = { ...(want.settings.tags as Record<string, string>) };
    delete tags.jobform_project;
    delete tags.jobform_key;
    expect({ ...have.settings, run_as: undefined }).toEqual({ ...want.settings, tags, run_as: undefined });
    expect(have.permissions).toEqual(want.permissions);
  });

  it("keeps field order fixed: name, description, tags, triggers, parameters, the rest, lists, permissions", () => {
    const doc = importedDefinition({ jobId: "1", settings: { tasks: [{ task_key: "t", notebook_task: { notebook_path: "/n" } }], max_concurrent_runs: 4, parameters: [{ name: "p", default: "x" }], continuous: { pause_status: "PAUSED" }, tags: { a: "b", jobform_key: "x", jobform_project: "y" }, description: "d", name: "n", run_as_owner: true, job_id: 1 }, permissions: [] });
    expect(Object.keys(doc)).toEqual(["name", "description", "tags", "continuous", "parameters", "max_concurrent_runs", "tasks"]);
    expect(doc.tags).toEqual({ a: "b" });
  });

  it("leaves permissions out when the access list could not be read", () => {
    const job = { ...liveJob(), aclUnreadable: true };
    expect(importedDefinition(job).permissions).toBeUndefined();
  });
});

describe("importedPermissions", () => {
  it("keeps direct grants with the principal as spelled, highest level each, never admins, owner first", () => {
    expect(importedPermissions(read("live-acl.json"))).toEqual([
      { user_name: "Maria.Jansen@contoso.com", permission_level: "IS_OWNER" },
      { service_principal_name: "6f1c2a9e-1b2c-4d3e-8f90-0a1b2c3d4e5f", permission_level: "CAN_MANAGE" },
      { group_name: "finance-analysts", permission_level: "CAN_MANAGE_RUN" },
    ]);
  });
});

describe("keys", () => {
  it("derives a key from the name", () => {
    expect(keyFromName("Finance: month-end close (v2)", "1")).toBe("finance-month-end-close-v2");
    expect(keyFromName("  ÄÖ__Sales  Load!! ", "1")).toBe("sales-load");
    expect(keyFromName("!!!", "77")).toBe("job-77");
    expect(keyFromName(undefined, "78")).toBe("job-78");
    const long = keyFromName(`${"a".repeat(99)} b`, "1");
    expect(long).toBe("a".repeat(99));
  });

  it("gives the lowest id the plain key, then -2, -3, avoiding taken keys", () => {
    const keys = assignKeys(
      [
        { jobId: "300", name: "ETL" },
        { jobId: "20", name: "etl" },
        { jobId: "1000", name: "E.T.L." },
        { jobId: "5", name: "Report" },
      ],
      new Set(["report"]),
    );
    expect(Object.fromEntries(keys)).toEqual({ "20": "etl", "300": "etl-2", "1000": "e-t-l", "5": "report-2" });
  });

  it("keeps suffixed keys within 100 characters", () => {
    const name = "x".repeat(120);
    const keys = assignKeys([{ jobId: "1", name }, { jobId: "2", name }], new Set());
    expect(keys.get("1")).toBe("x".repeat(100));
    expect(keys.get("2")).toBe(`${"x".repeat(98)}-2`);
  });
});
