// In GitHub Actions the plan's Markdown on stdout becomes a PR comment: it must carry neither the workflow
// commands (a mask line holds the secret it hides) nor the secret itself.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { emulator, TOKEN } from "../support/emulator.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

describe("plan --format markdown in GitHub Actions", () => {
  it("keeps workflow commands on stderr and secrets out of the comment body", async () => {
    emu = await emulator();
    const dir = mkdtempSync(join(tmpdir(), "jobform-gh-plan-"));
    mkdirSync(join(dir, "jobs"));
    writeFileSync(join(dir, "jobform.yaml"), "project: gh\n");
    writeFileSync(
      join(dir, "jobs", "etl.yaml"),
      "name: etl\ntasks:\n  - task_key: t\n    new_cluster: { spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1, spark_env_vars: { DB_PASSWORD: hunter22-secret } }\n    notebook_task: { notebook_path: /x }\n",
    );
    const r = await runCliAsync(["--host", emu.url, "--dir", dir, "plan", "--format", "markdown"], {
      env: { DATABRICKS_TOKEN: TOKEN, DATABRICKS_CONFIG_FILE: "/nonexistent", GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(dir, "summary.md") },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### jobform plan");
    expect(r.stdout).not.toContain("hunter22-secret");
    expect(r.stdout).not.toMatch(/^::/m);
    expect(r.stderr).toContain("::add-mask::hunter22-secret");
  });
});
