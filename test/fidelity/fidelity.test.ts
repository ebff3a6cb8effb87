// The fidelity scenarios over HTTP: against the emulator (always), or against a real workspace when
// JOBFORM_FIDELITY_LIVE=1 (scripts/fidelity-live.mjs sets it, with DATABRICKS_HOST/DATABRICKS_TOKEN).
import { afterAll, beforeAll, describe, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";
import { SCENARIOS } from "./scenarios.js";
import { httpTarget } from "./target.js";

const LIVE = process.env.JOBFORM_FIDELITY_LIVE === "1";
const WITH_RUNS = !LIVE || process.env.JOBFORM_FIDELITY_RUNS === "1";
const TOKEN = "fidelity-token";

let emu: RunningEmulator | undefined;
let target: ReturnType<typeof httpTarget>;

beforeAll(async () => {
  if (LIVE) {
    const host = process.env.DATABRICKS_HOST;
    const token = process.env.DATABRICKS_TOKEN;
    if (!host || !token) throw new Error("JOBFORM_FIDELITY_LIVE=1 needs DATABRICKS_HOST and DATABRICKS_TOKEN");
    target = httpTarget(host.startsWith("http") ? host : `https://${host}`, token, true);
  } else {
    emu = await startEmulator({ token: TOKEN, user: "fidelity@example.com", runDurationMs: 20 });
    const url = emu.url;
    target = httpTarget(url, TOKEN, false, async (path, body) => {
      await fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    });
  }
  const me = await target.call("GET", "/api/2.0/preview/scim/v2/Me");
  target.me = String(me.body.userName);
});

afterAll(async () => {
  await emu?.close();
});

describe(`fidelity scenarios against ${LIVE ? "a real workspace" : "the emulator"}`, () => {
  for (const s of SCENARIOS) {
    it.skipIf(s.runs === true && !WITH_RUNS)(s.fact, async () => {
      try {
        await s.run(target);
      } finally {
        await target.drain();
      }
    });
  }
});
