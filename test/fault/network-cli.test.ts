// Every command that talks to the workspace, against every way the network fails: each ends in one line
// that names the failure, exit 1, in seconds — never a stack trace, never minutes of retries.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { sampleProject } from "../support/emulator.js";
import { reply, startServer } from "../databricks/support/server.js";
import type { Handler, TestServer } from "../databricks/support/server.js";
import { runInProcess } from "./support.js";

const COMMANDS: readonly (readonly string[])[] = [["plan"], ["apply", "--auto-approve"], ["drift"], ["jobs", "list"], ["runs", "list"], ["run", "sales-load", "--no-wait"], ["submit", "sales-backfill", "--no-wait"]];

const servers: { close(): Promise<void> | void }[] = [];
let dir = "";
beforeAll(() => {
  ensureBuilt();
  dir = sampleProject();
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

const ENV = { DATABRICKS_TOKEN: "dapi0123456789abcdef0123456789abcdef", DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined, NODE_TLS_REJECT_UNAUTHORIZED: undefined, NODE_EXTRA_CA_CERTS: undefined, HTTPS_PROXY: undefined, HTTP_PROXY: undefined, https_proxy: undefined, http_proxy: undefined, GITHUB_ACTIONS: undefined };

/** The built CLI as a user runs it. */
function cli(host: string, args: readonly string[], env: Record<string, string | undefined> = {}) {
  return runCliAsync(["--dir", dir, "--host", host, ...args], { env: { ...ENV, ...env } });
}

/** The same top-level handler in this process: seven commands times seven failures cost no process start-ups. */
const inProcess = (host: string, args: readonly string[], env: Record<string, string | undefined> = {}) => runInProcess(["--dir", dir, "--host", host, ...args], { ...ENV, ...env });

/** Runs every command against `host`; each must fail with one `jobform:` line matching `expected`, in seconds. */
async function everyCommandFailsCleanly(host: string, expected: RegExp) {
  for (const args of COMMANDS) {
    const r = await inProcess(host, args);
    const what = args.join(" ");
    const lines = r.stderr.trimEnd().split("\n");
    expect(r.code, what).toBe(1);
    expect(r.stderr, what).not.toMatch(/internal error|^\s+at /m);
    expect(lines.at(-1), what).toMatch(/^jobform: /);
    expect(lines.at(-1), what).toMatch(expected);
    expect(r.stdout + r.stderr, what).not.toContain("dapi0123456789abcdef");
    // Refused connections get three quick tries (1.5 s of backoff); nothing else is retried.
    expect(r.ms, what).toBeLessThan(5_000);
  }
}

describe("network failures end in one line, in seconds, in every command", () => {
  it("the built CLI too (refused, then TLS against a plain server)", async () => {
    const plain = await serve((_q, res) => reply(res, 200, {}));
    const closed = await startServer((_q, res) => reply(res, 200, {}));
    await closed.close();
    for (const [host, expected] of [[closed.url, /connection refused/], [plain.url.replace("http:", "https:"), /TLS connection failed/]] as const) {
      const r = await cli(host, ["plan"]);
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd()).toMatch(new RegExp(`^jobform: GET /api/\\S+: ${expected.source}[^\\n]*$`));
    }
  });

  it("connection refused", async () => {
    const s = await startServer((_q, res) => reply(res, 200, {}));
    const url = s.url;
    await s.close();
    await everyCommandFailsCleanly(url, /connection refused/);
  });

  it("a host name that does not resolve", async () => {
    await everyCommandFailsCleanly("https://jobform-no-such-host.invalid", /host name could not be resolved/);
  });

  it("TLS to a server that does not speak it (wrong version)", async () => {
    const plain = await serve((_q, res) => reply(res, 200, {}));
    await everyCommandFailsCleanly(plain.url.replace("http:", "https:"), /TLS connection failed/);
  });

  it.skipIf(spawnSync("openssl", ["version"]).status !== 0)("TLS with a self-signed certificate", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "jobform-tls-"));
    const [key, cert] = [join(tmp, "key.pem"), join(tmp, "cert.pem")];
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1"], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const tls: Server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end("{}"));
    await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
    servers.push({ close: () => new Promise<void>((r) => tls.close(() => r())) });
    const port = (tls.address() as { port: number }).port;
    await everyCommandFailsCleanly(`https://127.0.0.1:${port}`, /TLS certificate verification failed: the certificate is self-signed/);
  });

  it("a 200 answer that is an SSO page, not JSON", async () => {
    const sso = await serve((_q, res) => reply(res, 200, "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in to continue</body></html>"));
    await everyCommandFailsCleanly(sso.url, /^jobform: (GET|POST) \/api\/\S+: 200: answered with an HTML page .* instead of JSON/);
  });

  it("a redirect to another host: not followed, the token never sent there", async () => {
    const elsewhere = await serve((_q, res) => reply(res, 200, {}));
    const redirecting = await serve((_q, res) => {
      res.writeHead(302, { location: `${elsewhere.url.replace("127.0.0.1", "localhost")}/login` });
      res.end();
    });
    await everyCommandFailsCleanly(redirecting.url, /: 302: redirected to http:\/\/localhost:\d+, which jobform does not follow/);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a server error names status and request", async () => {
    const broken = await serve((_q, res) => reply(res, 500, { error_code: "INTERNAL_ERROR", message: "boom" }));
    await everyCommandFailsCleanly(broken.url, /^jobform: .*500 INTERNAL_ERROR: boom|INTERNAL_ERROR: boom/);
  });
});

