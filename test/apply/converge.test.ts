// Apply's convergence check names a value the workspace dropped (issue #12, difference 2) instead of
// only listing its path, so the fix (the value in git) is obvious.
import { afterEach, describe, expect, it } from "vitest";
import { checkConverged } from "../../src/apply/converge.js";
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
});
