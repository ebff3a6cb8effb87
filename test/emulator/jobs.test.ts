import { describe, expect, it } from "vitest";
import { call, createJob, getSettings, nb, ok, workspace } from "./helpers.js";

const keys = (s: Record<string, unknown>) => (s.tasks as Record<string, unknown>[]).map((t) => t.task_key);

describe("jobs/update", () => {
  it("replaces top-level fields wholesale and merges tasks and job clusters by key", () => {
    const ws = workspace();
    const id = createJob(ws, {
      name: "a",
      email_notifications: { on_start: ["x@y.z"], on_failure: ["x@y.z"] },
      job_clusters: [{ job_cluster_key: "c", new_cluster: { num_workers: 1, node_type_id: "i3.xlarge" } }],
      tasks: [nb("a"), nb("b", { job_cluster_key: "c" })],
    });
    ok(call(ws, "POST", "/api/2.2/jobs/update", {
      job_id: Number(id),
      new_settings: { email_notifications: { on_failure: ["q@y.z"] }, tasks: [nb("b", { max_retries: 3, job_cluster_key: "c" }), nb("c")] },
    }));
    const s = getSettings(ws, id);
    expect(s.email_notifications).toEqual({ on_failure: ["q@y.z"] });
    expect(keys(s)).toEqual(["a", "b", "c"]);
    expect((s.tasks as Record<string, unknown>[])[1]?.max_retries).toBe(3);
    expect(s.name).toBe("a");
  });

  it("removes top-level fields, tasks/<key> and job_clusters/<key>, then validates the result", () => {
    const ws = workspace();
    const id = createJob(ws, {
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC" },
      tags: { a: "b" },
      job_clusters: [{ job_cluster_key: "c", new_cluster: { num_workers: 1 } }],
      tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })],
    });
    ok(call(ws, "POST", "/api/2.2/jobs/update", { job_id: id, fields_to_remove: ["schedule", "tags", "job_clusters/c"] }));
    const s = getSettings(ws, id);
    expect(s.schedule).toBeUndefined();
    expect(s.tags).toBeUndefined();
    expect(s.job_clusters).toBeUndefined();
    const r = call(ws, "POST", "/api/2.2/jobs/update", { job_id: id, fields_to_remove: ["tasks/a"] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
    expect(keys(getSettings(ws, id))).toEqual(["a", "b"]);
    const bad = call(ws, "POST", "/api/2.2/jobs/update", { job_id: id, fields_to_remove: ["schedule/pause_status"] });
    expect(bad.status).toBe(400);
  });

  it("leaves queue alone when not sent (2.2)", () => {
    const ws = workspace();
    const id = createJob(ws, { name: "a", queue: { enabled: false } });
    ok(call(ws, "POST", "/api/2.2/jobs/update", { job_id: id, new_settings: { name: "b" } }));
    expect(getSettings(ws, id).queue).toEqual({ enabled: false });
  });
});

describe("jobs/reset", () => {
  it("replaces everything, keeps an omitted run_as and re-enables the queue on 2.2", () => {
    const ws = workspace({ principals: ["user:bob@example.com"] });
    const id = createJob(ws, { name: "a", tags: { t: "1" }, queue: { enabled: false }, run_as: { user_name: "bob@example.com" } });
    ok(call(ws, "POST", "/api/2.2/jobs/reset", { job_id: id, new_settings: { name: "b" } }));
    const s = getSettings(ws, id);
    expect(s.name).toBe("b");
    expect(s.tags).toBeUndefined();
    expect(s.queue).toEqual({ enabled: true });
    expect(s.run_as).toEqual({ user_name: "bob@example.com" });
    const job = ok(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`));
    expect(job.run_as_user_name).toBe("bob@example.com");
  });

  it("needs new_settings", () => {
    const ws = workspace();
    const id = createJob(ws, {});
    expect(call(ws, "POST", "/api/2.2/jobs/reset", { job_id: id }).body).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Missing required field: new_settings" });
  });
});

describe("unknown jobs and validation", () => {
  it("answers 400 INVALID_PARAMETER_VALUE for an unknown job on every verb", () => {
    const ws = workspace();
    const expected = { error_code: "INVALID_PARAMETER_VALUE", message: "Job 42 does not exist." };
    expect(call(ws, "GET", "/api/2.2/jobs/get?job_id=42")).toEqual({ status: 400, body: expected });
    for (const verb of ["reset", "update", "delete"]) expect(call(ws, "POST", `/api/2.1/jobs/${verb}`, { job_id: 42, new_settings: {} })).toEqual({ status: 400, body: expected });
    expect(call(ws, "GET", "/api/2.2/jobs/get").body).toMatchObject({ message: "Missing required field: job_id" });
  });

  it.each([
    [{ tasks: [nb("a"), nb("a")] }, "more than one task"],
    [{ tasks: [nb("a", { depends_on: [{ task_key: "a" }] })] }, "Invalid dependency graph, task 'a' can not reference itself."],
    [{ tasks: [nb("a", { depends_on: [{ task_key: "zz" }] })] }, "Invalid dependency graph"],
    [{ git_source: { git_url: "u" } }, "git_source.git_provider must be one of: github,gitlab"],
    [{ job_clusters: [{ job_cluster_key: "c", new_cluster: { num_workers: 0 } }] }, "NumWorkers could be 0 only for SingleNode clusters"],
    [{ tasks: Array.from({ length: 1001 }, (_, i) => nb(`t${i}`)) }, "at most 1000 tasks"],
    [{ tags: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, "v"])) }, "at most 25 tags"],
    [{ max_concurrent_runs: 1001 }, "max_concurrent_runs"],
    [{ tasks: [{ notebook_task: { notebook_path: "/x" } }] }, "Missing required field: settings.tasks.task_key"],
  ])("rejects %#", (settings, message) => {
    const r = call(workspace(), "POST", "/api/2.2/jobs/create", settings);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE" });
    expect((r.body as { message: string }).message).toContain(message);
  });

  it("accepts a single-node cluster", () => {
    createJob(workspace(), { job_clusters: [{ job_cluster_key: "c", new_cluster: { num_workers: 0, spark_conf: { "spark.databricks.cluster.profile": "singleNode" } } }] });
  });

  it("deletes a job", () => {
    const ws = workspace();
    const id = createJob(ws, {});
    ok(call(ws, "POST", "/api/2.2/jobs/delete", { job_id: id }));
    expect(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`).status).toBe(400);
  });
});

