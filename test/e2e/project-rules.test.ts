// policies: at plan time, against `jobform serve` as users start it. The rule that sales-load stays paused
// in dev holds in git (validate is clean of errors), but an operator unpaused the job in the workspace and
// `ignore:` leaves that field to operators, so the next apply would leave it running: plan holds back that
// one job with a located error, and apply writes every other change and leaves sales-load alone.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/server.js";
import type { Plan } from "../../src/core/plan-types.js";
import { ensureBuilt, ROOT } from "../support/cli.js";
import { requestLog, sampleProject, TOKEN } from "../support/emulator.js";
import { serve } from "../support/serve.js";
import { api, idsByKey, jf, storedJobs } from "./apply-helpers.js";

beforeAll(ensureBuilt);
let stop: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const POLICIES = `
ignore:
  - path: /schedule/pause_status
    jobs: [sales-load]
    reason: operators pause and resume schedules during incidents
policies:
  - schedule_paused_in: [dev]
    jobs: [sales-*]
    severity: error
    reason: dev reads prod's sources; its loads run by hand
  - require_tags: [tier]
    severity: warning
    reason: the cost dashboards group jobs by tier
`;

async function served(dir: string): Promise<Pick<RunningEmulator, "url">> {
  const s = serve(["--port", "0", "--token", TOKEN, "--principals-of", dir]);
  stop = async () => {
    s.child.kill();
    await s.exited;
  };
  return { url: await s.url };
}

const lineOf = (dir: string, file: string, needle: string) => readFileSync(join(dir, file), "utf8").split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("policies: at plan time", () => {
  it("a live value ignore: keeps breaks a rule: plan holds back that job, apply writes the rest", { timeout: 120_000 }, async () => {
    const dir = sampleProject();
    appendFileSync(join(dir, "jobform.yaml"), POLICIES);
    const e = await served(dir);

    const validate = await jf(e, ["--dir", dir, "validate"]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain("warning JF100: missing tag tier — policies[1] require_tags: the cost dashboards group jobs by tier");
    expect(validate.stdout).not.toContain("JF105");

    const first = await jf(e, ["--dir", dir, "apply", "--auto-approve"]);
    expect(first.stderr).not.toContain("not applied");
    expect(first.code).toBe(0);
    const id = (await idsByKey(e))["sales-load"]?.[0] as string;

    // What the UI sends when someone resumes the schedule: the whole block, unpaused.
    const schedule = ((await api(e, "GET", `/api/2.2/jobs/get?job_id=${id}`)).settings as { schedule: Record<string, unknown> }).schedule;
    await api(e, "POST", "/api/2.2/jobs/update", { job_id: Number(id), new_settings: { schedule: { ...schedule, pause_status: "UNPAUSED" } } });

    const line = lineOf(dir, "jobs/sales-load.yaml", "pause_status: PAUSED");
    const plan = await jf(e, ["--dir", dir, "plan", "--format", "json"]);
    expect(plan.code).toBe(1);
    const json = JSON.parse(plan.stdout) as Plan;
    expect(json.errors).toEqual([
      {
        code: "project-rule",
        key: "sales-load",
        job_ids: [id],
        message: `jobs/sales-load.yaml:${line}:17: JF105 schedule is UNPAUSED in target dev; it must be PAUSED here (the workspace's value, kept because ignore: leaves this field to operators) — policies[0] schedule_paused_in: dev reads prod's sources; its loads run by hand [sales-load is left out of this plan]`,
        file: "jobs/sales-load.yaml",
        line,
        column: 17,
      },
    ]);
    const { Ajv } = await import("ajv");
    const check = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, "schemas/plan.schema.json"), "utf8")) as object);
    expect(check(json), JSON.stringify(check.errors)).toBe(true);
    expect(json.changes.map((c) => c.key)).not.toContain("sales-load");
    expect(json.resource_changes?.map((r) => r.name)).not.toContain("sales-load");
    expect(json.changes.length).toBe(5);
    expect(json.notes.filter((n) => n.startsWith("warning ") && n.includes("JF100 missing tag tier")).length).toBe(5);
    // The plan does not take the held-back job for one without a definition.
    expect(json.notes.join("\n")).not.toContain("has no definition");

    // Offline the rule holds: git says PAUSED.
    expect((await jf(e, ["--dir", dir, "validate"])).code).toBe(0);

    const text = await jf(e, ["--dir", dir, "plan"], { env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: join(dir, "summary.md") } });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Error: jobs/sales-load.yaml:${line}:17: JF105 schedule is UNPAUSED in target dev`);
    // In Actions each finding is an annotation on its line, as validate's are.
    expect(text.stderr).toContain(`::error file=jobs/sales-load.yaml,line=${line},col=17,title=JF105::schedule is UNPAUSED in target dev`);
    expect(text.stderr).toMatch(/^::warning file=jobs\/files-ingest\.yaml,line=\d+,col=\d+,title=JF100::missing tag tier/m);

    // A change elsewhere is applied; sales-load is not touched and the exit code says something was held back.
    const reports = join(dir, "jobs/reports-refresh.yaml");
    writeFileSync(reports, readFileSync(reports, "utf8").replace("timeout_seconds: 1800", "timeout_seconds: 2400"));
    const from = (await requestLog(e as RunningEmulator)).length;
    const apply = await jf(e, ["--dir", dir, "apply", "--auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("jobform: not applied: sales-load (breaking project rules, above)");
    const writes = (await requestLog(e as RunningEmulator)).slice(from).filter((q) => q.method === "POST" && q.path.startsWith("/api/2.2/jobs/"));
    const reportsId = (await idsByKey(e))["reports-refresh"]?.[0] as string;
    expect(writes.map((q) => [q.path, (q.body as { job_id?: number }).job_id])).toEqual([["/api/2.2/jobs/update", Number(reportsId)]]);
    const stored = await storedJobs(e);
    expect(stored.find((j) => j.id === reportsId)?.settings.timeout_seconds).toBe(2400);
    expect((stored.find((j) => j.id === id)?.settings.schedule as Record<string, unknown>).pause_status).toBe("UNPAUSED");

    // The operator pauses it again: the rule holds and the plan is whole.
    await api(e, "POST", "/api/2.2/jobs/update", { job_id: Number(id), new_settings: { schedule: { ...schedule, pause_status: "PAUSED" } } });
    const after = await jf(e, ["--dir", dir, "plan", "--detailed-exitcode"]);
    expect(after.stdout).toContain("No changes.");
    expect(after.code).toBe(0);
  });
});
