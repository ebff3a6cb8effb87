// `jobform demo`: what it does, loaded when it runs (registered in demo.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { startEmulator } from "../../emulator/server.js";
import { ExitCode } from "../errors.js";
import { globals } from "../globals.js";
import { projectPrincipals } from "../project-principals.js";
import type { Runner } from "./demo.js";

/** The steps; step 3 applies the plan step 2 saved, so the plan is printed once. */
const steps = (planFile: string): { title: string; args: string[]; explain: string }[] => [
  { title: "validate", args: ["validate"], explain: "check every file offline: schema, task graph, references, schedules, permissions" },
  { title: "plan", args: ["plan", "--out", planFile], explain: "compare git with the (empty) workspace: every job is a create" },
  { title: "apply", args: ["apply", planFile], explain: "apply that saved plan: create the jobs in dependency order and set their permissions" },
  { title: "plan again", args: ["plan", "--detailed-exitcode"], explain: "right after apply the plan must be empty: no spurious diffs" },
  { title: "drift", args: ["drift"], explain: "someone edits a job in the UI (simulated below); drift reports it for a cron" },
];

export async function demo(cmd: Command, run: Runner, flags: { ui?: boolean } = {}): Promise<void> {
  const g = globals(cmd);
  const token = randomBytes(12).toString("hex");
  const emu = await startEmulator({ port: 0, token, runDurationMs: 200, principals: namedPrincipals(g.dir) });
  const saved = { token: process.env.DATABRICKS_TOKEN, type: process.env.DATABRICKS_AUTH_TYPE, file: process.env.DATABRICKS_CONFIG_FILE };
  process.env.DATABRICKS_TOKEN = token;
  process.env.DATABRICKS_AUTH_TYPE = "pat";
  process.env.DATABRICKS_CONFIG_FILE = "/nonexistent/jobform-demo";
  const say = (s: string) => process.stdout.write(s);
  say(`jobform demo — an emulated Databricks workspace is listening on ${emu.url}\n`);
  const scratch = mkdtempSync(join(tmpdir(), "jobform-demo-"));
  try {
    for (const [i, step] of steps(join(scratch, "plan.json")).entries()) {
      if (step.title === "drift") await simulateUiEdit(emu.url, token, say);
      say(`\n── ${i + 1}. jobform ${step.args.join(" ")} — ${step.explain}\n\n`);
      const code = await run(["--host", emu.url, "--dir", g.dir, ...(g.target ? ["--target", g.target] : []), ...step.args]);
      const expected = step.title === "drift" ? [0, 2] : [0];
      if (!expected.includes(code)) {
        say(`\njobform demo: step "${step.title}" exited ${code}; stopping\n`);
        throw new ExitCode(1);
      }
    }
    if (flags.ui) {
      say(`\nDone. The emulator stays up at ${emu.url} (DATABRICKS_TOKEN=${token}); the console over it:\n\n`);
      // `jobform ui` runs until Ctrl-C; the emulator is closed after it, below.
      const code = await run(["--host", emu.url, "--dir", g.dir, ...(g.target ? ["--target", g.target] : []), "ui", "--port", "0"]);
      if (code !== 0) throw new ExitCode(code);
      return;
    }
    say(`\nDone. Try it yourself: \`npx jobform serve --port 8787 --principals-of .\` in one terminal, then \`DATABRICKS_TOKEN=x npx jobform --host http://127.0.0.1:8787 plan\` in another.\n`);
  } finally {
    process.env.DATABRICKS_TOKEN = saved.token;
    process.env.DATABRICKS_AUTH_TYPE = saved.type;
    process.env.DATABRICKS_CONFIG_FILE = saved.file;
    rmSync(scratch, { recursive: true, force: true });
    await emu.close();
  }
}

/**
 * The demo workspace has the people and groups the project names, as the team's real one would; the
 * emulator refuses any other. A project that does not load names none (validate reports why).
 */
/** The project's principals, or none when it cannot be read: validate, the demo's first step, then says why. */
function namedPrincipals(dir: string): string[] {
  try {
    return projectPrincipals(dir);
  } catch {
    return [];
  }
}

/** Changes one managed job through the API, the way a UI edit would, so drift has something to report. */
async function simulateUiEdit(url: string, token: string, say: (s: string) => void): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${url}/api/2.2/jobs/list?limit=100`, { headers })).json()) as { jobs?: { job_id: number; settings: { name?: string; tags?: Record<string, string> } }[] };
  const job = list.jobs?.find((j) => j.settings.tags?.jobform_key === "sales-load") ?? list.jobs?.[0];
  if (!job) return;
  await fetch(`${url}/api/2.2/jobs/update`, { method: "POST", headers, body: JSON.stringify({ job_id: job.job_id, new_settings: { max_concurrent_runs: 5, timeout_seconds: 600 } }) });
  say(`\n(simulated UI edit: job ${job.job_id} "${job.settings.name}" now has max_concurrent_runs 5 and timeout_seconds 600)\n`);
}
