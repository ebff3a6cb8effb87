import nock from "nock";
import { Agent, request } from "undici";
import { afterEach, expect, it } from "vitest";

afterEach(() => {
  nock.cleanAll();
  nock.restore();
});

// Why the client tests use a real local server: nock 14 hooks node:http and the global fetch, not
// undici's own dispatcher, which is what the client sends through. If this starts failing, nock
// has learned to see undici.request and could replace the local server.
it("nock does not intercept undici.request through an Agent", async () => {
  if (!nock.isActive()) nock.activate();
  const scope = nock("http://nock-spike.invalid").get("/x").reply(200, { intercepted: true });
  const agent = new Agent({ connect: { timeout: 2000 } });
  const outcome = await request("http://nock-spike.invalid/x", { dispatcher: agent }).then(
    (r) => `answered ${r.statusCode}`,
    (e: { code?: string }) => `network ${e.code ?? "error"}`,
  );
  await agent.close();
  expect(scope.isDone()).toBe(false);
  expect(outcome).toMatch(/^network /);
});
