// `--version` and one command's `--help` load only what they print (issue #11 point 16); bench/startup.mjs
// measures the time, this checks which modules a process loads.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { CLI, ensureBuilt, ROOT } from "../support/cli.js";

let register = "";

beforeAll(() => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "jobform-modules-"));
  // The hooks run on their own thread, whose stderr may be cut at exit: each load is appended to a file instead.
  writeFileSync(
    join(dir, "hook.mjs"),
    `import { appendFileSync } from "node:fs";\nexport async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith("file:")) appendFileSync(process.env.JOBFORM_LOADED, r.url + "\\n"); return r; }\n`,
  );
  writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hook.mjs")).href)});\n`);
  register = join(dir, "register.mjs");
});

/** The project files and packages a run of the built CLI loads, relative to the repository. */
function loaded(args: string[]): string[] {
  const log = join(mkdtempSync(join(tmpdir(), "jobform-loaded-")), "loaded.txt");
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", register, CLI, ...args], { encoding: "utf8", cwd: ROOT, env: { ...process.env, JOBFORM_LOADED: log } });
  expect(r.status).toBe(0);
  const root = pathToFileURL(ROOT).href;
  return [...new Set(readFileSync(log, "utf8").split("\n").filter((l) => l !== "").map((l) => l.replace(root, "")))];
}

describe("start-up loads only what is printed", () => {
  it("--version loads neither commander nor any command", () => {
    expect(loaded(["--version"]).sort()).toEqual(["dist/cli/main.js", "dist/cli/version.js"]);
  });

  it("validate --help loads the validate command's registration, not the core, yaml or ajv", () => {
    const files = loaded(["validate", "--help"]);
    expect(files).toContain("dist/cli/commands/validate.js");
    expect(files.filter((f) => /dist\/(core|render)\/|node_modules\/(yaml|ajv|undici)\//.test(f))).toEqual([]);
  });

  // Every command word of program.ts's table: its registration (description, options, examples) is all that
  // `--help` prints, so the core, the renderers, the HTTP client and the emulator stay unloaded.
  const HEAVY = /dist\/(core|render|databricks|emulator|apply|live|runs|runner|run-watch|notebooks)\/|dist\/cli\/(plan-context|workspace|read-project|schemas|github|all-targets)\.js|node_modules\/(yaml|ajv|ajv-formats|undici|lossless-json)\//;
  const WORDS = ["validate", "plan", "drift", "apply", "unlock", "serve", "api", "submit", "notebooks", "run", "runs", "jobs", "pause", "unpause", "graph", "pull", "import", "schema", "demo"];
  // Constants a help text names, each in a file of its room that imports nothing.
  const LEAVES = new Set(["dist/core/schema-ref.js", "dist/apply/lock-dir.js", "dist/runs/jobs-words.js", "dist/notebooks/import-defaults.js"]);
  it.each(WORDS)("%s --help loads only commander and the command's registration", (word) => {
    const files = loaded([word, "--help"]);
    expect(files.some((f) => f.startsWith("dist/cli/commands/"))).toBe(true);
    expect(files.filter((f) => HEAVY.test(f) && !LEAVES.has(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith("dist/cli/commands/") && f.endsWith("-action.js"))).toEqual([]);
  });

  it("validate loads no HTTP client and no ajv compiler when the validators are precompiled", () => {
    const files = loaded(["validate"]);
    expect(files).toContain("dist/core/project.js");
    expect(files.filter((f) => /node_modules\/(ajv|ajv-formats|undici)\//.test(f))).toEqual([]);
  });

  it("--version prints package.json's version", () => {
    const r = spawnSync(process.execPath, [CLI, "--version"], { encoding: "utf8" });
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version}\n`);
  });

  it("--version with no command registers no command", async () => {
    expect((await buildProgram(["node", "jobform", "--version"])).commands).toEqual([]);
  });
});
