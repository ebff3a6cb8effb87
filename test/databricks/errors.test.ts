import { describe, expect, it } from "vitest";
import { ApiError, errorFromResponse, isNotFound } from "../../src/databricks/errors.js";
import { isIdempotent } from "../../src/databricks/idempotency.js";
import { redact } from "../../src/databricks/redact.js";
import { parseRetryAfter } from "../../src/databricks/retry.js";

const e = (status: number, body: string) => errorFromResponse(status, body, "GET", "/p");

describe("errorFromResponse", () => {
  it("reads every body shape the API and its gateways send", () => {
    expect(e(404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Path (/x) doesn\'t exist."}')).toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST", message: "Path (/x) doesn't exist." });
    expect(e(400, '{"error":"legacy failure"}')).toMatchObject({ errorCode: "", message: "legacy failure" });
    expect(e(403, '{"detail":"scim says no","status":"403","scimType":"invalidValue"}')).toMatchObject({ errorCode: "invalidValue", message: "scim says no" });
    expect(e(503, "TEMPORARILY_UNAVAILABLE: No webapps are available")).toMatchObject({ errorCode: "TEMPORARILY_UNAVAILABLE", message: "No webapps are available" });
    expect(e(500, "<html><body><pre>Stack trace here</pre></body></html>").message).toBe("Stack trace here");
    expect(e(504, "").message).toBe("Gateway Timeout");
    expect(e(502, "<html><body>no title</body></html>").message).toBe("Bad Gateway");
    expect(e(500, "x".repeat(1000)).message.length).toBeLessThan(310);
  });

  it("prints as one line with method, path, status and code", () => {
    expect(String(e(400, '{"error_code":"INVALID_STATE","message":"busy"}'))).toBe("GET /p: 400 INVALID_STATE: busy");
  });
});

describe("isNotFound", () => {
  it("accepts both forms of 'does not exist' and nothing else", () => {
    expect(isNotFound(e(400, '{"error_code":"INVALID_PARAMETER_VALUE","message":"Job 123 does not exist."}'))).toBe(true);
    expect(isNotFound(e(400, '{"error_code":"INVALID_PARAMETER_VALUE","message":"Run: 1 in job: 2 doesn\'t exist"}'))).toBe(true);
    expect(isNotFound(e(404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"gone"}'))).toBe(true);
    expect(isNotFound(e(404, ""))).toBe(true);
    expect(isNotFound(e(400, '{"error_code":"INVALID_PARAMETER_VALUE","message":"Missing required field: job_id"}'))).toBe(false);
    expect(isNotFound(e(403, '{"error_code":"PERMISSION_DENIED","message":"Job 1 does not exist or no access"}'))).toBe(false);
    expect(isNotFound(new Error("does not exist"))).toBe(false);
    expect(e(404, "")).toBeInstanceOf(ApiError);
  });
});

describe("isIdempotent", () => {
  it.each<[string, string, unknown, boolean]>([
    ["GET", "/api/2.2/jobs/get", undefined, true],
    ["POST", "/api/2.2/jobs/create", {}, false],
    ["POST", "/api/2.2/jobs/reset", {}, true],
    ["POST", "/api/2.2/jobs/update", {}, true],
    ["POST", "/api/2.2/jobs/delete", {}, true],
    ["POST", "/api/2.2/jobs/run-now", { job_id: 1 }, false],
    ["POST", "/api/2.2/jobs/run-now", { job_id: 1, idempotency_token: "t" }, true],
    ["POST", "/api/2.2/jobs/runs/submit", { idempotency_token: "t" }, true],
    ["POST", "/api/2.2/jobs/runs/repair", {}, false],
    ["POST", "/api/2.2/jobs/runs/cancel", {}, true],
    ["PUT", "/api/2.0/permissions/jobs/1", {}, true],
    ["PATCH", "/api/2.0/permissions/jobs/1", {}, true],
    ["POST", "/api/2.0/workspace/import", { overwrite: false }, false],
    ["POST", "/api/2.0/workspace/import", { overwrite: true }, true],
    ["POST", "/api/2.0/workspace/mkdirs", {}, true],
  ])("%s %s %j → %s", (method, path, body, expected) => {
    expect(isIdempotent(method, path, body)).toBe(expected);
  });
});

describe("redact", () => {
  it("scrubs known secrets and anything shaped like a credential", () => {
    const text = "token=abc123 Bearer dapi0123456789abcdef0123456789ab client_secret: s3cr3t eyJhbGciOiJ.eyJzdWIiOiJ4.c2ln my-known-secret";
    const out = redact(text, ["my-known-secret"]);
    for (const s of ["abc123", "dapi0123456789abcdef", "s3cr3t", "eyJhbGciOiJ", "my-known-secret"]) expect(out).not.toContain(s);
    expect(out).toContain("token=[REDACTED]");
    expect(redact("GET /api/2.2/jobs/list 200 12ms")).toBe("GET /api/2.2/jobs/list 200 12ms");
  });
});

describe("parseRetryAfter", () => {
  it("reads whole seconds and tolerates an HTTP date", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1000)).toBe(4000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