describe("pagination", () => {
  it("2.2 jobs/get pages tasks at 100; 2.1 returns them all", () => {
    const ws = workspace();
    const tasks = Array.from({ length: 250 }, (_, i) => nb(`t${String(i).padStart(3, "0")}`));
    const id = createJob(ws, { tasks, parameters: [{ name: "p", default: "" }] });
    const seen: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = ok<{ settings: Record<string, unknown>; next_page_token?: string }>(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}${token ? `&page_token=${token}` : ""}`));
      const t = (page.settings.tasks as unknown[]) ?? [];
      expect(t.length).toBeLessThanOrEqual(100);
      if (pages > 0) expect(page.settings.parameters).toBeUndefined();
      seen.push(...t);
      token = page.next_page_token;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect((getSettings(ws, id, "2.1").tasks as unknown[]).length).toBe(250);
  });

  it("jobs/list pages with tokens, filters by exact case-insensitive name, and truncates expanded tasks", () => {
    const ws = workspace();
    for (let i = 0; i < 25; i++) createJob(ws, { name: i % 5 === 0 ? "Sales Load" : `job ${i}`, tasks: [nb("a")] });
    createJob(ws, { name: "big", tasks: Array.from({ length: 120 }, (_, i) => nb(`t${i}`)) });
    const first = ok<{ jobs: Record<string, unknown>[]; has_more: boolean; next_page_token: string }>(call(ws, "GET", "/api/2.2/jobs/list"));
    expect(first.jobs).toHaveLength(20);
    expect(first.has_more).toBe(true);
    expect((first.jobs[0]?.settings as Record<string, unknown>).tasks).toBeUndefined();
    const second = ok<{ jobs: unknown[]; has_more: boolean }>(call(ws, "GET", `/api/2.2/jobs/list?page_token=${first.next_page_token}`));
    expect(second.jobs).toHaveLength(6);
    expect(second.has_more).toBe(false);
    const named = ok<{ jobs: unknown[] }>(call(ws, "GET", "/api/2.2/jobs/list?name=sales%20load&limit=100"));
    expect(named.jobs).toHaveLength(5);
    expect(ok(call(ws, "GET", "/api/2.2/jobs/list?name=sales")).jobs).toBeUndefined();
    const big = ok<{ jobs: Record<string, unknown>[] }>(call(ws, "GET", "/api/2.2/jobs/list?name=big&expand_tasks=true"));
    expect(big.jobs[0]?.has_more).toBe(true);
    expect(((big.jobs[0]?.settings as Record<string, unknown>).tasks as unknown[]).length).toBe(100);
    expect(call(ws, "GET", "/api/2.2/jobs/list?limit=101").status).toBe(400);
  });
});

describe("dependency cycles", () => {
  it("are refused on create and on the merged result of an update", () => {
    const ws = workspace();
    const cyclic = call(ws, "POST", "/api/2.2/jobs/create", { name: "c", tasks: [nb("a", { depends_on: [{ task_key: "b" }] }), nb("b", { depends_on: [{ task_key: "a" }] })] });
    expect(cyclic.status).toBe(400);
    expect(cyclic.body).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE", message: "Invalid dependency graph, cycle detected: a -> b -> a." });
    const id = createJob(ws, { name: "ok", tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })] });
    const update = call(ws, "POST", "/api/2.2/jobs/update", { job_id: Number(id), new_settings: { tasks: [nb("a", { depends_on: [{ task_key: "b" }] })] } });
    expect(update.status).toBe(400);
    expect(getSettings(ws, id).tasks).toHaveLength(2);
  });
});
