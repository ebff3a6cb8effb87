// The V8 code cache of the precompiled validators (src/cli/code-cache.ts): hit after a first run, and any cache
// file that is damaged, truncated or made for other code is ignored, replaced, and never changes the result.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFileFor, codeCacheDir, readCacheFile, requireWithCodeCache, saveCodeCaches } from "../../src/cli/code-cache.js";
import { BIN, CLI, ensureBundled } from "../support/cli.js";

/** A CommonJS file of its own (unique text, so no other test's cache applies) exporting a function. */
function module(dir: string, name: string, answer: number): string {
  const file = join(dir, name);
  writeFileSync(file, `"use strict";\nconst path = require("node:path");\nmodule.exports = function answer() { return ${answer} + path.sep.length - 1; };\nmodule.exports.file = __filename;\n// ${dir}\n`);
  return file;
}

describe("code cache", () => {
  it("is off with JOBFORM_CODE_CACHE=off, in DIR when set, else under the OS cache folder", () => {
    expect(codeCacheDir({ JOBFORM_CODE_CACHE: "off" })).toBeUndefined();
    expect(codeCacheDir({ JOBFORM_CODE_CACHE: "/tmp/cc" })).toBe("/tmp/cc");
    expect(codeCacheDir({}, "linux", "/home/u")).toBe(join("/home/u", ".cache", "jobform", "code-cache"));
    expect(codeCacheDir({ XDG_CACHE_HOME: "/x" }, "linux", "/home/u")).toBe(join("/x", "jobform", "code-cache"));
    expect(codeCacheDir({}, "darwin", "/Users/u")).toBe(join("/Users/u", "Library", "Caches", "jobform", "code-cache"));
    expect(codeCacheDir({ LOCALAPPDATA: "C:\\L" }, "win32", "C:\\U")).toBe(join("C:\\L", "jobform", "code-cache"));
  });

  it("misses on the first load, saves, and hits on the next", () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-cc-"));
    const file = module(dir, "a.cjs", 41);
    const first = requireWithCodeCache(file, join(dir, "cache"));
    expect(first.used).toBe(false);
    expect((first.exports as () => number)()).toBe(41);
    expect((first.exports as { file: string }).file).toBe(file);
    saveCodeCaches();
    const path = cacheFileFor(join(dir, "cache"), file, readFileSync(file, "utf8"));
    expect(readCacheFile(path)?.length).toBeGreaterThan(0);
    const second = requireWithCodeCache(file, join(dir, "cache"));
    expect(second.used).toBe(true);
    expect((second.exports as () => number)()).toBe(41);
  });

  it("keeps a cache per variant of one file: saving one leaves the other, and each is hit", () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-cc-"));
    const cache = join(dir, "cache");
    const file = module(dir, "v.cjs", 7);
    expect(requireWithCodeCache(file, cache, "help").used).toBe(false);
    saveCodeCaches();
    expect(requireWithCodeCache(file, cache, "run").used).toBe(false);
    saveCodeCaches();
    const source = readFileSync(file, "utf8");
    expect(readdirSync(cache).sort()).toEqual([basename(cacheFileFor(cache, file, source, "help")), basename(cacheFileFor(cache, file, source, "run"))].sort());
    expect(requireWithCodeCache(file, cache, "help").used).toBe(true);
    expect(requireWithCodeCache(file, cache, "run").used).toBe(true);
    expect((requireWithCodeCache(file, cache, "run").exports as () => number)()).toBe(7);
  });

  it("ignores a corrupt, truncated or foreign cache file and replaces it", () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-cc-"));
    const cache = join(dir, "cache");
    const a = module(dir, "a.cjs", 1);
    const b = module(dir, "b.cjs", 2);
    requireWithCodeCache(a, cache);
    saveCodeCaches();
    const aPath = cacheFileFor(cache, a, readFileSync(a, "utf8"));
    const bPath = cacheFileFor(cache, b, readFileSync(b, "utf8"));
    const good = readFileSync(aPath);

    const flipped = Buffer.from(good);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] as number) ^ 0xff;
    for (const bytes of [Buffer.from("garbage"), Buffer.alloc(0), good.subarray(0, 40), flipped]) {
      writeFileSync(aPath, bytes);
      const r = requireWithCodeCache(a, cache);
      expect(r.used).toBe(false);
      expect((r.exports as () => number)()).toBe(1);
    }
    // Another file's cache (a.cjs has the same length as b.cjs, which is all V8 checks of the source): refused,
    // b still answers 2.
    writeFileSync(aPath, good);
    copyFileSync(aPath, bPath);
    const r = requireWithCodeCache(b, cache);
    expect(r.used).toBe(false);
    expect((r.exports as () => number)()).toBe(2);
    saveCodeCaches();
    expect(readCacheFile(bPath)?.equals(readCacheFile(aPath) as Buffer)).toBe(false);
    expect(requireWithCodeCache(b, cache).used).toBe(true);
    expect(readdirSync(cache).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps one cache per file (an edited file's old cache is removed) and survives a cache folder it cannot write", () => {
    const dir = mkdtempSync(join(tmpdir(), "jobform-cc-"));
    const cache = join(dir, "cache");
    const a = module(dir, "a.cjs", 1);
    const b = module(dir, "b.cjs", 2);
    requireWithCodeCache(a, cache);
    requireWithCodeCache(b, cache);
    saveCodeCaches();
    // Temporary files a killed run left: an old one goes with the next write, a fresh one (a writer may hold it) stays.
    const old = `${cacheFileFor(cache, a, "old build")}.4242.tmp`;
    const fresh = `${cacheFileFor(cache, a, "other build")}.4343.tmp`;
    writeFileSync(old, "");
    writeFileSync(fresh, "");
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    writeFileSync(a, readFileSync(a, "utf8").replace("1 +", "10 +"));
    expect((requireWithCodeCache(a, cache).exports as () => number)()).toBe(10);
    saveCodeCaches();
    expect(readdirSync(cache).sort()).toEqual([basename(cacheFileFor(cache, a, readFileSync(a, "utf8"))), basename(cacheFileFor(cache, b, readFileSync(b, "utf8"))), basename(fresh)].sort());
    // A file where the folder should be: nothing cached, nothing thrown.
    const blocked = join(dir, "blocked");
    writeFileSync(blocked, "");
    expect((requireWithCodeCache(b, join(blocked, "cache")).exports as () => number)()).toBe(2);
    expect(() => saveCodeCaches()).not.toThrow();
  });

  // The installed bin also reads its own code, cli.cjs, through the cache, named by the hash the build recorded.
  it.each([
    ["tsc's output", CLI, ["job.cjs-"]],
    ["the installed bin", BIN, ["job.cjs-", "cli.cjs-run-"]],
  ])("validate (%s) gives the same answer with a fresh, a warm and a garbage cache", (_, cli, cached) => {
    ensureBundled();
    const project = mkdtempSync(join(tmpdir(), "jobform-cc-project-"));
    writeFileSync(join(project, "jobform.yaml"), "project: cc\n");
    const jobs = join(project, "jobs");
    mkdirSync(jobs);
    writeFileSync(join(jobs, "one.yaml"), "name: One\nmax_concurrent_runs: nine\ntasks:\n  - task_key: a\n    notebook_task: { notebook_path: /Shared/a }\n");
    const cache = join(project, "cache");
    const run = () => spawnSync(process.execPath, [cli, "validate", "--dir", project], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", JOBFORM_CODE_CACHE: cache }, timeout: 60_000 });
    const fresh = run();
    expect(fresh.status).toBe(1);
    expect(fresh.stdout + fresh.stderr).toContain("max_concurrent_runs");
    const files = readdirSync(cache);
    for (const prefix of cached) expect(files.some((f) => f.startsWith(prefix))).toBe(true);
    const warm = run();
    for (const f of files) writeFileSync(join(cache, f), "garbage");
    const garbage = run();
    for (const r of [warm, garbage]) expect({ status: r.status, out: r.stdout, err: r.stderr }).toEqual({ status: fresh.status, out: fresh.stdout, err: fresh.stderr });
  }, 120_000);
});

describe("the installed bin's code cache", () => {
  it("a first --help leaves the commands their own cache of cli.cjs", () => {
    ensureBundled();
    const cache = join(mkdtempSync(join(tmpdir(), "jobform-cc-bin-")), "cache");
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, JOBFORM_CODE_CACHE: cache }, timeout: 60_000 });
    expect(run(["validate", "--help"]).status).toBe(0);
    expect(readdirSync(cache).filter((f) => f.startsWith("cli.cjs-"))).toEqual([expect.stringMatching(/^cli\.cjs-help-[0-9a-f]{24}\.v8$/)]);
    expect(run(["--version"]).status).toBe(0);
    run(["validate", "--dir", join(cache, "no-project")]);
    expect(readdirSync(cache).filter((f) => f.startsWith("cli.cjs-")).map((f) => f.replace(/-[0-9a-f]{24}\.v8$/, "")).sort()).toEqual(["cli.cjs-help", "cli.cjs-run"]);
  }, 120_000);
});
