// The installed bin is the esbuild bundle (dist/bin/main.js): the whole demo runs through it — yaml's ES build,
// commander, the validators, undici (undici.cjs) and the embedded emulator, read through the code cache — as it runs
// through tsc's dist/cli/main.js (test/e2e/demo.test.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBundled, ROOT, runCliAsync } from "../support/cli.js";
import { sampleProject } from "../support/emulator.js";

beforeAll(ensureBundled, 120_000);

const bin = (args: string[]) => runCliAsync(args, { cli: BIN, env: { JOBFORM_CODE_CACHE: "off", DATABRICKS_HOST: "https://not-used.example.com", DATABRICKS_TOKEN: "not-used" } });

describe("the bundled bin", () => {
  it("is what package.json installs", () => {
    expect((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> }).bin).toEqual({ jobform: "dist/bin/main.js" });
  });

  it("runs the demo end to end", async () => {
    const r = await bin(["--dir", sampleProject(), "demo"]);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Apply: 6 created.");
    expect(r.stdout).toContain("Drift: 1 changed, 0 missing, 0 extra");
  }, 120_000);

  it("reports a bad project with located diagnostics and exit 1", async () => {
    const dir = sampleProject();
    writeFileSync(join(dir, "jobs", "bad.yaml"), "name: Bad\nmax_concurrent_runs: nine\ntasks:\n  - task_key: a\n    notebook_task: { notebook_path: /Shared/a }\n");
    const r = await bin(["--dir", dir, "validate"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^jobs\/bad\.yaml:2:\d+: error JF\d+: .*/m);
  }, 120_000);
});
