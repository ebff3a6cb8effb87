import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { call, createJob, ok, workspace } from "./helpers.js";
import { startEmulator } from "../../src/emulator/server.js";
import { parsePrincipal } from "../../src/emulator/principals.js";
import { serveOptions } from "../../src/cli/commands/serve-action.js";

const scim = (ws: ReturnType<typeof workspace>, resource: string, filter: string) =>
  call(ws, "GET", `/api/2.0/preview/scim/v2/${resource}?filter=${encodeURIComponent(filter)}`);

describe("the principal directory", () => {
  it("holds --user, the built-in groups, OAuth clients and --principal entries, case-insensitively", () => {
    const ws = workspace({ user: "me@x.com", oauthClients: ["ci-app:s"], principals: ["group:Data-Eng", "user:bob@x.com"] });
    expect(ok(scim(ws, "Users", 'userName eq "ME@X.COM"')).totalResults).toBe(1);
    expect(ok(scim(ws, "Users", 'userName eq "bob@x.com"')).totalResults).toBe(1);
    expect(ok(scim(ws, "Users", 'userName eq "eve@x.com"')).totalResults).toBe(0);
    for (const g of ["admins", "users", "data-eng"]) expect(ok(scim(ws, "Groups", `displayName eq "${g}"`)).totalResults).toBe(1);
    expect(ok(scim(ws, "ServicePrincipals", 'applicationId eq "ci-app"')).Resources).toMatchObject([{ applicationId: "ci-app" }]);
    expect(scim(ws, "Users", 'userName co "bob"')).toMatchObject({ status: 400, body: { scimType: "invalidFilter" } });
  });

  it("refuses unknown principals in run_as on create, reset and update; the job keeps its settings", () => {
    const ws = workspace({ principals: ["user:bob@x.com"] });
    const refused = { status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Principal: UserName(eve@x.com) does not exist" } };
    expect(call(ws, "POST", "/api/2.2/jobs/create", { run_as: { user_name: "eve@x.com" } })).toEqual(refused);
    const id = createJob(ws, { name: "a", run_as: { user_name: "BOB@x.com" } });
    expect(call(ws, "POST", "/api/2.2/jobs/reset", { job_id: id, new_settings: { run_as: { user_name: "eve@x.com" } } })).toEqual(refused);
    expect(call(ws, "POST", "/api/2.2/jobs/update", { job_id: id, new_settings: { run_as: { service_principal_name: "nope" } } }).body).toMatchObject({ message: "Principal: ServicePrincipalName(nope) does not exist" });
    expect(ok(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`)).run_as_user_name).toBe("BOB@x.com");
  });

  it("POST /__emulator/principals adds principals; a state file keeps them", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "jobform-principals-")), "state.json");
    const a = await startEmulator({ stateFile: file });
    const add = await fetch(`${a.url}/__emulator/principals`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ principals: ["group:ops", { kind: "user", name: "zoe@x.com" }] }) });
    expect(add.status).toBe(200);
    const bad = await fetch(`${a.url}/__emulator/principals`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify("robot:r2") });
    expect(bad.status).toBe(400);
    await a.close();
    const b = await startEmulator({ stateFile: file });
    try {
      expect(b.workspace.directory.group.has("ops")).toBe(true);
      expect(b.workspace.directory.user.has("zoe@x.com")).toBe(true);
    } finally {
      await b.close();
    }
  });

  it("--principal takes KIND:NAME and refuses anything else with one line", () => {
    expect(parsePrincipal("service_principal:abc")).toEqual({ kind: "service_principal", name: "abc" });
    expect(serveOptions({ host: "127.0.0.1", oauthClient: [], runOutcome: [], principal: ["group:a b"] }).principals).toEqual(["group:a b"]);
    expect(() => serveOptions({ host: "127.0.0.1", oauthClient: [], runOutcome: [], principal: ["robot:r2"] })).toThrow("--principal looks like 'KIND:NAME'");
  });
});
