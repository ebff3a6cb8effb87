// The hostile-input corpus (test/hostile/corpus.mjs) as figures: for each input, the exit code, CPU time,
// wall time and peak RSS of `jobform validate` in a child whose heap is capped. Target (issue #18): every
// input exit 1 with a located error, under 5 s and 512 MiB.
import { BOUNDS, buildCase, CASES, runCase } from "../test/hostile/corpus.mjs";

let worst = { cpuMs: 0, rssBytes: 0 };
let failures = 0;
console.log("| input | exit | CPU s | wall s | peak RSS MiB |\n| --- | --- | --- | --- | --- |");
for (const name of Object.keys(CASES)) {
  const { dir, cleanup } = buildCase(name);
  try {
    const r = runCase(dir);
    const ok = r.status === 1 && CASES[name][1].test(r.output) && r.cpuMs < BOUNDS.cpuMs && r.rssBytes < BOUNDS.rssBytes;
    if (!ok) failures++;
    worst = { cpuMs: Math.max(worst.cpuMs, r.cpuMs), rssBytes: Math.max(worst.rssBytes, r.rssBytes) };
    console.log(`| ${name} | ${r.status ?? r.signal} | ${(r.cpuMs / 1000).toFixed(2)} | ${(r.wallMs / 1000).toFixed(2)} | ${(r.rssBytes / 2 ** 20).toFixed(0)} |${ok ? "" : " **FAILED**"}`);
  } finally {
    cleanup();
  }
}
console.log(`\n${Object.keys(CASES).length} inputs, ${failures} outside the bounds; worst CPU ${(worst.cpuMs / 1000).toFixed(2)} s, worst peak RSS ${(worst.rssBytes / 2 ** 20).toFixed(0)} MiB (targets < ${BOUNDS.cpuMs / 1000} s, < ${BOUNDS.rssBytes / 2 ** 20} MiB)`);
if (failures) process.exitCode = 1;