describe("retries run out: JOBFORM_RETRY_BUDGET shortens the 5-minute budget", () => {
  // A workspace that is down for maintenance: every call answers 503 with a Retry-After of one second.
  const down: Handler = (_q, res) => {
    res.setHeader("retry-after", "1");
    reply(res, 503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "down for maintenance" });
  };
  const LISTINGS: readonly (readonly string[])[] = [["plan"], ["apply", "--auto-approve"], ["drift"], ["jobs", "list"], ["runs", "list"]];

  it.each(LISTINGS)("%s ends in one line naming the 503 and the attempts, exit 1, within the budget", async (...args) => {
    const s = await serve(down);
    const r = await inProcess(s.url, args, { JOBFORM_RETRY_BUDGET: "2500ms" });
    const lines = r.stderr.trimEnd().split("\n");
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(lines.at(-1)).toMatch(/^jobform: .*503 TEMPORARILY_UNAVAILABLE: down for maintenance.* \(after [2-4] attempts\)$/);
    // Waits of 1 s each: two or three of them fit the budget, the 5-minute default would allow ~300.
    expect(r.ms).toBeGreaterThanOrEqual(1_000);
    expect(r.ms).toBeLessThan(8_000);
    expect(s.requests.filter((q) => q.method !== "GET")).toEqual([]);
  });

  it("the built CLI reads it too, and a budget that is not a duration is one line before any call", async () => {
    const s = await serve(down);
    const started = Date.now();
    const r = await cli(s.url, ["jobs", "list"], { JOBFORM_RETRY_BUDGET: "2s" });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toMatch(/^jobform: GET \/api\/2\.2\/jobs\/list: .*503 .*\(after \d attempts\)$/);
    expect(Date.now() - started).toBeLessThan(30_000);
    const before = s.requests.length;
    for (const junk of ["soon", "-5s", "0"]) {
      const bad = await cli(s.url, ["plan"], { JOBFORM_RETRY_BUDGET: junk });
      expect(bad.code).toBe(1);
      expect(bad.stderr.trimEnd()).toBe(`jobform: JOBFORM_RETRY_BUDGET=${junk} is not a duration (e.g. 30s, 2m)`);
    }
    expect(s.requests.length).toBe(before);
  }, 120_000);
});

describe("other ways an apply or a listing can fail", () => {
  /** A workspace whose jobs/list hands back the same page token forever. */
  const looping: Handler = (q, res) => {
    if (q.path === "/api/2.2/jobs/list") return reply(res, 200, { jobs: [{ job_id: 1, settings: { name: "x" } }], has_more: true, next_page_token: "again" });
    if (q.path.endsWith("/Me")) return reply(res, 200, { userName: "me@example.com" });
    // Every principal the project names exists, so the preflight lets plan reach the listing.
    if (/\/scim\/v2\/(Users|Groups|ServicePrincipals)$/.test(q.path)) return reply(res, 200, { totalResults: 1, Resources: [{ id: "1" }] });
    return reply(res, 200, {});
  };

  it("a repeated pagination token stops the listing with one line", async () => {
    const s = await serve(looping);
    for (const args of [["plan"], ["jobs", "list"], ["drift"]]) {
      const r = await cli(s.url, args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toMatch(/^jobform: the workspace repeated the page token again while listing/m);
      expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    }
  });

  it.each(["abc", "0", "50ms", "4s"])("JOBFORM_LOCK_TTL=%s is refused in one line before anything is written", async (ttl) => {
    const s = await serve(looping);
    const r = await cli(s.url, ["apply", "--auto-approve"], { JOBFORM_LOCK_TTL: ttl });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toMatch(new RegExp(`^jobform: JOBFORM_LOCK_TTL=${ttl} (is not a duration|is shorter than the 5s minimum)`));
    expect(s.requests.filter((q) => q.method !== "GET")).toEqual([]);
  });

  it("an unwritable GITHUB_STEP_SUMMARY after apply wrote is a one-line warning, not a failed apply", async () => {
    const { emulator } = await import("../support/emulator.js");
    const { jf, idsByKey, KEYS } = await import("../e2e/apply-helpers.js");
    const emu = await emulator();
    servers.push(emu);
    const summary = join(mkdtempSync(join(tmpdir(), "jobform-summary-")), "is-a-directory");
    mkdirSync(summary);
    const r = await jf(emu, ["--dir", sampleProject(), "apply", "--auto-approve"], { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^jobform: warning: could not write the step summary GITHUB_STEP_SUMMARY=\S+ \(EISDIR\); the output above is complete$/m);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(Object.keys(await idsByKey(emu)).sort()).toEqual(KEYS);
  });
});
