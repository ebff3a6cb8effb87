// The official JS SDK against the emulator over real HTTP. The SDK picks node:http for an http:// host
// (api-client.js chooses the agent and fetch.js the module by protocol), so no transport shim is needed:
// we only pin auth to a PAT and keep the environment's DATABRICKS_* settings out of the config.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";

let emu: RunningEmulator;
let w: WorkspaceClient;

beforeAll(async () => {
  emu = await startEmulator({ token: "sdk-token", user: "sdk@example.com" });
  w = new WorkspaceClient({ host: emu.url, token: "sdk-token", authType: "pat", configFile: "/nonexistent/databrickscfg" });
});
afterAll(async () => {
  await emu.close();
});

describe("@databricks/sdk-experimental against the emulator", () => {
  it("creates, gets, resets and lists jobs and reads permissions", async () => {
    const created = await w.jobs.create({
      name: "sdk job",
      tasks: [{ task_key: "b", notebook_task: { notebook_path: "/Shared/b" } }, { task_key: "a", notebook_task: { notebook_path: "/Shared/a" } }],
    });
    const jobId = created.job_id as number;
    expect(jobId).toBe(1);
    const job = await w.jobs.get({ job_id: jobId });
    expect(job.creator_user_name).toBe("sdk@example.com");
    expect(job.settings?.tasks?.map((t) => t.task_key)).toEqual(["a", "b"]);
    expect(job.settings?.queue).toEqual({ enabled: true });
    await w.jobs.reset({ job_id: jobId, new_settings: { name: "renamed", max_concurrent_runs: 3 } });
    const after = await w.jobs.get({ job_id: jobId });
    expect(after.settings?.name).toBe("renamed");
    expect(after.settings?.tasks).toBeUndefined();
    const listed = [];
    for await (const j of w.jobs.list({ name: "RENAMED" })) listed.push(j.job_id);
    expect(listed).toEqual([jobId]);
    const perms = await w.jobs.getPermissions({ job_id: String(jobId) });
    expect(perms.access_control_list?.[0]).toMatchObject({ user_name: "sdk@example.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] });
    const log = emu.workspace.requestLog.map((e) => `${e.method} ${e.path}`);
    expect(log).toContain("GET /api/2.0/permissions/jobs/1");
  });

  it("surfaces the emulator's error bodies as SDK errors", async () => {
    await expect(w.jobs.get({ job_id: 424242 })).rejects.toMatchObject({ message: "Job 424242 does not exist." });
  });
});
