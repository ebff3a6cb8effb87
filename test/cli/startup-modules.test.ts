// `--version` and one command's `--help` load only what they print (issue #11 point 16); bench/startup.mjs
// measures the time, this checks which modules a process loads.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import type { SourceMapPayload } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { BIN, CLI, ensureBuilt, ensureBundled, ROOT } from "../support/cli.js";

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

/** The project files and packages a run of the built CLI (or of `cli`) loads, relative to the repository. */
function loaded(args: string[], cli = CLI): string[] {
  const log = join(mkdtempSync(join(tmpdir(), "jobform-loaded-")), "loaded.txt");
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", register, cli, ...args], { encoding: "utf8", cwd: ROOT, env: { ...process.env, JOBFORM_LOADED: log, JOBFORM_CODE_CACHE: "off" } });
  expect(r.status).toBe(0);
  const root = pathToFileURL(ROOT).href;
  return [...new Set(readFileSync(log, "utf8").split("\n").filter((l) => l !== "").map((l) => l.replace(root, "")))];
}

// Every command word of program.ts's table: its registration (description, options, examples) is all that
// `--help` prints, so the core, the renderers, the HTTP client and the emulator stay unloaded.
const HEAVY = /dist\/(core|render|databricks|emulator|apply|live|runs|runner|run-watch|notebooks)\/|dist\/cli\/(plan-context|workspace|read-project|schemas|github|all-targets)\.js|node_modules\/(yaml|ajv|ajv-formats|undici|lossless-json)\//;
const WORDS = ["validate", "plan", "drift", "apply", "unlock", "serve", "api", "submit", "notebooks", "run", "runs", "jobs", "pause", "unpause", "graph", "pull", "import", "schema", "demo"];
// Constants a help text names, each in a file of its room that imports nothing.
const LEAVES = new Set(["dist/core/schema-ref.js", "dist/apply/lock-dir.js", "dist/runs/jobs-words.js", "dist/notebooks/import-defaults.js"]);

describe("start-up loads only what is printed", () => {
  it("--version loads neither commander nor any command", () => {
    expect(loaded(["--version"]).sort()).toEqual(["dist/cli/main.js", "dist/cli/start.js", "dist/cli/version.js"]);
  });

  it("validate --help loads the validate command's registration, not the core, yaml or ajv", () => {
    const files = loaded(["validate", "--help"]);
    expect(files).toContain("dist/cli/commands/validate.js");
    expect(files.filter((f) => /dist\/(core|render)\/|node_modules\/(yaml|ajv|undici)\//.test(f))).toEqual([]);
  });

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

// The installed bin is the esbuild bundle (scripts/bundle-cli.mjs): main.js, and cli.cjs read through the code
// cache, inside which every module keeps its place (a dynamically imported one runs when the import runs). What
// ran is read from V8's coverage of the process: each function that ran, mapped through cli.cjs's source map to
// the source it came from, named like tsc's output so the same checks apply.
describe("the bundle (dist/bin/main.js) runs only what is printed", () => {
  beforeAll(ensureBundled, 120_000);
  const bundle = join(ROOT, "dist/bin/cli.cjs");
  // requireWithCodeCache compiles the file inside this wrapper: V8's offsets count it.
  const WRAPPER = "(function (exports, require, module, __filename, __dirname) {".length;

  /** The files the run compiled (besides node's own) and the sources of cli.cjs whose code ran. */
  function ran(args: string[]): { files: string[]; sources: string[] } {
    const dir = mkdtempSync(join(tmpdir(), "jobform-coverage-"));
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT, env: { ...process.env, NODE_V8_COVERAGE: dir, JOBFORM_CODE_CACHE: "off" } });
    expect(r.status).toBe(0);
    const text = readFileSync(bundle, "utf8");
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, "utf8")) as SourceMapPayload);
    const root = pathToFileURL(ROOT).href;
    const files = new Set<string>();
    const sources = new Set<string>();
    for (const f of readdirSync(dir)) {
      const { result } = JSON.parse(readFileSync(join(dir, f), "utf8")) as { result: { url: string; functions: { ranges: { startOffset: number; count: number }[] }[] }[] };
      for (const script of result.filter((s) => s.url.startsWith("file:"))) {
        files.add(script.url.replace(root, ""));
        if (!script.url.endsWith("/dist/bin/cli.cjs")) continue;
        for (const fn of script.functions) {
          const first = fn.ranges[0];
          if (first === undefined || first.count === 0) continue;
          const offset = first.startOffset - WRAPPER;
          const line = lineStarts.findLastIndex((start) => start <= offset);
          const source = map.findEntry(line, offset - (lineStarts[line] as number)) as { originalSource?: string };
          if (source.originalSource?.includes("/src/")) sources.add(`dist/${source.originalSource.slice(source.originalSource.indexOf("/src/") + 5).replace(/\.ts$/, ".js")}`);
          else if (source.originalSource?.includes("node_modules/")) sources.add(source.originalSource.slice(source.originalSource.indexOf("node_modules/")));
        }
      }
    }
    return { files: [...files].sort(), sources: [...sources].sort() };
  }

  it("--version runs the entry only", () => {
    expect(ran(["--version"]).files).toEqual(["dist/bin/main.js"]);
  });

  it.each(WORDS)("%s --help runs no heavy source and no action", (word) => {
    const { files, sources } = ran([word, "--help"]);
    expect(files).toEqual(["dist/bin/cli.cjs", "dist/bin/main.js"]);
    expect(sources.some((f) => f.startsWith("dist/cli/commands/"))).toBe(true);
    expect(sources.filter((f) => HEAVY.test(f) && !LEAVES.has(f))).toEqual([]);
    expect(sources.filter((f) => f.endsWith("-action.js"))).toEqual([]);
  });

  it("validate runs the core and yaml's ES build, but no HTTP client and no ajv compiler", () => {
    const { files, sources } = ran(["validate"]);
    expect(sources).toContain("dist/core/project.js");
    expect(sources.some((f) => f.startsWith("node_modules/yaml/browser/"))).toBe(true);
    expect(sources.filter((f) => /node_modules\/(ajv|ajv-formats|undici)\/|dist\/databricks\//.test(f))).toEqual([]);
    // The validators need ajv's small runtime helpers, nothing else of it; undici.cjs is not read (the demo through
    // the bin, test/cli/bundle.test.ts, reads it).
    expect(files.filter((f) => !/^dist\/(bin\/(main\.js|cli\.cjs)|validators\/\w+\.cjs)$|^node_modules\/ajv\/dist\/runtime\//.test(f))).toEqual([]);
  });
});
