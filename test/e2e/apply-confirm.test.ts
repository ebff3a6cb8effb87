// On a terminal apply shows the plan and asks; only "yes" writes. `script` gives the CLI a real pseudo-terminal.
import { spawn, spawnSync } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { CLI, ensureBuilt } from "../support/cli.js";
import { emulator, requestLog, sampleProject, TOKEN } from "../support/emulator.js";

const hasScript = spawnSync("script", ["--version"]).status === 0;
beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

function onTerminal(args: string[], answer: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], { env: { ...process.env, DATABRICKS_TOKEN: TOKEN, DATABRICKS_CONFIG_FILE: "/nonexistent", NO_COLOR: "1" } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Apply these changes? (yes/no)") && child.stdin.writable) child.stdin.end(`${answer}\n`);
    });
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe.skipIf(!hasScript)("apply on a terminal", () => {
  it("writes nothing on 'no' and applies on 'yes'", async () => {
    emu = await emulator();
    const dir = sampleProject();
    const args = ["--host", emu.url, "--dir", dir, "apply", "--job", "sales-load"];
    const no = await onTerminal(args, "no");
    expect(no.out).toContain("Apply cancelled; nothing was written.");
    expect(no.code).toBe(1);
    expect((await requestLog(emu)).filter((q) => q.method === "POST" && q.path.startsWith("/api/2.2/jobs/"))).toEqual([]);
    const yes = await onTerminal(args, "yes");
    expect(yes.out).toContain("Apply: 1 created.");
    expect(yes.code).toBe(0);
  });
});
