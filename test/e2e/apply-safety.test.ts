import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { CONTROL, emulator, requestLog, sampleProject } from "../support/emulator.js";
import { api, idsByKey, jf, jobWrites, KEYS } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const SHORT_LOCK = { JOBFORM_LOCK_TTL: "5s" };
const unpause = (dir: string) => {
  const file = join(dir, "jobs", "sales-load.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/pause_status: PAUSED/, "pause_status: UNPAUSED"));
};
const noDuplicates = async (e: RunningEmulator) => {
  const byKey = await idsByKey(e);
  expect(Object.keys(byKey).sort()).toEqual(KEYS);
  expect(Object.entries(byKey).filter(([, ids]) => ids.length > 1)).toEqual([]);
};

describe("apply safety", () => {
  it("applies a saved plan, and refuses a stale one (workspace or git moved) with no job writes", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const out = join(mkdtempSync(join(tmpdir(), "jobform-apply-")), "plan.json");
    expect((await jf(emu, ["--dir", dir, "plan", "--out", out])).code).toBe(0);
    expect((await jf(emu, ["--dir", dir, "apply", out])).code).toBe(0);
    const ids = await idsByKey(emu);

    unpause(dir);
    expect((await jf(emu, ["--dir", dir, "plan", "--out", out])).code).toBe(0);
    await api(emu, "POST", "/api/2.2/jobs/update", { job_id: Number(ids["sales-load"]?.[0]), new_settings: { timeout_seconds: 5 } });
    let from = (await requestLog(emu)).length;
    const moved = await jf(emu, ["--dir", dir, "apply", out]);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain(`sales-load (job ${ids["sales-load"]?.[0]}): changed in the workspace since the plan was made`);
    expect(await jobWrites(emu, from)).toEqual([]);

    expect((await jf(emu, ["--dir", dir, "plan", "--out", out])).code).toBe(0);
    const file = join(dir, "jobs", "orders-stream.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("name: Orders stream", "name: Orders stream v2"));
    from = (await requestLog(emu)).length;
    const edited = await jf(emu, ["--dir", dir, "apply", out]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("orders-stream (job");
    expect(edited.stderr).toContain("its definition in git changed since the plan was made");
    expect(await jobWrites(emu, from)).toEqual([]);
  });

  it("fails fast on a held lock naming its holder; unlock shows it and --force breaks it", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const lock = { id: "x", holder: "alice@contoso.com", since: "2026-01-01T00:00:00.000Z", renewed_at: "2026-01-01T00:00:00.000Z", expires_at: "2999-01-01T00:00:00.000Z", ci: { GITHUB_REPOSITORY: "acme/jobs", GITHUB_RUN_ID: "991" } };
    await api(emu, "POST", "/api/2.0/workspace/mkdirs", { path: "/Shared/.jobform/locks" });
    await api(emu, "POST", "/api/2.0/workspace/import", { path: "/Shared/.jobform/locks/acme-data-dev.json", format: "AUTO", content: Buffer.from(JSON.stringify(lock)).toString("base64") });
    const held = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain("another apply holds the lock: alice@contoso.com since 2026-01-01T00:00:00.000Z (CI run acme/jobs#991)");
    expect(await jobWrites(emu)).toEqual([]);
    const show = await jf(emu, ["--dir", dir, "unlock"]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("holder:  alice@contoso.com");
    expect(show.stdout).toContain("GITHUB_RUN_ID=991");
    expect((await jf(emu, ["--dir", dir, "unlock", "--force"])).stdout).toContain("Lock deleted.");
    expect((await jf(emu, ["--dir", dir, "apply", "--auto-approve"])).code).toBe(0);
    expect((await jf(emu, ["--dir", dir, "unlock"])).stdout).toContain("No apply lock");
  });

  it("two concurrent applies leave no duplicates: the second waits for the lock, which is renewed meanwhile", async () => {
    // Each apply outlasts the 5 s expiry, so the waiter would break in if renewal did not work.
    emu = await emulator({ latencyMs: 150 });
    const dir = sampleProject();
    const both = () => jf(emu!, ["--dir", dir, "apply", "--auto-approve", "--lock-timeout", "30s"], { env: SHORT_LOCK });
    const [a, b] = await Promise.all([both(), both()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([a.stderr, b.stderr].filter((s) => s.includes("waiting up to 30s for the apply lock"))).toHaveLength(1);
    await noDuplicates(emu);
    expect((await requestLog(emu)).filter((q) => q.path === "/api/2.2/jobs/create")).toHaveLength(6);
  });

  it("after a lost create answer, finds the job by its tags instead of creating it twice", async () => {
    emu = await emulator();
    const dir = sampleProject();
    await fetch(`${emu.url}/__emulator/faults`, { method: "POST", headers: CONTROL, body: JSON.stringify({ method: "POST", path: "/api/2.2/jobs/create", action: "lost" }) });
    const summary = join(dir, "summary.md");
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"], { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/files-ingest\s+\d+\s+created\s+jobs\/create \(answer lost; found by its tags\)/);
    await noDuplicates(emu);
    const md = readFileSync(summary, "utf8");
    expect(md).toContain("### jobform apply: `acme-data` → `dev`");
    expect(md).toMatch(/\| files-ingest \| 1 \| created \| jobs\/create \(answer lost; found by its tags\) \+ permissions \|/);
    expect(md).toContain("**Apply: 6 created.**");
  });

  it("continues past a failed create, blocks the jobs that run it, and reports both", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const first = ["sales-load", "files-ingest", "orders-stream", "reports-refresh"].flatMap((k) => ["--job", k]);
    expect((await jf(emu, ["--dir", dir, "apply", "--auto-approve", ...first])).code).toBe(0);
    const body = { error_code: "INVALID_PARAMETER_VALUE", message: "The cluster spec is not valid." };
    await fetch(`${emu.url}/__emulator/faults`, { method: "POST", headers: CONTROL, body: JSON.stringify({ method: "POST", path: "/api/2.2/jobs/create", status: 400, body }) });
    const from = (await requestLog(emu)).length;
    const r = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ml-training\s+failed\s+INVALID_PARAMETER_VALUE: The cluster spec is not valid\./);
    expect(r.stdout).toMatch(/nightly-orchestrator\s+failed\s+not sent: it runs job ml-training \(failed to be created\)/);
    expect(r.stdout).toContain("Apply: 4 unchanged, 2 failed.");
    expect(await jobWrites(emu, from)).toEqual(["POST /api/2.2/jobs/create"]);
    const again = await jf(emu, ["--dir", dir, "apply", "--auto-approve"]);
    expect(again.stdout).toContain("Apply: 2 created, 4 unchanged.");
    expect(again.code).toBe(0);
    await noDuplicates(emu);
  });

  it("converges under chaos within three runs, with no duplicate tags", async () => {
    emu = await emulator({ chaos: 0.3, seed: 11 });
    const dir = sampleProject();
    const codes: (number | null)[] = [];
    for (let run = 0; run < 3 && codes.at(-1) !== 0; run++) codes.push((await jf(emu, ["--dir", dir, "apply", "--auto-approve", "--lock-timeout", "10s"], { env: SHORT_LOCK })).code);
    expect(codes.at(-1)).toBe(0);
    await noDuplicates(emu);
  });

  it("an apply killed midway is finished by the next one once its lock expires, without duplicates", async () => {
    emu = await emulator({ latencyMs: 60 });
    const dir = sampleProject();
    let child: ChildProcess | undefined;
    let exited = false;
    const killed = jf(emu, ["--dir", dir, "apply", "--auto-approve"], { env: SHORT_LOCK, onSpawn: (c) => (child = c) }).finally(() => (exited = true));
    // Poll until the first create landed (bounded by the child's own life, so a broken apply cannot hang this).
    while (!exited && !(await requestLog(emu)).some((q) => q.path === "/api/2.2/jobs/create" && q.status === 200));
    child?.kill("SIGKILL");
    expect((await killed).signal).toBe("SIGKILL");
    expect(Object.keys(await idsByKey(emu)).length).toBeLessThan(6);
    const next = await jf(emu, ["--dir", dir, "apply", "--auto-approve", "--lock-timeout", "20s"], { env: SHORT_LOCK });
    expect(next.stderr).toContain("waiting up to 20s for the apply lock held by me@example.com");
    expect(next.code).toBe(0);
    await noDuplicates(emu);
    expect((await jf(emu, ["--dir", dir, "plan", "--detailed-exitcode"])).code).toBe(0);
  });
});
