// `npm run bench`: every benchmark in this folder, one after another. Figures are medians or ratios
// measured in one run, since the machines are noisy; none of them is a test.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const scripts = readdirSync(here).filter((f) => f.endsWith(".mjs") && f !== "run.mjs" && (!only || f.includes(only))).sort();
let failed = 0;
for (const s of scripts) {
  console.log(`\n## ${s}`);
  const r = spawnSync(process.execPath, [here + s], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
