import { afterEach, describe, expect, it } from "vitest";
import { DatabricksClient } from "../../src/databricks/client.js";
import { patCredentials } from "../../src/databricks/auth/pat.js";
import { parseJson } from "../../src/lib/json.js";
import { fakeClock, reply, sequence, startServer } from "./support/server.js";
import type { Handler, TestServer } from "./support/server.js";

let server: TestServer | undefined;
let client: DatabricksClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handler: Handler) {
  server = await startServer(handler);
  client = new DatabricksClient(server.url, { credentials: patCredentials("t0k3n-value"), clock: fakeClock(), retry: { random: () => 0 } });
  return { server, client };
}

const tasks = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ task_key: `t${from + i}` }));

describe("pagination", () => {
  it("follows next_page_token through jobs/list at the maximum page size", async () => {
    const pages: Record<string, object> = {
      "": { jobs: [{ job_id: 1 }, { job_id: 2 }], has_more: true, next_page_token: "p2" },
      p2: { jobs: [{ job_id: 9007199254740993n.toString() }], has_more: true, next_page_token: "p3" },
      p3: { has_more: false },
    };
    const { server, client } = await setup((q, res) => reply(res, 200, pages[q.query.get("page_token") ?? ""] ?? {}));
    const jobs = await client.jobs.listAll({ name: "Sales" });
    expect(jobs.map((j) => String(j.job_id))).toEqual(["1", "2", "9007199254740993"]);
    expect(server.requests.map((r) => r.query.toString())).toEqual(["limit=100&name=Sales", "limit=100&name=Sales&page_token=p2", "limit=100&name=Sales&page_token=p3"]);
  });

  it("stops reading runs once enough are collected", async () => {
    const { server, client } = await setup((q, res) => reply(res, 200, { runs: [{ run_id: 1 }, { run_id: 2 }], next_page_token: `n${q.query.get("page_token") ?? ""}` }));
    const runs = await client.runs.listSome({ job_id: 5 }, 3);
    expect(runs).toHaveLength(3);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.query.get("job_id")).toBe("5");
  });

  it("concatenates the 2.2 paged arrays of one job, keeping first-page scalars", async () => {
    const pages: Record<string, string> = {
      "": `{"job_id":9223372036854775807,"settings":{"name":"big","tasks":${JSON.stringify(tasks(0, 100))},"job_clusters":[{"job_cluster_key":"c"}],"parameters":[{"name":"p","default":""}]},"has_more":true,"next_page_token":"2"}`,
      "2": `{"job_id":9223372036854775807,"settings":{"tasks":${JSON.stringify(tasks(100, 100))},"job_clusters":[],"environments":[{"environment_key":"e"}]},"next_page_token":"3"}`,
      "3": `{"job_id":9223372036854775807,"settings":{"tasks":${JSON.stringify(tasks(200, 5))}}}`,
    };
    const { server, client } = await setup((q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(pages[q.query.get("page_token") ?? ""]);
    });
    const job = await client.jobs.get(9223372036854775807n);
    expect(job.job_id).toBe(9223372036854775807n);
    expect(job.settings?.name).toBe("big");
    expect(job.settings?.tasks?.map((t) => t.task_key)).toEqual(tasks(0, 205).map((t) => t.task_key));
    expect(job.settings?.job_clusters).toEqual([{ job_cluster_key: "c" }]);
    expect(job.settings?.environments).toEqual([{ environment_key: "e" }]);
    expect(job).not.toHaveProperty("next_page_token");
    expect(server.requests.map((r) => r.query.get("job_id"))).toEqual(Array(3).fill("9223372036854775807"));
  });

  it("concatenates a run's tasks, repair history and for-each iterations", async () => {
    const pages: Record<string, object> = {
      "": { run_id: 8, state: { life_cycle_state: "RUNNING" }, tasks: tasks(0, 2), iterations: [{ task_key: "i", run_id: 1 }], repair_history: [{ id: 1 }], next_page_token: "b" },
      b: { run_id: 8, tasks: [], iterations: [{ task_key: "i", run_id: 2 }], repair_history: [{ id: 2 }], job_parameters: [{ name: "x" }] },
    };
    const { client } = await setup((q, res) => reply(res, 200, pages[q.query.get("page_token") ?? ""] ?? {}));
    const run = await client.runs.get(8, { include_history: true });
    expect(run.state?.life_cycle_state).toBe("RUNNING");
    expect(run.tasks).toHaveLength(2);
    expect(run.iterations?.map((i) => i.run_id)).toEqual([1, 2]);
    expect(run.repair_history?.map((r) => r.id)).toEqual([1, 2]);
    expect(run.job_parameters).toEqual([{ name: "x" }]);
  });

  it("refuses a page token that repeats instead of looping forever", async () => {
    const { client } = await setup((_q, res) => reply(res, 200, { jobs: [{ job_id: 1 }], next_page_token: "same" }));
    await expect(client.jobs.listAll()).rejects.toThrow(/repeated the page token/);
  });
});

