// `jobform ui` as a user starts it: flags checked in one line, and a project with mistakes shown to the
// page as located diagnostics rather than a failure of the console.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ensureBuilt, ROOT, runCli } from "../support/cli.js";

describe("jobform ui (command)", () => {
  it("refuses a bad --port in one line", () => {
    ensureBuilt();
    const r = runCli(["ui", "--port", "http"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("jobform: --port must be an integer between 0 and 65535, got 'http'\n");
  });

  it("answers the page with the project's diagnostics, file:line:col, when the project has errors", async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), "jobform-ui-bad-"));
    cpSync(join(ROOT, "jobform.yaml"), join(dir, "jobform.yaml"));
    cpSync(join(ROOT, "jobs"), join(dir, "jobs"), { recursive: true });
    writeFileSync(join(dir, "jobs", "broken.yaml"), "name: Broken\ntasks:\n  - task_key: a\n    notebook_task: { notebook_path: 42 }\n");
    const child = spawn(process.execPath, [CLI, "--host", "http://127.0.0.1:9", "--dir", dir, "ui", "--port", "0"], { env: { ...process.env, DATABRICKS_TOKEN: "x", DATABRICKS_CONFIG_FILE: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let out = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.on("exit", (code) => reject(new Error(`ui exited ${code}: ${out}`)));
      });
      const u = new URL(url);
      const res = await fetch(`${u.origin}/api/jobs`, { headers: { authorization: `Bearer ${u.searchParams.get("token")}` } });
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: string };
      expect(error).toMatch(/^the project has 1 error:\njobs\/broken\.yaml:4:37: error /);
    } finally {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
