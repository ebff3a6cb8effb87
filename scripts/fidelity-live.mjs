#!/usr/bin/env node
// Runs test/fidelity against a real workspace: DATABRICKS_HOST and DATABRICKS_TOKEN must be set. Opt-in
// and read-mostly: it creates a few jobs named jobform-fidelity-<tag> and a scratch folder in the
// caller's home, and deletes them again. JOBFORM_FIDELITY_RUNS=1 adds the scenarios that start runs
// (they cost cluster time; JOBFORM_FIDELITY_NODE_TYPE picks the node type, default i3.xlarge).
import { spawnSync } from "node:child_process";

if (!process.env.DATABRICKS_HOST || !process.env.DATABRICKS_TOKEN) {
  process.stderr.write("fidelity-live: set DATABRICKS_HOST and DATABRICKS_TOKEN (a PAT) for the workspace to check\n");
  process.exit(2);
}
const r = spawnSync("npx", ["vitest", "run", "test/fidelity", "--testTimeout", "3600000", "--hookTimeout", "60000"], {
  stdio: "inherit",
  env: { ...process.env, JOBFORM_FIDELITY_LIVE: "1" },
});
process.exit(r.status ?? 1);
