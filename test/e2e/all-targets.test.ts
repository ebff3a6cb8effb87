// Every target in one run (issue #13): validate and plan --all-targets over three targets on two
// workspaces, one Markdown comment, combined exit codes, and a prod-only mistake caught with its line.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt, runCliAsync } from "../support/cli.js";
import { emulator, requestLog, sampleProject, TOKEN } from "../support/emulator.js";

beforeAll(ensureBuilt);
let one: RunningEmulator;
let two: RunningEmulator;
beforeAll(async () => {
  [one, two] = await Promise.all([emulator(), emulator()]);
});
afterAll(async () => Promise.all([one.close(), two.close()]));

const env = { DATABRICKS_TOKEN: TOKEN, DATABRICKS_HOST: undefined, DATABRICKS_CONFIG_FILE: "/nonexistent", DATABRICKS_CONFIG_PROFILE: undefined, DATABRICKS_AUTH_TYPE: undefined };
const jf = (dir: string, args: string[]) => runCliAsync(["--dir", dir, ...args], { env });

/** The sample project with dev and prod on the first emulator and a third target, eu, on the second. */
function threeTargets(): string {
  const dir = sampleProject();
  const file = join(dir, "jobform.yaml");
  const text = readFileSync(file, "utf8")
    .replace("https://adb-1111111111111111.11.azuredatabricks.net", one.url)
    .replace("https://adb-2222222222222222.22.azuredatabricks.net", one.url)
    .replace("\nvariables:", `  eu:\n    host: ${two.url}\n    variables: { warehouse_id: 5e4d3c2b1a0f9e8d, catalog: eu }\n\nvariables:`);
  writeFileSync(file, text);
  return dir;
}

describe("plan --all-targets", () => {
  it("renders one comment over three targets on two workspaces, a summary table on top; exit codes combine", async () => {
    const dir = threeTargets();
    expect((await jf(dir, ["--target", "dev", "apply", "--auto-approve"])).code).toBe(0);
    const before = { one: (await requestLog(one)).length, two: (await requestLog(two)).length };
    const r = await jf(dir, ["plan", "--all-targets", "--format", "markdown", "--detailed-exitcode"]);
    expect(r.code, r.stderr).toBe(2);
    const md = r.stdout;
    expect(md.startsWith("### jobform plan: `acme-data` — 3 targets\n")).toBe(true);
    expect(md.length).toBeLessThanOrEqual(65_536);
    const rows = md.split("\n").filter((l) => /^\| (dev|prod|eu) \|/.test(l));
    expect(rows.map((l) => l.split("|").map((c) => c.trim()).slice(1, 7))).toEqual([
      ["dev", one.url, "0", "0", "0", ""],
      ["prod", one.url, "6", "0", "0", expect.stringMatching(/^(⚠️ \d+)?$/)],
      ["eu", two.url, "6", "0", "0", expect.stringMatching(/^(⚠️ \d+)?$/)],
    ]);
    // One section per target, in jobform.yaml's order; dev's says there is nothing to do.
    const at = ["`acme-data` → `dev`", "`acme-data` → `prod`", "`acme-data` → `eu`"].map((h) => md.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Each workspace was read, and neither was written to.
    const writes = async (e: RunningEmulator, from: number) => (await requestLog(e)).slice(from).filter((q) => q.method !== "GET");
    expect((await requestLog(two)).length).toBeGreaterThan(before.two);
    expect([...(await writes(one, before.one)), ...(await writes(two, before.two))]).toEqual([]);

    // --target a,b is the same run over the targets named; without changes the exit code is 0.
    const some = await jf(dir, ["plan", "--target", "dev,eu", "--format", "json"]);
    expect(some.code).toBe(0);
    expect((JSON.parse(some.stdout) as { targets: { target: string }[] }).targets.map((t) => t.target)).toEqual(["dev", "eu"]);
    const unknown = await jf(dir, ["plan", "--target", "dev,qa"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe("jobform: --target dev,qa: unknown target qa; known targets: dev, prod, eu");
  });

  it("a prod-only override mistake fails validate --all-targets with the target and the jobform.yaml line; plan exits 1", async () => {
    const dir = threeTargets();
    const file = join(dir, "jobform.yaml");
    const text = readFileSync(file, "utf8").replace("        schedule: { pause_status: UNPAUSED }\n", "        schedule: { pause_status: UNPAUSED }\n        max_concurrent_runs: lots\n");
    writeFileSync(file, text);
    const line = text.split("\n").findIndex((l) => l.includes("max_concurrent_runs: lots")) + 1;
    expect((await jf(dir, ["validate"])).code).toBe(0);
    const v = await jf(dir, ["validate", "--all-targets"]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(new RegExp(`^jobform\\.yaml:${line}:\\d+: error JF\\d+: .*\\[target prod\\]$`, "m"));
    expect(v.stdout).not.toContain("[target dev]");
    const p = await jf(dir, ["plan", "--all-targets", "--format", "markdown", "--detailed-exitcode"]);
    expect(p.code).toBe(1);
    expect(p.stdout).toMatch(/^\| prod \| .*❌/m);
    expect(p.stdout).toMatch(/^\| eu \| .* \| changes \|$/m);
  });
});
