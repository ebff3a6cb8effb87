// Two clients written by others exercise every endpoint jobform uses (jobs, runs, permissions, workspace,
// SCIM) against the emulator over HTTP: the official JS SDK, and curl the way the official API pages use
// it (`--data @file.json`, i.e. a form content type, which the service reads as JSON: issue #12, difference 6).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";

const TOKEN = "clients-token";
const ME = "clients@example.com";
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ token: TOKEN, user: ME, runDurationMs: 10, principals: ["group:eng", "service_principal:ci-app"] });
});
afterAll(async () => {
  await emu.close();
});

const hasCurl = (() => {
  try {
    execFileSync("curl", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), "jobform-curl-"));

const run = promisify(execFile);

/** curl as the docs write it: -X METHOD, a bearer header, and the body as --data @file (async: the emulator shares this process). */
async function curl(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const args = ["-sS", "-X", method, "-H", `Authorization: Bearer ${TOKEN}`, "-w", "\n%{http_code}"];
  if (body !== undefined) {
    const file = join(dir, "body.json");
    writeFileSync(file, JSON.stringify(body));
    args.push("--data", `@${file}`);
  }
  const { stdout: out } = await run("curl", [...args, `${emu.url}${path}`], { encoding: "utf8" });
  const i = out.lastIndexOf("\n");
  const text = out.slice(0, i);
  return { status: Number(out.slice(i + 1)), body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

async function until<T>(read: () => Promise<T> | T, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await read();
    if (done(v) || i > 400) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const nbContent = Buffer.from("# Databricks notebook source\nprint(1)\n").toString("base64");
const terminated = (r: { body: Record<string, unknown> }) => (r.body.state as { life_cycle_state?: string } | undefined)?.life_cycle_state === "TERMINATED";

describe("curl, as the API docs use it", () => {
  it.skipIf(!hasCurl)("answers every endpoint jobform uses", async () => {
    const ok = (r: { status: number; body: Record<string, unknown> }) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    expect(ok(await curl("GET", "/api/2.0/preview/scim/v2/Me")).userName).toBe(ME);
    expect(ok(await curl("GET", `/api/2.0/preview/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${ME}"`)}`)).totalResults).toBe(1);
    expect(ok(await curl("GET", `/api/2.0/preview/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "eng"')}`)).totalResults).toBe(1);
    expect(ok(await curl("GET", `/api/2.0/preview/scim/v2/ServicePrincipals?filter=${encodeURIComponent('applicationId eq "ci-app"')}`)).totalResults).toBe(1);
    const home = `/Users/${ME}/curl`;
    ok(await curl("POST", "/api/2.0/workspace/mkdirs", { path: home }));
    ok(await curl("POST", "/api/2.0/workspace/import", { path: `${home}/nb`, format: "SOURCE", language: "PYTHON", content: nbContent }));
    expect(ok(await curl("GET", `/api/2.0/workspace/get-status?path=${encodeURIComponent(`${home}/nb`)}`)).object_type).toBe("NOTEBOOK");
    expect(ok(await curl("GET", `/api/2.0/workspace/list?path=${encodeURIComponent(home)}`)).objects).toHaveLength(1);
    expect(ok(await curl("GET", `/api/2.0/workspace/export?path=${encodeURIComponent(`${home}/nb`)}&format=SOURCE`)).content).toBeTypeOf("string");
    const task = { task_key: "a", notebook_task: { notebook_path: `${home}/nb` } };
    const jobId = ok(await curl("POST", "/api/2.2/jobs/create", { name: "curl job", tasks: [task] })).job_id;
    expect((ok(await curl("GET", `/api/2.2/jobs/get?job_id=${String(jobId)}`)).settings as Record<string, unknown>).name).toBe("curl job");
    expect(ok(await curl("GET", "/api/2.2/jobs/list?limit=25")).jobs).toHaveLength(1);
    ok(await curl("POST", "/api/2.2/jobs/update", { job_id: jobId, new_settings: { max_concurrent_runs: 2 } }));
    ok(await curl("POST", "/api/2.2/jobs/reset", { job_id: jobId, new_settings: { name: "curl job", max_concurrent_runs: 2, tasks: [task] } }));
    ok(await curl("PUT", `/api/2.0/permissions/jobs/${String(jobId)}`, { access_control_list: [{ user_name: ME, permission_level: "IS_OWNER" }, { group_name: "eng", permission_level: "CAN_VIEW" }] }));
    ok(await curl("PATCH", `/api/2.0/permissions/jobs/${String(jobId)}`, { access_control_list: [{ service_principal_name: "ci-app", permission_level: "CAN_MANAGE_RUN" }] }));
    expect(ok(await curl("GET", `/api/2.0/permissions/jobs/${String(jobId)}`)).access_control_list).toHaveLength(4);
    const runId = ok(await curl("POST", "/api/2.2/jobs/run-now", { job_id: jobId })).run_id;
    const run = ok(await until(() => curl("GET", `/api/2.2/jobs/runs/get?run_id=${String(runId)}`), terminated));
    const taskRun = (run.tasks as { run_id: number }[])[0]?.run_id;
    expect(ok(await curl("GET", `/api/2.2/jobs/runs/get-output?run_id=${String(taskRun)}`)).metadata).toBeDefined();
    expect(ok(await curl("GET", `/api/2.2/jobs/runs/list?job_id=${String(jobId)}`)).runs).toHaveLength(1);
    ok(await curl("POST", "/api/2.2/jobs/runs/repair", { run_id: runId, rerun_tasks: ["a"] }));
    const submitted = ok(await curl("POST", "/api/2.2/jobs/runs/submit", { run_name: "curl run", tasks: [task] })).run_id;
    ok(await curl("POST", "/api/2.2/jobs/runs/cancel", { run_id: submitted }));
    ok(await curl("POST", "/api/2.2/jobs/runs/cancel-all", { job_id: jobId }));
    ok(await curl("POST", "/api/2.2/jobs/delete", { job_id: jobId }));
    ok(await curl("POST", "/api/2.0/workspace/delete", { path: home, recursive: true }));
  });
});

describe("@databricks/sdk-experimental", () => {
  it("answers every endpoint jobform uses", async () => {
    const w = new WorkspaceClient({ host: emu.url, token: TOKEN, authType: "pat", configFile: "/nonexistent/databrickscfg" });
    expect((await w.currentUser.me()).userName).toBe(ME);
    // The SDK's SCIM list iterators never advance startIndex: take the first answer and stop.
    const first = async <T>(it: AsyncIterable<T>) => {
      for await (const v of it) return v;
      return undefined;
    };
    expect(await first(w.usersV2.list({ filter: `userName eq "${ME}"` }))).toMatchObject({ userName: ME });
    expect(await first(w.groupsV2.list({ filter: 'displayName eq "eng"' }))).toMatchObject({ displayName: "eng" });
    expect(await first(w.servicePrincipalsV2.list({ filter: 'applicationId eq "ci-app"' }))).toMatchObject({ applicationId: "ci-app" });
    const home = `/Users/${ME}/sdk`;
    await w.workspace.mkdirs({ path: home });
    await w.workspace.import({ path: `${home}/nb`, format: "SOURCE", language: "PYTHON", content: nbContent });
    expect((await w.workspace.getStatus({ path: `${home}/nb` })).object_type).toBe("NOTEBOOK");
    const listed = [];
    for await (const o of w.workspace.list({ path: home })) listed.push(o.path);
    expect(listed).toEqual([`${home}/nb`]);
    expect((await w.workspace.export({ path: `${home}/nb`, format: "SOURCE" })).content).toBeTypeOf("string");
    const task = { task_key: "a", notebook_task: { notebook_path: `${home}/nb` } };
    const jobId = (await w.jobs.create({ name: "sdk job", tasks: [task] })).job_id as number;
    expect((await w.jobs.get({ job_id: jobId })).settings?.name).toBe("sdk job");
    await w.jobs.update({ job_id: jobId, new_settings: { max_concurrent_runs: 2 } });
    await w.jobs.reset({ job_id: jobId, new_settings: { name: "sdk job", tasks: [task] } });
    await w.jobs.setPermissions({ job_id: String(jobId), access_control_list: [{ user_name: ME, permission_level: "IS_OWNER" }, { group_name: "eng", permission_level: "CAN_VIEW" }] });
    // The SDK sends request bodies only with POST and PUT (api-client.js), so its PATCH arrives empty and the
    // service refuses it (issue #12, difference 10): the list given here never reaches the workspace.
    await expect(w.jobs.updatePermissions({ job_id: String(jobId), access_control_list: [{ service_principal_name: "ci-app", permission_level: "CAN_MANAGE_RUN" }] })).rejects.toMatchObject({
      message: "Missing required field: access_control_list",
    });
    expect((await w.jobs.getPermissions({ job_id: String(jobId) })).access_control_list).toHaveLength(3);
    const runId = (await w.jobs.runNow({ job_id: jobId })).run_id as number;
    const run = await until(() => w.jobs.getRun({ run_id: runId }), (r) => r.state?.life_cycle_state === "TERMINATED");
    expect((await w.jobs.getRunOutput({ run_id: run.tasks?.[0]?.run_id as number })).metadata).toBeDefined();
    const runs = [];
    for await (const r of w.jobs.listRuns({ job_id: jobId })) runs.push(r.run_id);
    expect(runs).toEqual([runId]);
    await w.jobs.repairRun({ run_id: runId, rerun_tasks: ["a"] });
    const submitted = (await w.jobs.submit({ run_name: "sdk run", tasks: [task] })).run_id as number;
    await w.jobs.cancelRun({ run_id: submitted });
    await w.jobs.cancelAllRuns({ job_id: jobId });
    const jobs = [];
    for await (const j of w.jobs.list({})) jobs.push(j.job_id);
    expect(jobs).toEqual([jobId]);
    await w.jobs.delete({ job_id: jobId });
    await w.workspace.delete({ path: home, recursive: true });
    const seen = new Set(emu.workspace.requestLog.map((e) => `${e.method} ${e.path.replace(/^\/api\/2\.\d\//, "")}`));
    for (const p of ["GET preview/scim/v2/Users", "PATCH permissions/jobs/" + String(jobId), "POST jobs/runs/repair", "POST workspace/import"]) expect(seen).toContain(p);
  });
});
