// Apply under faults and races: a flaky workspace (chaos), three applies at once, other projects' jobs
// beside ours. Whatever happens, nothing is duplicated, lost or touched that is not ours.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject } from "../support/emulator.js";
import { jf, KEYS } from "../e2e/apply-helpers.js";
import { jobWrites, managedIds, plantBystanders, snapshotOf, writesTo } from "./support.js";

beforeAll(ensureBuilt);
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});
async function start(options: Parameters<typeof emulator>[0] = {}) {
  const e = await emulator(options);
  running.push(e);
  return e;
}

/** Exactly one job per key, every key present: nothing duplicated, nothing lost. */
async function exactlyOnce(emu: RunningEmulator) {
  const byKey = await managedIds(emu);
  expect(Object.keys(byKey).sort()).toEqual(KEYS);
  expect(Object.entries(byKey).filter(([, ids]) => ids.length !== 1)).toEqual([]);
}

const SEEDS = [1, 2, 3, 4, 5];

describe("chaos 40 % (429, 503, 504, resets, lost answers)", () => {
  it(
    `converges within 5 runs for seeds ${SEEDS.join(", ")}: 0 duplicates, 0 lost, permissions right, bystanders untouched`,
    async () => {
      const outcomes = await Promise.all(
        SEEDS.map(async (seed) => {
          // Bystanders are planted without chaos, then the same state is served with it.
          const stateFile = join(mkdtempSync(join(tmpdir(), "jobform-chaos-")), "state.json");
          const calm = await emulator({ stateFile });
          const planted = await plantBystanders(calm);
          const before = await planted.snapshot();
          await calm.close();
          const emu = await start({ chaos: 0.4, seed, stateFile });
          const bystanders = { ...planted, snapshot: () => snapshotOf(emu, planted.ids) };
          expect(await bystanders.snapshot()).toBe(before);
          const dir = sampleProject();
          const codes: (number | null)[] = [];
          for (let run = 0; run < 5 && codes.at(-1) !== 0; run++) {
            const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve", "--lock-timeout", "2m"]);
            expect(r.stderr, `seed ${seed}`).not.toMatch(/internal error|^\s+at /m);
            codes.push(r.code);
          }
          expect(codes.at(-1), `seed ${seed}: exit codes ${codes.join(", ")}`).toBe(0);
          await exactlyOnce(emu);
          // Settings and permissions right: a plan (its reads retried through the same chaos) has nothing to do.
          const check = await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode"]);
          expect(check.code, `seed ${seed}: ${check.stdout}${check.stderr}`).toBe(0);
          expect(await bystanders.snapshot(), `seed ${seed}`).toBe(before);
          expect(await writesTo(emu, bystanders.ids), `seed ${seed}`).toEqual([]);
          const faults = (await requestLog(emu)).filter((q) => [0, 429, 503, 504].includes(q.status)).length;
          return { seed, runs: codes.length, faults };
        }),
      );
      // Printed for the README's reliability figures.
      console.log(`chaos 40 %: runs to converge (faults injected) per seed ${outcomes.map((o) => `${o.seed}→${o.runs} (${o.faults})`).join(", ")}`);
    },
    300_000,
  );
});

describe("races", () => {
  it("three applies at once: exactly one writes, the others name the holder and write nothing", async () => {
    // Latency stretches the winner's apply over seconds, so the others start while it holds the lock.
    const emu = await start({ latencyMs: 150 });
    const dir = sampleProject();
    const results = await Promise.all([1, 2, 3].map(() => jf(emu, ["--dir", dir, "apply", "--auto-approve"])));
    const winners = results.filter((r) => r.code === 0);
    const losers = results.filter((r) => r.code !== 0);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.stdout).toContain("Apply: 6 created.");
    for (const l of losers) {
      expect(l.code).toBe(1);
      expect(l.stderr.trimEnd()).toMatch(/^jobform: another apply holds the lock: me@example\.com since \S+; expires \S+ unless renewed; pass --lock-timeout to wait for it$/);
    }
    await exactlyOnce(emu);
    expect(await jobWrites(emu)).toHaveLength(12); // 6 creates and 6 permission PUTs, all by the winner
  }, 120_000);

  it("an apply whose lock renewals cannot keep up (slow network, 5 s lock) stops before its first write and says so", async () => {
    // Each call takes 2 s: a renewal (read + write) takes longer than the lock has left.
    const emu = await start({ latencyMs: 2000 });
    const dir = sampleProject();
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"], { env: { JOBFORM_LOCK_TTL: "5s" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^jobform: stopped writing: the apply lock was not renewed in time \(it expires at \S+; slow network or JOBFORM_LOCK_TTL too short\), so another apply may hold it now$/m);
    expect(r.stdout).toMatch(/sales-load\s+failed\s+not attempted: the apply lock was not renewed in time/);
    expect(await jobWrites(emu)).toEqual([]);
  }, 120_000);
});
