// A real Ctrl-C: the built CLI gets an OS SIGINT while it watches a run; it must cancel the run and exit 130.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject, TOKEN } from "../support/emulator.js";
import { runCliAsync } from "../support/cli.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("submit and Ctrl-C", () => {
  it("cancels the watched run and exits 130; --timeout cancels and exits 4", async () => {
    emu = await emulator({ runDurationMs: 60_000 });
    const dir = sampleProject();
    const env = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_CONFIG_FILE: "/nonexistent" };
    const r = await runCliAsync(["--host", emu.url, "--dir", dir, "submit", "/Shared/etl/sales/backfill", "--platform", "default"], {
      env,
      onSpawn: (child) => {
        let out = "";
        let sent = false;
        child.stdout?.on("data", (d: Buffer) => {
          out += d.toString();
          // One Ctrl-C, once the run is known (its id is printed before waiting); a second would force-quit.
          if (!sent && /Run \d+ submitted/.test(out)) {
            sent = true;
            setTimeout(() => child.kill("SIGINT"), 200);
          }
        });
      },
    });
    expect(r.code).toBe(130);
    const log = await requestLog(emu);
    expect(log.filter((q) => q.path.endsWith("/runs/submit")).length).toBe(1);
    expect(log.filter((q) => q.path.endsWith("/runs/cancel") && q.status === 200).length).toBe(1);

    const timed = await runCliAsync(["--host", emu.url, "--dir", dir, "submit", "sales-backfill", "--timeout", "2s"], { env });
    expect(timed.code).toBe(4);
    expect((await requestLog(emu)).filter((q) => q.path.endsWith("/runs/cancel")).length).toBe(2);
  });
});
