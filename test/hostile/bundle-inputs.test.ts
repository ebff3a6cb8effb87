// `import --from-bundle` reads files a bundle names by glob: none of them may lead outside the bundle folder,
// hang on a device, blow the heap, or loop. Each case ends with a located error (or, for include cycles, a
// normal import), in a child with a capped heap, and writes nothing when it fails.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../support/cli.js";
// @ts-expect-error a plain-JS module shared with bench/hostile-inputs.mjs
import { BOUNDS, runCase } from "./corpus.mjs";

beforeAll(ensureBuilt);

const HEAD = "bundle: { name: h }\n";
const JOB = "resources:\n  jobs:\n    j: { name: J, tasks: [ { task_key: t, notebook_task: { notebook_path: /t } } ] }\n";
const write = (dir: string, rel: string, text: string) => {
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  writeFileSync(join(dir, rel), text);
};

/** A bundle in <tmp>/p/bundle built by `build`, imported into <tmp>/p/out by the capped child of the corpus. */
function importCase(build: (bundle: string) => void) {
  const root = mkdtempSync(join(tmpdir(), "jobform-bundle-hostile-"));
  const dir = join(root, "p");
  const bundle = join(dir, "bundle");
  mkdirSync(bundle, { recursive: true });
  build(bundle);
  const out = join(dir, "out");
  const run = (runCase as (dir: string, args: string[]) => { status: number; output: string; cpuMs: number; rssBytes: number })(dir, ["import", "--from-bundle", bundle, "--out", out]);
  return { run, out, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

const CASES: Record<string, [(b: string) => void, RegExp]> = {
  "include glob leaving the root": [(b) => (write(b, "databricks.yml", HEAD + 'include: ["../*.yml"]\n'), write(b, "../x.yml", JOB)), /databricks\.yml:2:11: error JF016: include \.\.\/\*\.yml: leaves the bundle root/],
  "include of an absolute path": [(b) => write(b, "databricks.yml", HEAD + "include: [/etc/*]\n"), /databricks\.yml:2:11: error JF016: include \/etc\/\*: an absolute path/],
  "include through a folder symlinked to /etc": [(b) => (write(b, "databricks.yml", HEAD + "include: [conf/*]\n"), symlinkSync("/etc", join(b, "conf"))), /error JF016: include conf\/\* reaches conf, a symlink to \/etc outside the bundle/],
  "included file symlinked to /etc/passwd": [(b) => (write(b, "databricks.yml", HEAD + "include: [pw.yml]\n"), symlinkSync("/etc/passwd", join(b, "pw.yml"))), /pw\.yml: error JF090: .*outside/],
  "included file symlinked to /dev/zero": [(b) => (write(b, "databricks.yml", HEAD + "include: [z.yml]\n"), symlinkSync("/dev/zero", join(b, "z.yml"))), /z\.yml: error JF090: .*\/dev\/zero/],
  "databricks.yml symlinked to /dev/zero": [(b) => symlinkSync("/dev/zero", join(b, "databricks.yml")), /databricks\.yml: error JF090: .*\/dev\/zero/],
  "20 MB included file": [(b) => (write(b, "databricks.yml", HEAD + "include: [big.yml]\n"), write(b, "big.yml", `x: |\n${("  " + "y".repeat(998) + "\n").repeat(20 << 10)}`)), /big\.yml: error JF004: file is \d+\.\d MB/],
  "include matching nothing": [(b) => write(b, "databricks.yml", HEAD + "include: [resources/*.yml]\n"), /databricks\.yml:2:11: error JF016: include resources\/\*\.yml matches no file/],
  "alias bomb": [(b) => write(b, "databricks.yml", HEAD + 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'), /databricks\.yml:\d+:\d+: error JF007: /],
  "__proto__ key": [(b) => write(b, "databricks.yml", HEAD + "resources:\n  jobs:\n    __proto__: { name: x }\n"), /databricks\.yml:\d+:\d+: error JF008: /],
};

describe("import --from-bundle: hostile bundles", () => {
  it.each(Object.keys(CASES))("%s", (name) => {
    const [build, expected] = CASES[name] as [(b: string) => void, RegExp];
    const { run, out, cleanup } = importCase(build);
    try {
      expect(run.output, run.output.slice(0, 2000)).toMatch(expected);
      expect(run.status, run.output.slice(0, 2000)).toBe(1);
      expect(run.output).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
      expect(run.output).toContain("nothing was written");
      expect(existsSync(out)).toBe(false);
      expect(run.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(run.rssBytes).toBeLessThan(BOUNDS.rssBytes);
    } finally {
      cleanup();
    }
  });

  it("include cycles (a file including itself, two including each other) read each file once", () => {
    const { run, out, cleanup } = importCase((b) => {
      write(b, "databricks.yml", HEAD + "include: [a.yml, databricks.yml]\n");
      write(b, "a.yml", "include: [sub/b.yml, a.yml]\n" + JOB);
      write(b, "sub/b.yml", "include: [../a.yml]\n");
    });
    try {
      expect(run.status, run.output).toBe(0);
      expect(readdirSync(join(out, "jobs"))).toEqual(["j.yaml"]);
      expect(run.cpuMs).toBeLessThan(BOUNDS.cpuMs);
    } finally {
      cleanup();
    }
  });
});
