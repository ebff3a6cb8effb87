// The console under test: `jobform serve` with the sample project applied, then `jobform ui` over it,
// both as child processes of the built CLI, as a user starts them.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT, runCliAsync } from "../support/cli.js";
import { serve } from "../support/serve.js";

export const TOKEN = "ui-test-token";

export interface Stack {
  dir: string;
  emulator: string;
  console: string;
  base: string;
  env: Record<string, string>;
  rest: (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;
  stop: () => Promise<void>;
}

function started(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("exit", (code) => reject(new Error(`${what} exited ${code}: ${out}`)));
  });
}

export async function startStack(serveArgs: string[] = []): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "jobform-ui-"));
  cpSync(join(ROOT, "jobform.yaml"), join(dir, "jobform.yaml"));
  cpSync(join(ROOT, "jobs"), join(dir, "jobs"), { recursive: true });
  const emu = serve(["--token", TOKEN, "--principals-of", dir, ...serveArgs]);
  const emulator = await emu.url;
  const env = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_AUTH_TYPE: "pat", DATABRICKS_CONFIG_FILE: "/nonexistent/jobform-ui-test" };
  const applied = await runCliAsync(["--host", emulator, "--dir", dir, "apply", "--auto-approve"], { env });
  if (applied.code !== 0) throw new Error(`apply failed: ${applied.stdout}${applied.stderr}`);
  const ui = spawn(process.execPath, [CLI, "--host", emulator, "--dir", dir, "ui", "--port", "0"], { env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  const url = await started(ui, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/, "jobform ui");
  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    dir,
    emulator,
    console: url,
    base: new URL(url).origin,
    env,
    rest,
    stop: async () => {
      ui.kill("SIGTERM");
      emu.child.kill("SIGTERM");
      await emu.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
