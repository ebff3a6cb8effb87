// `jobform demo --ui`: after the demo's steps the emulator and the console stay up, both URLs printed,
// until Ctrl-C stops them.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CLI, ensureBuilt, ROOT } from "../support/cli.js";

describe("jobform demo --ui", () => {
  it("leaves the emulator and the console running, prints both URLs, and stops on Ctrl-C", async () => {
    ensureBuilt();
    const child = spawn(process.execPath, [CLI, "--dir", ROOT, "demo", "--ui"], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!/token=[0-9a-f]+/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    const emulator = /The emulator stays up at (http:\/\/\S+) \(DATABRICKS_TOKEN=([0-9a-f]+)\)/.exec(out);
    const consoleUrl = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/.exec(out);
    expect(emulator, out).not.toBeNull();
    expect(consoleUrl, out).not.toBeNull();
    const [, base, token] = consoleUrl as RegExpExecArray;
    const overview = (await (await fetch(`${base}/api/jobs`, { headers: { authorization: `Bearer ${token}` } })).json()) as { rows: { key?: string; sync: string }[] };
    // The demo's simulated UI edit left one job out of sync with git; the others are synced.
    expect(overview.rows.map((r) => `${r.key}:${r.sync}`).sort()).toEqual(["files-ingest:Synced", "ml-training:Synced", "nightly-orchestrator:Synced", "orders-stream:Synced", "reports-refresh:Synced", "sales-load:OutOfSync"]);
    const [, emuUrl, emuToken] = emulator as RegExpExecArray;
    expect((await fetch(`${emuUrl}/api/2.2/jobs/list`, { headers: { authorization: `Bearer ${emuToken}` } })).status).toBe(200);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/api/jobs`)).rejects.toThrow();
  }, 120_000);
});
