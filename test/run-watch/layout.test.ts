import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/** Every relative import of every module in a src/ folder, as "file → specifier". */
function importsOf(folder: string): string[] {
  const out: string[] = [];
  for (const file of readdirSync(join(SRC, folder)).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(SRC, folder, file), "utf8");
    for (const m of text.matchAll(/from "(\.[^"]+)"/g)) out.push(`${folder}/${file} → ${m[1]}`);
  }
  return out;
}

// The run-watching engine is shared by one-off submits (runner/) and job runs (runs/): neither of those
// rooms reaches into the other, and the engine depends on neither.
describe("run-watch is its own room", () => {
  it("runs/ imports nothing from runner/", () => {
    expect(importsOf("runs").filter((i) => i.includes("/runner/"))).toEqual([]);
  });

  it("runner/ imports nothing from runs/", () => {
    expect(importsOf("runner").filter((i) => i.includes("/runs/"))).toEqual([]);
  });

  it("run-watch/ imports neither, and both use it", () => {
    expect(importsOf("run-watch").filter((i) => /\/(runs|runner|cli)\//.test(i))).toEqual([]);
    expect(importsOf("runs").some((i) => i.includes("/run-watch/wait.js"))).toBe(true);
    expect(importsOf("runner").some((i) => i.includes("/run-watch/wait.js"))).toBe(true);
  });
});
