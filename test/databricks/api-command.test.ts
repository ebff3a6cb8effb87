import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { registerApi } from "../../src/cli/commands/api.js";
import { ExitCode, UserError } from "../../src/cli/errors.js";
import { fakeClock, reply, startServer } from "./support/server.js";
import type { Handler, TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(handler: Handler, argv: string[], env: Record<string, string> = {}) {
  server = await startServer(handler);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const program = new Command("jobform").exitOverride().option("--dir <path>").option("--target <name>").option("--host <url>").option("--profile <name>").option("--verbose");
  registerApi(program, {
    env: { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: "dapi-cli-secret", DATABRICKS_CONFIG_FILE: "/nonexistent", ...env },
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
    client: { clock: fakeClock() },
  });
  const error = await program.parseAsync(["node", "jobform", ...argv]).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { stdout: stdout.join(""), stderr: stderr.join(""), error, requests: server.requests };
}

describe("jobform api", () => {
  it("prints the answer pretty with exact int64 ids, query taken from the path", async () => {
    const r = await run((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"job_id":9223372036854775807,"settings":{"name":"x"}}');
    }, ["api", "get", "/api/2.2/jobs/get?job_id=9223372036854775807"]);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe('{\n  "job_id": 9223372036854775807,\n  "settings": {\n    "name": "x"\n  }\n}\n');
    expect(r.requests[0]?.query.get("job_id")).toBe("9223372036854775807");
  });

  it("sends --json @file as the body, ids unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-api-"));
    const file = join(dir, "body.json");
    writeFileSync(file, '{"job_id": 9007199254740993, "new_settings": {"name": "n"}}');
    const r = await run((_q, res) => reply(res, 200, {}), ["api", "POST", "/api/2.2/jobs/reset", "--json", `@${file}`]);
    expect(r.requests[0]?.body).toBe('{"job_id":9007199254740993,"new_settings":{"name":"n"}}');
    expect(r.stdout).toBe("{}\n");
  });

  it("turns --json fields into the query for GET", async () => {
    const r = await run((_q, res) => reply(res, 200, {}), ["api", "GET", "/api/2.2/jobs/list", "--json", '{"limit": 5, "expand_tasks": true}']);
    expect(r.requests[0]?.query.toString()).toBe("limit=5&expand_tasks=true");
  });

  it("exits 1 with the error body on failure", async () => {
    const r = await run((_q, res) => reply(res, 400, { error_code: "INVALID_PARAMETER_VALUE", message: "Job 1 does not exist." }), ["api", "GET", "/api/2.2/jobs/get?job_id=1"]);
    expect(r.error).toBeInstanceOf(ExitCode);
    expect((r.error as ExitCode).code).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Job 1 does not exist." });
  });

  it("rejects bad input in one line", async () => {
    const bad = await run((_q, res) => reply(res, 200, {}), ["api", "POST", "/api/2.2/jobs/reset", "--json", "{nope"]);
    expect(bad.error).toBeInstanceOf(UserError);
    expect((bad.error as Error).message).toMatch(/^--json: not valid JSON/);
    await server?.close();
    const method = await run((_q, res) => reply(res, 200, {}), ["api", "FETCH", "/x"]);
    expect((method.error as Error).message).toMatch(/unknown method FETCH/);
  });

  it("logs to stderr with --verbose, never the token", async () => {
    const r = await run((_q, res) => reply(res, 200, {}), ["--verbose", "api", "GET", "/api/2.0/preview/scim/v2/Me"]);
    expect(r.stderr).toMatch(/^GET \/api\/2\.0\/preview\/scim\/v2\/Me 200 \d+ms\n$/);
    expect(r.stderr + r.stdout).not.toContain("dapi-cli-secret");
  });
});
