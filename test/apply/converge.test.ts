// Apply's convergence check names a value the workspace dropped (issue #12, difference 2) instead of
// only listing its path, so the fix (the value in git) is obvious.
import { afterEach, describe, expect, it } from "vitest";
import { checkConverged } from "../../src/apply/converge.js";
import { planJobs } from "../../src/core/plan.js";
import { readLive } from "../../src/live/read-live.js";
import { droppedRules, readDropped } from "../../src/live/dropped-values.js";
import type { DesiredJob } from "../../src/core/resolve.js";
import { createClient, resolveConfig, type DatabricksClient } from "../../src/databricks/index.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";

let emu: RunningEmulator | undefined;
let client: DatabricksClient | undefined;
afterEach(async () => {
  await client?.close();
  await emu?.close();
});

const job = (document: Record<string, unknown>): DesiredJob => ({ key: "k", file: "jobs/k.yaml", document, locate: () => ({ file: "", line: 0, column: 0, path: "" }) });

describe("checkConverged", () => {
  it("reports a dropped enum value with both values and the reason", async () => {
    emu = await startEmulator({ token: "t" });
    client = createClient(resolveConfig({ env: { DATABRICKS_HOST: emu.url, DATABRICKS_TOKEN: "t" } }));
    const settings = { name: "K", performance_target: "STANDART", tags: { jobform_project: "p", jobform_key: "k" } };
    const created = await fetch(`${emu.url}/api/2.2/jobs/create`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify(settings) });
    expect(created.status).toBe(200);
    const report = await checkConverged(client, [job({ name: "K", performance_target: "STANDART" })], ["k"], { project: "p", prune: false, deployer: "me@example.com" });
    expect(report).toEqual([{ key: "k", job_id: "1", paths: ["/performance_target (git sets STANDART, the workspace kept PERFORMANCE_OPTIMIZED: it drops values it does not know)"] }]);
  });

  it("the next plan leaves the dropped value out with a note, once; a new value in git is planned again", async () => {
    emu = await startEmulator({ token: "t" });
    client = createClient(resolveConfig({ env: { DATABRICKS_HOST: emu.url, DATABRICKS_TOKEN: "t" } }));
    const tags = { jobform_project: "p", jobform_key: "k" };
    await fetch(`${emu.url}/api/2.2/jobs/create`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify({ name: "K", performance_target: "STANDART", tags }) });
    const opts = { project: "p", prune: false, deployer: "me@example.com" };
    const typo = job({ name: "K", performance_target: "STANDART" });
    await checkConverged(client, [typo], ["k"], opts);
    const plan = async (j: DesiredJob) => {
      const live = await readLive(client as DatabricksClient, "p", {});
      return planJobs([j], [...live.managed, ...live.unmanaged], { ...opts, ignore: droppedRules(await readDropped(client as DatabricksClient, "p", undefined), [j]) });
    };
    const again = await plan(typo);
    expect(again.summary).toMatchObject({ update: 0, no_op: 1 });
    expect(again.notes).toEqual(["ignored /performance_target on k: the workspace dropped STANDART at the last apply (a value it does not know); not sent again until git changes it"]);
    const fixed = await plan(job({ name: "K", performance_target: "STANDARD" }));
    expect(fixed.summary.update).toBe(1);
    expect(fixed.notes).toEqual([]);
  });
});
