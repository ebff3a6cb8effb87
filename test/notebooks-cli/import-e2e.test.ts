// jobform notebooks import end to end: the emulated workspace walked over real HTTP, files written to a temp project.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registerNotebooks } from "../../src/cli/commands/notebooks.js";
import { registerSubmit } from "../../src/cli/commands/submit.js";
import { startEmulator } from "../../src/emulator/server.js";
import type { RunningEmulator } from "../../src/emulator/server.js";
import { hurriedClock, requestLog, runCommand, tempDir } from "../runner/harness.js";

const LOAD = `# Databricks notebook source
dbutils.widgets.text("run_date", "2024-01-01")
dbutils.widgets.dropdown("mode", "full", ["full", "delta"])
name = f"x{1}"
dbutils.widgets.text(name, "")

# COMMAND ----------

# MAGIC %run ./common

# COMMAND ----------

limit = dbutils.widgets.get("limit")
`;

const WORKSPACE = {
  "Shared/etl/load.py": LOAD,
  "Shared/etl/plain.py": "# Databricks notebook source\nprint('no widgets')\n",
  "Shared/etl/common.py": "# Databricks notebook source\nx = 1\n",
  "Shared/etl/readme.txt": "just a file\n",
  "Users/alice/etl/load.py": "# Databricks notebook source\ndbutils.widgets.text('day', '')\n",
  "Users/alice/q.sql": "-- Databricks notebook source\nCREATE WIDGET TEXT region DEFAULT \"eu\";\nSELECT :region\n",
};

let emu: RunningEmulator;
afterEach(async () => {
  await emu?.close();
});

async function start() {
  emu = await startEmulator({ port: 0, workspaceDir: tempDir(WORKSPACE) });
}

