// End to end over real HTTP against the project's emulator: every auth method, faults, throttling.
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/server.js";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/server.js";
import { createClient, resolveConfig } from "../../src/databricks/index.js";
import type { DatabricksClient, Env } from "../../src/databricks/index.js";
import { AuthRejectedError } from "../../src/databricks/auth/errors.js";
import { fakeClock } from "./support/server.js";

let emu: RunningEmulator | undefined;
let client: DatabricksClient | undefined;
afterEach(async () => {
  await client?.close();
  await emu?.close();
  client = emu = undefined;
});

async function start(options: EmulatorOptions = {}) {
  emu = await startEmulator({ port: 0, ...options });
  return emu;
}

function connect(env: Env, fake = true) {
  client = createClient(resolveConfig({ env }), fake ? { clock: fakeClock() } : {});
  return client;
}

async function requestLog(e: RunningEmulator): Promise<{ method: string; path: string; status: number }[]> {
  const res = await fetch(`${e.url}/__emulator/requests`);
  return ((await res.json()) as { requests: { method: string; path: string; status: number }[] }).requests;
}

const SETTINGS = {
  name: "e2e",
  tags: { project: "jobform-e2e" },
  tasks: [{ task_key: "a", notebook_task: { notebook_path: "/Shared/a" } }],
};

describe("against the emulator", () => {
  it("does the whole job life cycle with a PAT and ids above 2^53", async () => {
    const e = await start({ token: "dapi-e2e", user: "me@example.com", idStart: "9007199254740993" });
    const c = connect({ DATABRICKS_HOST: e.url, DATABRICKS_TOKEN: "dapi-e2e" });
    const { job_id } = await c.jobs.create(SETTINGS);
    expect(typeof job_id).toBe("bigint");
    expect(job_id >= 9007199254740993n).toBe(true);
    const job = await c.jobs.get(job_id);
    expect(job.job_id).toBe(job_id);
    expect(job.settings?.tasks?.map((t) => t.task_key)).toEqual(["a"]);
    expect((await c.jobs.listAll()).map((j) => j.job_id)).toEqual([job_id]);
    await c.jobs.reset(job_id, { ...SETTINGS, name: "e2e renamed" });
    expect((await c.jobs.get(job_id)).settings?.name).toBe("e2e renamed");
    const acl = await c.permissions.getJob(job_id);
    expect(acl.access_control_list?.some((a) => a.user_name === "me@example.com")).toBe(true);
    await c.workspace.mkdirs("/Shared/e2e");
    await c.workspace.import({ path: "/Shared/e2e/nb", content: Buffer.from("# Databricks notebook source\nprint(1)\n").toString("base64"), format: "SOURCE", language: "PYTHON", overwrite: true });
    expect((await c.workspace.list("/Shared/e2e")).map((o) => o.path)).toEqual(["/Shared/e2e/nb"]);
    expect((await c.scim.me()).userName).toBe("me@example.com");
    await c.jobs.delete(job_id);
    const gone = await c.jobs.get(job_id).catch((err: unknown) => err);
    const { isNotFound } = await import("../../src/databricks/errors.js");
    expect(isNotFound(gone)).toBe(true);
  });

  it("refuses a wrong token with a user error", async () => {
    const e = await start({ token: "right" });
    const c = connect({ DATABRICKS_HOST: e.url, DATABRICKS_TOKEN: "wrong" });
    await expect(c.scim.me()).rejects.toBeInstanceOf(AuthRejectedError);
  });

  it.each<[string, (url: string) => Env]>([
    ["oauth-m2m", (_url) => ({ DATABRICKS_CLIENT_ID: "sp-1", DATABRICKS_CLIENT_SECRET: "s3cret" })],
    ["azure-client-secret", (url) => ({ ARM_CLIENT_ID: "sp-1", ARM_CLIENT_SECRET: "s3cret", ARM_TENANT_ID: "tenant", AZURE_AUTHORITY_HOST: `${url}/__emulator/aad` })],
    ["azure-msi", (url) => ({ ARM_USE_MSI: "true", ARM_CLIENT_ID: "sp-1", IDENTITY_ENDPOINT: `${url}/__emulator/msi/token`, IDENTITY_HEADER: "h" })],
    ["github-oidc", (url) => ({ DATABRICKS_AUTH_TYPE: "github-oidc", DATABRICKS_CLIENT_ID: "sp-1", ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/__emulator/github/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "runtime" })],
  ])("authenticates with %s as the service principal", async (authType, env) => {
    const e = await start({ token: "only-this-pat", oauthClients: ["sp-1:s3cret"] });
    const c = connect({ DATABRICKS_HOST: e.url, ...env(e.url) });
    expect(c.authType).toBe(authType);
    expect((await c.scim.me()).userName).toBe("sp-1");
  });

  it("answers every read under 30 % chaos", async () => {
    const e = await start({ chaos: 0.3, seed: 42 });
    const c = connect({ DATABRICKS_HOST: e.url, DATABRICKS_TOKEN: "any" });
    const reads = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? c.jobs.listAll() : i % 3 === 1 ? c.scim.me() : c.workspace.getStatus("/")));
    const results = await Promise.allSettled(reads);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const faults = (await requestLog(e)).filter((r) => r.status >= 429);
    expect(faults.length).toBeGreaterThan(5);
  });

  it("never repeats a create blindly under chaos: every outcome is a job id or an AmbiguousWriteError", async () => {
    const e = await start({ chaos: 0.5, seed: 7 });
    const c = connect({ DATABRICKS_HOST: e.url, DATABRICKS_TOKEN: "any" });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => c.jobs.create(SETTINGS)));
    const log = (await requestLog(e)).filter((r) => r.path.endsWith("/jobs/create"));
    const refused = log.filter((r) => r.status === 429).length;
    // Only throttled (unprocessed) creates were sent again.
    expect(log.length).toBe(20 + refused);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as Error).name).toBe("AmbiguousWriteError");
  });

  it("keeps up with a throttled workspace and sees few 429s", async () => {
    const e = await start({ rateLimit: "50" });
    const c = connect({ DATABRICKS_HOST: e.url, DATABRICKS_TOKEN: "any" }, false);
    await Promise.all(Array.from({ length: 150 }, () => c.scim.me()));
    const log = (await requestLog(e)).filter((r) => r.path.includes("scim"));
    const throttled = log.filter((r) => r.status === 429).length;
    expect(log.length - throttled).toBe(150);
    expect(throttled).toBeLessThan(15);
  });
});
