import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
/** The installed bin: the esbuild bundle of the built CLI (scripts/bundle-cli.mjs). */
export const BIN = fileURLToPath(new URL("../../dist/bin/main.js", import.meta.url));

/** The built CLI, as a user runs it: plain node, no vitest transforms (catches ESM/CJS interop problems). */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) {
    const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
    if (!existsSync(CLI)) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
}

/** The built CLI and its bundle. */
export function ensureBundled(): void {
  ensureBuilt();
  if (!existsSync(BIN)) {
    const r = spawnSync(process.execPath, ["scripts/bundle-cli.mjs"], { cwd: ROOT, encoding: "utf8" });
    if (!existsSync(BIN)) throw new Error(`bundle failed:\n${r.stdout}${r.stderr}`);
  }
}

export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The built CLI without blocking this process — needed when the server it talks to (the emulator) runs
 * inside the test process, where spawnSync would freeze the server and hang both.
 */
export function runCliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; onSpawn?: (child: ChildProcess) => void; cli?: string } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [opts.cli ?? CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", ...opts.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    opts.onSpawn?.(child);
  });
}
