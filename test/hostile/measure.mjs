// Preloaded into the CLI by the hostile-input corpus: writes the process's CPU time and peak RSS on exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.JOBFORM_MEASURE_FILE;
  if (!file) return;
  const u = process.resourceUsage();
  writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssBytes: u.maxRSS * 1024 }));
});
