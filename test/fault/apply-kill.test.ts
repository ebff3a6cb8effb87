// SIGKILL at ten points across an apply that creates, sets permissions, updates, resets, prunes and renews
// its lock. After `unlock --force` (the lock of a killed apply has not expired yet, as documented) the next
// apply converges exactly: every job once, the orphan gone, an empty plan, bystanders untouched.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoggedRequest } from "../support/emulator.js";
import { emulator, requestLog, sampleProject, TOKEN } from "../support/emulator.js";
import { ensureBuilt } from "../support/cli.js";
import { jf, KEYS } from "../e2e/apply-helpers.js";
import { createRaw, managedIds, PROJECT, plantBystanders, runInProcess, snapshotOf, writesTo } from "./support.js";

const count = (log: LoggedRequest[], method: string, path: string) => log.filter((q) => q.method === method && q.path === path && q.status === 200).length;
const IMPORT = "/api/2.0/workspace/import";

/** Where to kill: the first moment the emulator's log satisfies the predicate. */
const POINTS: [string, (log: LoggedRequest[]) => boolean][] = [
  ["while planning (jobs/list answered)", (l) => count(l, "GET", "/api/2.2/jobs/list") >= 1],
  ["right after taking the lock", (l) => count(l, "POST", IMPORT) >= 1],
  ["after the first create, before its answer arrived", (l) => count(l, "POST", "/api/2.2/jobs/create") >= 1],
  ["after the first permissions PUT", (l) => l.some((q) => q.method === "PUT" && q.path.startsWith("/api/2.0/permissions/jobs/"))],
  ["after the second create", (l) => count(l, "POST", "/api/2.2/jobs/create") >= 2],
  ["after the second permissions PUT", (l) => l.filter((q) => q.method === "PUT" && q.path.startsWith("/api/2.0/permissions/jobs/")).length >= 2],
  ["after the update", (l) => count(l, "POST", "/api/2.2/jobs/update") >= 1],
  ["after the reset", (l) => count(l, "POST", "/api/2.2/jobs/reset") >= 1],
  ["after the prune delete", (l) => count(l, "POST", "/api/2.2/jobs/delete") >= 1],
  ["after a lock renewal", (l) => count(l, "POST", IMPORT) >= 2],
];

let baseState = "";
let baseDir = "";
let bystanderIds: string[] = [];
let bystanderSnapshot = "";

beforeAll(async () => {
  ensureBuilt();
  // The workspace before the killed apply: four of the six jobs, an orphan to prune, three bystanders.
  baseState = join(mkdtempSync(join(tmpdir(), "jobform-kill-")), "state.json");
  const emu = await emulator({ stateFile: baseState });
  const planted = await plantBystanders(emu);
  bystanderIds = planted.ids;
  bystanderSnapshot = await planted.snapshot();
  await createRaw(emu, { name: "Retired", tags: { jobform_project: PROJECT, jobform_key: "retired" }, tasks: [{ task_key: "t", notebook_task: { notebook_path: "/Shared/retired" } }] });
  baseDir = sampleProject();
  const first = ["sales-load", "files-ingest", "orders-stream", "reports-refresh"].flatMap((k) => ["--job", k]);
  expect((await jf(emu, ["--dir", baseDir, "apply", "--auto-approve", ...first])).code).toBe(0);
  await emu.close();
  // The killed apply also updates one job (pause only) and resets another (a field back to its default).
  const edit = (key: string, from: RegExp, to: string) => writeFileSync(join(baseDir, "jobs", `${key}.yaml`), readFileSync(join(baseDir, "jobs", `${key}.yaml`), "utf8").replace(from, to));
  edit("sales-load", /pause_status: PAUSED/, "pause_status: UNPAUSED");
  edit("files-ingest", /^max_concurrent_runs: 3\n/m, "");
}, 120_000);

async function killAndRecover(name: string, when: (log: LoggedRequest[]) => boolean) {
  const stateFile = join(mkdtempSync(join(tmpdir(), "jobform-kill-")), "state.json");
  copyFileSync(baseState, stateFile);
  // Latency spreads the apply over a few seconds, so each point is reached with time to kill there.
  const emu = await emulator({ stateFile, latencyMs: 50 });
  try {
    const args = ["--dir", baseDir, "apply", "--auto-approve", "--prune"];
    // Renewing twice a second, the apply renews before it finishes; a 10 s lock tolerates this busy machine.
    const lockEnv = { JOBFORM_LOCK_TTL: "10s", JOBFORM_LOCK_RENEW: "500ms" };
    let child: { kill(s: NodeJS.Signals): boolean } | undefined;
    let exited = false;
    const killed = jf(emu, args, { env: lockEnv, onSpawn: (c) => (child = c) }).finally(() => (exited = true));
    while (!exited && !when(await requestLog(emu))) await new Promise((r) => setTimeout(r, 15));
    child?.kill("SIGKILL");
    const k = await killed;
    expect(k.signal, `${name}: the apply finished before the point was reached: ${k.code} ${k.stdout}${k.stderr}`).toBe("SIGKILL");
    // Recovery runs in this process: only the killed apply needs a process of its own.
    const env = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined, GITHUB_ACTIONS: undefined, NO_COLOR: "1" };
    const cli = (more: string[]) => runInProcess(["--host", emu.url, "--dir", baseDir, ...more], env);
    expect((await cli(["unlock", "--force"])).code, name).toBe(0);
    const next = await cli(["apply", "--auto-approve", "--prune"]);
    expect(next.code, `${name}: ${next.stdout}${next.stderr}`).toBe(0);
    const byKey = await managedIds(emu);
    expect(Object.keys(byKey).sort(), name).toEqual(KEYS);
    expect(Object.entries(byKey).filter(([, ids]) => ids.length !== 1), name).toEqual([]);
    const plan = await cli(["plan", "--detailed-exitcode", "--prune"]);
    expect(plan.code, `${name}: ${plan.stdout}`).toBe(0);
    expect(await snapshotOf(emu, bystanderIds), name).toBe(bystanderSnapshot);
    expect(await writesTo(emu, bystanderIds), name).toEqual([]);
  } finally {
    await emu.close();
  }
}

describe("SIGKILL at ten points across an apply", () => {
  it(
    "each time, the next apply (after unlock --force) converges exactly",
    async () => {
      // One at a time: the recovery runs share this process's output.
      for (const [name, when] of POINTS) await killAndRecover(name, when);
    },
    300_000,
  );
});