function importCmd(dir: string, args: string[] = [], verbose = false) {
  return runCommand((p, io) => registerNotebooks(p, { openClient: io.openClient, stdout: io.out, stderr: io.err }), ["--dir", dir, ...(verbose ? ["--verbose"] : []), "notebooks", "import", ...args], emu.url);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("jobform notebooks import", () => {
  it("writes one definition per notebook with stable, collision-free names and reports findings", async () => {
    await start();
    const dir = tempDir();
    const r = await importCmd(dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "notebooks")).sort()).toEqual(["alice-etl-load.yaml", "common.yaml", "plain.yaml", "q.yaml", "shared-etl-load.yaml"].sort());
    const load = parse(read(dir, "notebooks/shared-etl-load.yaml")) as Record<string, unknown>;
    expect(load).toEqual({
      notebook_path: "/Shared/etl/load",
      parameters: [
        { name: "run_date", type: "string", direction: "input", default: "2024-01-01" },
        { name: "mode", type: "string", direction: "input", default: "full", choices: ["full", "delta"] },
      ],
    });
    expect(parse(read(dir, "notebooks/q.yaml"))).toMatchObject({ notebook_path: "/Users/alice/q", parameters: [{ name: "region", default: "eu" }] });
    expect(r.stdout).toContain("/Shared/etl/load → notebooks/shared-etl-load.yaml (new, 2 parameters)");
    expect(r.stdout).toMatch(/warning: line \d+: .*%run \.\/common/);
    expect(r.stdout).toMatch(/warning: line \d+: .*"limit" is read but never declared/);
    expect(r.stdout).toMatch(/\/Shared\/etl\/plain → notebooks\/plain\.yaml \(new, 0 parameters\)\n {2}no widgets found/);
    expect(r.stdout).toContain("No widgets found in the SOURCE export.");
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/^5 notebooks: 5 new, 0 updated, 0 unchanged, 0 failed; skipped 1 FILE; \d+ warnings$/);
    // every notebook was exported (JUPYTER first, SOURCE when it carries no widget record)
    const exports = (await requestLog(emu.url)).filter((q) => q.path.endsWith("/workspace/export"));
    expect(exports.length).toBe(10);
  });

  it("re-import keeps file names and the user's edits, and updates defaults from the notebook", async () => {
    await start();
    const dir = tempDir({ "notebooks/my-load.yaml": "# the nightly load\nnotebook_path: /Shared/etl/load\nplatform: etl\nparameters:\n  - name: run_date\n    type: date # typed by hand\n    direction: input\n    default: \"2023-12-31\"\n  - { name: old, type: int, default: 3 }\n" });
    const first = await importCmd(dir);
    expect(first.code).toBe(0);
    expect(existsSync(join(dir, "notebooks/shared-etl-load.yaml"))).toBe(false);
    const text = read(dir, "notebooks/my-load.yaml");
    expect(text).toContain("# the nightly load");
    expect(text).toContain("# typed by hand");
    const value = parse(text) as { platform: string; parameters: Record<string, unknown>[] };
    expect(value.platform).toBe("etl");
    expect(value.parameters).toEqual([
      { name: "run_date", type: "date", direction: "input", default: "2024-01-01" },
      { name: "old", type: "int", default: 3 },
      { name: "mode", type: "string", direction: "input", default: "full", choices: ["full", "delta"] },
    ]);
    expect(first.stdout).toContain("/Shared/etl/load → notebooks/my-load.yaml (updated, 2 parameters)");
    expect(first.stdout).toMatch(/kept parameter "old"/);

    const again = await importCmd(dir);
    expect(again.stdout).toContain("/Shared/etl/load → notebooks/my-load.yaml (unchanged");
    expect(again.stdout).toMatch(/0 new, 0 updated, 5 unchanged/);
  });

  it("--as-jobs scaffolds jobs/<key>.yaml and never overwrites an existing job", async () => {
    await start();
    const dir = tempDir();
    const r = await importCmd(dir, ["--path", "/Shared/etl", "--as-jobs"]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "jobs")).sort()).toEqual(["common.yaml", "load.yaml", "plain.yaml"]);
    expect(parse(read(dir, "jobs/load.yaml"))).toMatchObject({ name: "load", tasks: [{ notebook_task: { notebook_path: "/Shared/etl/load", base_parameters: { run_date: "2024-01-01", mode: "full" } } }] });
    writeFileSync(join(dir, "jobs/load.yaml"), read(dir, "jobs/load.yaml").replace("name: load", "name: My load"));
    const again = await importCmd(dir, ["--path", "/Shared/etl", "--as-jobs"]);
    expect(again.stdout).toContain("/Shared/etl/load → jobs/load.yaml (exists; not overwritten)");
    expect(read(dir, "jobs/load.yaml")).toContain("name: My load");
  });

  it("says when --path does not exist", async () => {
    await start();
    const r = await importCmd(tempDir(), ["--path", "/Nowhere"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--path /Nowhere does not exist in the workspace");
  });

  it("an absolute --out is that folder, not one under --dir, and the report names where the files are", async () => {
    await start();
    const dir = tempDir();
    const out = join(tempDir(), "defs");
    const r = await importCmd(dir, ["--path", "/Users/alice", "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["load.yaml", "q.yaml"]);
    expect(existsSync(join(dir, out))).toBe(false);
    expect(r.stdout).toContain(`/Users/alice/q → ${out}/q.yaml (new`);
  });

  it("writes a dropdown's choices, so submit refuses a value outside them before any call", async () => {
    await start();
    const dir = tempDir({ "jobform.yaml": "project: acme\nplatforms:\n  default: { compute_type: Serverless }\n" });
    expect((await importCmd(dir, ["--path", "/Shared/etl"])).code).toBe(0);
    expect(read(dir, "notebooks/load.yaml")).toContain("    default: full\n    choices: [full, delta]\n");
    const before = (await requestLog(emu.url)).length;
    const r = await runCommand((p, io) => registerSubmit(p, { openClient: io.openClient, stdout: io.out, stderr: io.err, clock: hurriedClock, live: false }), ["--dir", dir, "submit", "load", "--param", "mode=bogus"], emu.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('parameter "mode" from --param: "bogus" is not one of its choices (full, delta)');
    expect((await requestLog(emu.url)).slice(before)).toEqual([]);
  });
});
