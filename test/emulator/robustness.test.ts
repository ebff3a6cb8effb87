// The emulator answers malformed requests the way the service does — a 4xx with an error body — never a 500
// from a crash: seeded random bodies against the write endpoints, through the socket-free dispatcher.
import { describe, expect, it } from "vitest";
import { prng } from "../../src/lib/prng.js";
import { call, createJob, nb, workspace } from "./helpers.js";

const ODD: unknown[] = [null, 0, -1, 1.5, "", "x", true, [], {}, [null], [{}], { a: [1, { b: null }] }, "9007199254740993", 9007199254740993n];

function randomBody(r: () => number, template: Record<string, unknown>): unknown {
  if (r() < 0.1) return ODD[Math.floor(r() * ODD.length)];
  const body = structuredClone(template);
  for (let n = 0; n < 1 + Math.floor(r() * 3); n++) {
    let node: Record<string, unknown> = body;
    for (let depth = 0; depth < 4; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[Math.floor(r() * keys.length)] as string;
      const child = node[key];
      if (r() < 0.4 || child === null || typeof child !== "object") {
        node[key] = structuredClone(ODD[Math.floor(r() * ODD.length)]);
        break;
      }
      node = child as Record<string, unknown>;
    }
  }
  return body;
}

describe("emulator robustness", () => {
  it("answers 600 mutated write requests with 2xx or 4xx and an error body, never a crash", () => {
    const ws = workspace();
    const id = Number(createJob(ws, { name: "base", tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })] }));
    const settings = { name: "j", tags: { t: "v" }, schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC" }, tasks: [nb("a"), nb("b", { depends_on: [{ task_key: "a" }] })], job_clusters: [{ job_cluster_key: "c", new_cluster: { spark_version: "15.4.x-scala2.12", node_type_id: "i3.xlarge", num_workers: 1 } }] };
    const endpoints: [string, string, Record<string, unknown>][] = [
      ["POST", "/api/2.2/jobs/create", settings],
      ["POST", "/api/2.2/jobs/update", { job_id: id, new_settings: settings, fields_to_remove: ["tags", "tasks/a"] }],
      ["POST", "/api/2.2/jobs/reset", { job_id: id, new_settings: settings }],
      ["PUT", `/api/2.0/permissions/jobs/${id}`, { access_control_list: [{ user_name: "me@example.com", permission_level: "IS_OWNER" }, { group_name: "g", permission_level: "CAN_VIEW" }] }],
      ["POST", "/api/2.2/jobs/runs/submit", { run_name: "r", tasks: [nb("a")], idempotency_token: "tok" }],
      ["POST", "/api/2.2/jobs/run-now", { job_id: id, job_parameters: { a: "1" }, only: ["a"] }],
      ["POST", "/api/2.0/workspace/import", { path: "/Shared/x.py", format: "SOURCE", language: "PYTHON", content: Buffer.from("# Databricks notebook source\n1").toString("base64"), overwrite: true }],
    ];
    const r = prng(42);
    const statuses = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const [method, path, template] = endpoints[i % endpoints.length]!;
      const res = call(ws, method, path, randomBody(r, template));
      statuses.add(res.status);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`).toBeLessThan(500);
      if (res.status >= 400) expect((res.body as { error_code?: string })?.error_code, `${method} ${path}`).toBeTypeOf("string");
    }
    expect([...statuses].some((s) => s >= 400)).toBe(true);
    expect([...statuses].some((s) => s === 200)).toBe(true);
  });
});
