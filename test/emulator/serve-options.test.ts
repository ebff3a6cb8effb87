import { describe, expect, it } from "vitest";
import { Command } from "commander";
import { registerServe } from "../../src/cli/commands/serve.js";
import { serveOptions } from "../../src/cli/commands/serve-action.js";
import { UserError } from "../../src/cli/errors.js";
import { parseRateLimit } from "../../src/emulator/options.js";

const base = { host: "127.0.0.1", oauthClient: [], runOutcome: [] };

describe("serve options", () => {
  it("maps flags to emulator options", () => {
    expect(serveOptions({ ...base, port: "0", rateLimit: "jobs/get=30,permissions=10", idStart: "9007199254740993", chaos: "0.1", seed: "3", runOutcome: ["*etl*=FAILED"] })).toMatchObject({
      port: 0,
      rateLimit: "jobs/get=30,permissions=10",
      idStart: 9007199254740993n,
      chaos: 0.1,
      seed: 3,
      runOutcomes: ["*etl*=FAILED"],
    });
    expect(serveOptions({ ...base, headersTimeoutMs: "500", requestTimeoutMs: "2000" })).toMatchObject({ headersTimeoutMs: 500, requestTimeoutMs: 2000 });
    expect(parseRateLimit("jobs/get=30,permissions=10").perEndpoint.get("permissions")).toBe(10);
    expect(parseRateLimit("15").global).toBe(15);
  });

  it.each([
    { port: "70000" },
    { latencyMs: "-1" },
    { rateLimit: "jobs/get=fast" },
    { chaos: "2" },
    { idStart: "0" },
    { oauthClient: ["no-secret"] },
    { runOutcome: ["*=MAYBE"] },
    { headersTimeoutMs: "0" },
    { requestTimeoutMs: "soon" },
    { headersTimeoutMs: "5000", requestTimeoutMs: "1000" },
  ])("rejects %o with a one-line UserError", (bad) => {
    expect(() => serveOptions({ ...base, ...bad })).toThrow(UserError);
    try {
      serveOptions({ ...base, ...bad });
    } catch (e) {
      expect((e as Error).message).not.toContain("\n");
    }
  });

  it("registers the serve command with the documented options", () => {
    const program = new Command();
    registerServe(program);
    const serve = program.commands.find((c) => c.name() === "serve");
    const flags = serve?.options.map((o) => o.long);
    expect(flags).toEqual(["--port", "--host", "--token", "--user", "--oauth-client", "--principal", "--principals-of", "--state", "--workspace-dir", "--latency-ms", "--rate-limit", "--chaos", "--seed", "--run-duration-ms", "--run-outcome", "--check-paths", "--id-start", "--headers-timeout-ms", "--request-timeout-ms"]);
  });
});
