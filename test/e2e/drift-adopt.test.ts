// Drift has two remedies of equal standing. End to end against `jobform serve`: the sample project applied to
// its prod target, two jobs edited as the Jobs UI would (one value that comes from the target's override in
// jobform.yaml, one from a job file), then drift names revert and adopt for each; adopting with `pull` edits
// exactly the files those values came from, after which plan is empty and drift is clean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Remedy } from "../../src/core/drift-remedies.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { ensureBuilt } from "../support/cli.js";
import { cliAgainst, editJob, emulator, sampleProject } from "../support/emulator.js";
import { commitWithRemote, git } from "../support/git-repo.js";

beforeAll(ensureBuilt);
let emu: RunningEmulator | undefined;
afterEach(async () => emu?.close());

const prod = (...args: string[]) => ["--target", "prod", ...args];

describe("drift → adopt", () => {
  it("drift exits 2 naming both remedies per edited job; pull edits the files the values came from; then plan is empty and drift exits 0", { timeout: 240_000 }, async () => {
    emu = await emulator();
    const dir = sampleProject();
    commitWithRemote(dir);
    expect((await cliAgainst(emu, ["apply", "--auto-approve", ...prod()], dir)).code).toBe(0);

    // sales-load's failure e-mails come from targets.prod.jobs.sales-load in jobform.yaml; files-ingest's
    // max_concurrent_runs from jobs/files-ingest.yaml.
    await editJob(emu, "sales-load", { email_notifications: { on_failure: ["data-oncall@contoso.com", "lead@contoso.com"] } });
    await editJob(emu, "files-ingest", { max_concurrent_runs: 6 });

    const drift = await cliAgainst(emu, ["drift", ...prod()], dir);
    expect(drift.stderr).toBe("");
    expect(drift.code).toBe(2);
    for (const key of ["sales-load", "files-ingest"]) {
      expect(drift.stdout).toContain(`~ ${key} (job `);
      expect(drift.stdout).toMatch(new RegExp(`revert: jobform apply --target prod --job ${key} +# put git's values back`));
      expect(drift.stdout).toMatch(new RegExp(`adopt: +jobform pull --target prod --job ${key} +# write the workspace's values into the YAML`));
    }
    expect(drift.stdout).toMatch(/ignore: \/max_concurrent_runs +# if operators own these fields/);
    expect(drift.stdout).toContain("Drift: 2 changed, 0 missing, 0 extra");

    const json = await cliAgainst(emu, ["drift", ...prod(), "--format", "json"], dir);
    expect(json.code).toBe(2);
    const changes = (JSON.parse(json.stdout) as { changes: { key: string; action: string; remedies?: Remedy[] }[] }).changes;
    const drifted = changes.filter((c) => c.action !== "no-op");
    expect(drifted.map((c) => c.key).sort()).toEqual(["files-ingest", "sales-load"]);
    for (const c of drifted) expect(c.remedies?.filter((r) => r.command).map((r) => r.command)).toEqual([`jobform apply --target prod --job ${c.key}`, `jobform pull --target prod --job ${c.key}`]);
    expect(changes.filter((c) => c.action === "no-op").every((c) => c.remedies === undefined)).toBe(true);

    // Adopt: the override-routed value lands in jobform.yaml, the other in the job file; nothing else changes.
    const pull = await cliAgainst(emu, ["pull", ...prod()], dir);
    expect(pull.stderr).toBe("");
    expect(pull.code).toBe(0);
    expect(git(dir, "diff", "--name-only").split("\n").filter(Boolean).sort()).toEqual(["jobform.yaml", "jobs/files-ingest.yaml"]);
    expect(readFileSync(join(dir, "jobform.yaml"), "utf8")).toContain("lead@contoso.com");
    expect(readFileSync(join(dir, "jobs/files-ingest.yaml"), "utf8")).toMatch(/^max_concurrent_runs: 6$/m);
    expect(readFileSync(join(dir, "jobs/sales-load.yaml"), "utf8")).not.toContain("lead@contoso.com");

    const plan = await cliAgainst(emu, ["plan", "--detailed-exitcode", ...prod()], dir);
    expect(plan.code).toBe(0);
    const clean = await cliAgainst(emu, ["drift", ...prod()], dir);
    expect(clean.stdout).toContain("No drift: the workspace matches git.");
    expect(clean.code).toBe(0);
  });
});
