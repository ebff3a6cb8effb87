import { describe, expect, it } from "vitest";
import { aclRequest, lockoutReason, ownerOf } from "../../src/apply/permissions.js";

const SP = "9f0e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f";

describe("aclRequest", () => {
  it("keeps the declared owner and grants, last entry per principal wins, admins left out", () => {
    const acl = aclRequest(
      [
        { group_name: "analysts", permission_level: "CAN_VIEW" },
        { user_name: "alice@example.com", permission_level: "IS_OWNER" },
        { group_name: "analysts", permission_level: "CAN_MANAGE_RUN" },
        { group_name: "admins", permission_level: "CAN_MANAGE" },
      ],
      "deployer@example.com",
    );
    expect(acl).toEqual([
      { user_name: "alice@example.com", permission_level: "IS_OWNER" },
      { group_name: "analysts", permission_level: "CAN_MANAGE_RUN" },
    ]);
  });

  it("names the deployer as the one owner when none is declared; a service principal as such", () => {
    expect(aclRequest([{ group_name: "g", permission_level: "CAN_VIEW" }], SP)).toEqual([
      { service_principal_name: SP, permission_level: "IS_OWNER" },
      { group_name: "g", permission_level: "CAN_VIEW" },
    ]);
    expect(ownerOf(undefined, "me@example.com")).toEqual({ kind: "user", name: "me@example.com" });
    expect(ownerOf([{ service_principal_name: SP, permission_level: "IS_OWNER" }], "me@example.com")).toEqual({ kind: "service_principal", name: SP });
  });
});

describe("lockoutReason", () => {
  const acl = aclRequest([{ user_name: "alice@example.com", permission_level: "IS_OWNER" }, { group_name: "ops", permission_level: "CAN_MANAGE" }], "x");

  it("refuses an ACL that leaves a non-admin deployer without manage rights", () => {
    expect(lockoutReason(acl, { name: "bob@example.com", groups: ["users"] })).toMatch(/bob@example.com .* without CAN_MANAGE/);
  });

  it("accepts admins, managers by name (case-insensitive) and through a group", () => {
    expect(lockoutReason(acl, { name: "bob@example.com", groups: ["admins"] })).toBeUndefined();
    expect(lockoutReason(acl, { name: "Alice@Example.com", groups: [] })).toBeUndefined();
    expect(lockoutReason(acl, { name: "bob@example.com", groups: ["ops"] })).toBeUndefined();
    expect(lockoutReason(aclRequest([], SP), { name: SP, groups: [] })).toBeUndefined();
  });

  it("does not count CAN_MANAGE_RUN as managing", () => {
    const runOnly = aclRequest([{ user_name: "alice@example.com", permission_level: "IS_OWNER" }, { user_name: "bob@example.com", permission_level: "CAN_MANAGE_RUN" }], "x");
    expect(lockoutReason(runOnly, { name: "bob@example.com", groups: [] })).toBeDefined();
  });
});
