import { describe, expect, it } from "vitest";
import { MASK, maskSecretValues, maskString, secretValues } from "../../src/core/mask.js";
import type { Plan } from "../../src/core/plan-types.js";

describe("secrets by shape", () => {
  it.each([
    ["a PAT", "use dapi0123456789abcdef0123456789abcdef-2 here", `use ${MASK} here`],
    ["a bearer header", "Authorization: Bearer abcdefghijklmnop.qrstu", `Authorization: Bearer ${MASK}`],
    ["a JWT", "id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJldGwtYm90In0.c2ln", `id ${MASK}`],
    ["URL userinfo", "https://deploy:hunter22@github.com/a.git", `https://deploy:${MASK}@github.com/a.git`],
    ["a token as URL user", "https://ghp_0123456789abcdefghij0123456789abcdef@github.com/a.git", `https://${MASK}@github.com/a.git`],
    ["?token=", "https://h.example.com/x?token=abc123&y=1", `https://h.example.com/x?token=${MASK}&y=1`],
  ])("%s", (_name, input, expected) => {
    expect(maskString(input)).toBe(expected);
  });

  it.each(["the token expires daily", "Bearer auth", "https://github.com/acme/etl.git", "dapi-docs"])("leaves prose and plain URLs alone: %s", (text) => {
    expect(maskString(text)).toBe(text);
  });
});

describe("secrets by origin", () => {
  const resolved = {
    variables: new Map<string, string | number | boolean>([
      ["db_password", "Passw0rd-old"],
      ["use_token", true],
      ["token_ttl", 3600],
      ["vault_pin_secret", 48151623],
      ["catalog", "main"],
    ]),
    jobs: [],
  };

  it("takes secret-named variables' values, never booleans or small numbers", () => {
    expect(secretValues(resolved)).toEqual(["Passw0rd-old", "48151623"]);
  });

  it("masks the value under any key and the workspace's value where git's held the secret", () => {
    const plan = {
      changes: [{ key: "j", fields: [{ op: "replace", path: "/tasks/t", before: { conn: "pw=Passw0rd-older", other: "x" }, after: { conn: "pw=Passw0rd-old", other: "y" } }] }],
      notes: ["job uses Passw0rd-old"],
      errors: [],
    } as unknown as Plan;
    const masked = maskSecretValues(plan, secretValues(resolved));
    expect(masked.changes[0]?.fields[0]).toMatchObject({ before: { conn: MASK, other: "x" }, after: { conn: `pw=${MASK}`, other: "y" } });
    expect(masked.notes).toEqual([`job uses ${MASK}`]);
  });
});