describe("typed endpoints", () => {
  it("mints one idempotency token for run-now and resends it on retry", async () => {
    const { server, client } = await setup(sequence((_q, res) => reply(res, 503, {}), (_q, res) => reply(res, 200, { run_id: 3, number_in_job: 3 })));
    await expect(client.jobs.runNow({ job_id: 1, job_parameters: { d: "x" } })).resolves.toEqual({ run_id: 3, number_in_job: 3 });
    const tokens = server.requests.map((r) => (parseJson(r.body) as { idempotency_token: string }).idempotency_token);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^jobform-/);
    expect(tokens[0]!.length).toBeLessThanOrEqual(64);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it("keeps a caller's submit token", async () => {
    const { server, client } = await setup((_q, res) => reply(res, 200, { run_id: 4 }));
    await client.runs.submit({ run_name: "x", tasks: [], idempotency_token: "mine" });
    expect(server.requests[0]?.body).toContain('"idempotency_token":"mine"');
  });

  it("speaks 2.2 for jobs and 2.0 for permissions, workspace and scim", async () => {
    const { server, client } = await setup((_q, res) => reply(res, 200, {}));
    await client.jobs.reset(1, { name: "a" });
    await client.jobs.update({ job_id: 1, fields_to_remove: ["schedule"] });
    await client.jobs.delete(1);
    await client.runs.cancel(2);
    await client.runs.cancelAll({ job_id: 1 });
    await client.runs.repair({ run_id: 2, rerun_all_failed_tasks: true });
    await client.runs.delete(2);
    await client.runs.getOutput(2);
    await client.permissions.getJob(9007199254740993n);
    await client.permissions.setJob(1, [{ user_name: "a@b.c", permission_level: "IS_OWNER" }]);
    await client.permissions.updateJob(1, [{ group_name: "g", permission_level: "CAN_VIEW" }]);
    await expect(client.workspace.list("/Shared")).resolves.toEqual([]);
    await client.workspace.getStatus("/Shared/x");
    await client.workspace.import({ path: "/Shared/x", content: "YQ==", format: "SOURCE", language: "PYTHON", overwrite: true });
    await client.workspace.mkdirs("/Shared/d");
    await client.workspace.delete("/Shared/d", true);
    await client.scim.me();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/2.2/jobs/reset",
      "POST /api/2.2/jobs/update",
      "POST /api/2.2/jobs/delete",
      "POST /api/2.2/jobs/runs/cancel",
      "POST /api/2.2/jobs/runs/cancel-all",
      "POST /api/2.2/jobs/runs/repair",
      "POST /api/2.2/jobs/runs/delete",
      "GET /api/2.2/jobs/runs/get-output",
      "GET /api/2.0/permissions/jobs/9007199254740993",
      "PUT /api/2.0/permissions/jobs/1",
      "PATCH /api/2.0/permissions/jobs/1",
      "GET /api/2.0/workspace/list",
      "GET /api/2.0/workspace/get-status",
      "POST /api/2.0/workspace/import",
      "POST /api/2.0/workspace/mkdirs",
      "POST /api/2.0/workspace/delete",
      "GET /api/2.0/preview/scim/v2/Me",
    ]);
    expect(server.requests[10]?.body).toBe('{"access_control_list":[{"group_name":"g","permission_level":"CAN_VIEW"}]}');
  });

  it("decodes exported bytes", async () => {
    const { server, client } = await setup((_q, res) => reply(res, 200, { content: Buffer.from("# Databricks notebook source\n").toString("base64"), file_type: "py" }));
    await expect(client.workspace.exportBytes("/Shared/nb")).resolves.toEqual(Buffer.from("# Databricks notebook source\n"));
    expect(server.requests[0]?.query.toString()).toBe("path=%2FShared%2Fnb&format=SOURCE");
  });
});
