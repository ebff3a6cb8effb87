import { describe, expect, it } from "vitest";
import { call, createJob, ok, workspace } from "./helpers.js";
import { issueToken } from "../../src/emulator/auth.js";

const SP = "8f4c2a1e-0000-4000-8000-000000000001";
/** Principals these tests name; the directory refuses any other (see principals.test.ts). */
const KNOWN = ["user:bob@example.com", "user:a@x", "user:b@x", "user:new@x.com", "group:eng", `service_principal:${SP}`];

describe("job permissions", () => {
  it("a new job has the creator as direct owner and admins as inherited CAN_MANAGE", () => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, {});
    expect(ok(call(ws, "GET", `/api/2.0/permissions/jobs/${id}`))).toEqual({
      object_id: `/jobs/${id}`,
      object_type: "job",
      access_control_list: [
        { user_name: "me@example.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] },
        { group_name: "admins", all_permissions: [{ permission_level: "CAN_MANAGE", inherited: true, inherited_from_object: ["/jobs/"] }] },
      ],
    });
  });

  it("create's access_control_list is applied", () => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, { access_control_list: [{ group_name: "eng", permission_level: "CAN_VIEW" }] });
    const acl = ok<{ access_control_list: Record<string, unknown>[] }>(call(ws, "GET", `/api/2.0/permissions/jobs/${id}`)).access_control_list;
    expect(acl.map((e) => e.user_name ?? e.group_name)).toEqual(["me@example.com", "eng", "admins"]);
    expect(ok(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`)).settings).not.toHaveProperty("access_control_list");
  });

  it("PUT replaces direct grants, last duplicate wins, SP ids sent as user_name come back as SPs", () => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, {});
    const res = ok<{ access_control_list: Record<string, unknown>[] }>(
      call(ws, "PUT", `/api/2.0/permissions/jobs/${id}`, {
        access_control_list: [
          { user_name: SP, permission_level: "IS_OWNER" },
          { user_name: "Bob@Example.com", permission_level: "CAN_VIEW" },
          { user_name: "bob@example.com", permission_level: "CAN_MANAGE_RUN" },
        ],
      }),
    );
    expect(res.access_control_list.slice(0, 2)).toEqual([
      { service_principal_name: SP, all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] },
      { user_name: "bob@example.com", all_permissions: [{ permission_level: "CAN_MANAGE_RUN", inherited: false }] },
    ]);
    expect(res.access_control_list).toHaveLength(3);
    expect(ok(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`)).run_as_user_name).toBe(SP);
  });

  it.each([
    [[], "The job must have exactly one owner."],
    [[{ user_name: "a@x", permission_level: "IS_OWNER" }, { user_name: "b@x", permission_level: "IS_OWNER" }], "The job must have exactly one owner."],
    [[{ group_name: "eng", permission_level: "IS_OWNER" }], "cannot be the owner"],
    [[{ user_name: "a@x", permission_level: "CAN_FLY" }], "not supported"],
  ])("PUT owner rules %#", (acl, message) => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, {});
    const r = call(ws, "PUT", `/api/2.0/permissions/jobs/${id}`, { access_control_list: acl });
    expect(r.status).toBe(400);
    expect((r.body as { message: string }).message).toContain(message);
  });

  it("PATCH adds grants and an ownership transfer leaves the old owner CAN_MANAGE", () => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, {});
    const acl = ok<{ access_control_list: Record<string, unknown>[] }>(
      call(ws, "PATCH", `/api/2.0/permissions/jobs/${id}`, { access_control_list: [{ user_name: "new@x.com", permission_level: "IS_OWNER" }] }),
    ).access_control_list;
    expect(acl.slice(0, 2)).toEqual([
      { user_name: "me@example.com", all_permissions: [{ permission_level: "CAN_MANAGE", inherited: false }] },
      { user_name: "new@x.com", all_permissions: [{ permission_level: "IS_OWNER", inherited: false }] },
    ]);
  });

  it("lists permission levels", () => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, {});
    const levels = ok<{ permission_levels: { permission_level: string }[] }>(call(ws, "GET", `/api/2.0/permissions/jobs/${id}/permissionLevels`));
    expect(levels.permission_levels.map((l) => l.permission_level)).toEqual(["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"]);
  });

  it("a caller without rights gets the real 403 wording, checked before existence", () => {
    const ws = workspace({ oauthClients: ["ci:secret"] });
    ws.admins.delete("ci");
    const id = createJob(ws, {});
    const token = issueToken(ws, { kind: "service_principal", name: "ci" });
    expect(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`, undefined, token)).toEqual({
      status: 403,
      body: { error_code: "PERMISSION_DENIED", message: `User ci does not have View or Admin or Manage Run or Owner permissions on job ${id}` },
    });
    expect(call(ws, "GET", "/api/2.2/jobs/get?job_id=999", undefined, token).status).toBe(403);
    expect((call(ws, "GET", `/api/2.0/permissions/jobs/${id}`, undefined, token).body as { message: string }).message).toBe(
      `ci does not have Manage permissions on Job with ID: ElasticJobId(${id}). Please contact the owner or an administrator for access.`,
    );
    expect((call(ws, "POST", "/api/2.2/jobs/delete", { job_id: id }, token).body as { message: string }).message).toBe(`User ci does not have Admin or Owner permissions on job ${id}`);
    expect(ok(call(ws, "GET", "/api/2.2/jobs/list", undefined, token)).jobs).toBeUndefined();
    ok(call(ws, "PATCH", `/api/2.0/permissions/jobs/${id}`, { access_control_list: [{ service_principal_name: "CI", permission_level: "CAN_VIEW" }] }));
    ok(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`, undefined, token));
  });

  it("job ACLs survive deletion of the job", () => {
    const ws = workspace({ principals: KNOWN });
    const id = createJob(ws, {});
    ok(call(ws, "POST", "/api/2.2/jobs/delete", { job_id: id }));
    ok(call(ws, "GET", `/api/2.0/permissions/jobs/${id}`));
    expect(call(ws, "PUT", `/api/2.0/permissions/jobs/${id}`, { access_control_list: [] }).status).toBe(404);
  });
});
