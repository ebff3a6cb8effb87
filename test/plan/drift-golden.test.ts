// Drift names both remedies per drifted job (revert = apply, adopt = pull) and the third answer, `ignore:`,
// for fields operators own — in the text a cron log shows, the Markdown an issue or pull request carries, and
// the JSON (`remedies` per job). Golden files in test/cases/drift-*/, planned as drift plans (always pruned).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { remediesFor, shellWord, withRemedies } from "../../src/core/drift-remedies.js";
import { maskPlan } from "../../src/core/mask.js";
import type { JobChange } from "../../src/core/plan-types.js";
import { renderDriftMarkdown, renderDriftText } from "../../src/render/drift.js";
import { casesWith, CASES_DIR, golden } from "../support/cases.js";
import { planCase } from "../support/plan-case.js";

const driftJson = (name: string) => JSON.stringify(withRemedies(maskPlan(planCase(name, { prune: true }))), null, 2) + "\n";

describe("drift golden cases", () => {
  const cases = casesWith("live.json").filter((n) => n.startsWith("drift-"));
  it("there is at least the remedies case", () => expect(cases).toContain("drift-remedies"));
  for (const name of cases) {
    it(name, () => {
      const plan = planCase(name, { prune: true });
      const text = renderDriftText(plan);
      expect(text).toBe(golden(name, "drift.txt", text));
      const md = renderDriftMarkdown(plan);
      expect(md).toBe(golden(name, "drift.md", md));
      const json = driftJson(name);
      expect(json).toBe(golden(name, "drift.json", json));
    });
  }

  it("drift JSON with remedies is still a plan plan.schema.json accepts", async () => {
    const { Ajv } = await import("ajv");
    const schema = JSON.parse(readFileSync(join(CASES_DIR, "../../schemas/plan.schema.json"), "utf8")) as object;
    const check = new Ajv({ strict: false }).compile(schema);
    for (const name of cases) expect(check(JSON.parse(driftJson(name))), `${name}: ${JSON.stringify(check.errors)}`).toBe(true);
  });
});

describe("remedies of one drifted job", () => {
  const change = (action: JobChange["action"], over: Partial<JobChange> = {}): JobChange => ({ key: "etl", action, job_id: "7", strategy: "update", permissions_put: false, fields: [], permissions: [], risks: [], graph: [], ...over });

  it("a changed job: revert is apply, adopt is pull, both for this target and job; ignore names the changed fields once each", () => {
    const fields = [
      { op: "replace" as const, path: "/schedule/pause_status", before: "PAUSED", after: "UNPAUSED" },
      { op: "replace" as const, path: "/tasks/t/timeout_seconds", before: 1, after: 2 },
      { op: "replace" as const, path: "/schedule/pause_status", before: "PAUSED", after: "UNPAUSED" },
    ];
    const r = remediesFor(change("update", { fields }), "prod");
    expect(r.map((x) => [x.kind, x.command])).toEqual([
      ["revert", "jobform apply --target prod --job etl"],
      ["adopt", "jobform pull --target prod --job etl"],
      ["ignore", undefined],
    ]);
    expect(r[2]?.paths).toEqual(["/schedule/pause_status", "/tasks/t/timeout_seconds"]);
  });

  it("permissions alone cannot be ignored: two remedies; without a target no --target", () => {
    const r = remediesFor(change("update", { permissions: [{ principal: "bob", kind: "user", before: "CAN_MANAGE" }] }), null);
    expect(r.map((x) => x.command)).toEqual(["jobform apply --job etl", "jobform pull --job etl"]);
  });

  it("a job missing from the workspace: apply recreates it, pull --delete-missing drops its file; an extra job: apply --prune", () => {
    expect(remediesFor(change("create"), "dev").map((x) => x.command)).toEqual(["jobform apply --target dev --job etl", "jobform pull --target dev --job etl --delete-missing"]);
    expect(remediesFor(change("delete"), "dev")[0]?.command).toBe("jobform apply --target dev --prune");
    expect(remediesFor(change("no-op"), "dev")).toEqual([]);
  });

  it("a job whose only difference is jobform's ownership tags has one remedy: apply writes them", () => {
    const r = remediesFor(change("update", { migrating: true }), "prod");
    expect(r.map((x) => x.kind)).toEqual(["revert"]);
    expect(r[0]?.says).toContain("ownership tags");
  });

  it("the text and Markdown show the first five paths to ignore and count the rest", () => {
    const fields = Array.from({ length: 7 }, (_, i) => ({ op: "replace" as const, path: `/tasks/t${i}/timeout_seconds`, before: 1, after: 2 }));
    const plan = { format_version: 1 as const, project: "p", target: "dev", host: null, changes: [change("update", { fields })], notes: [], errors: [], summary: { create: 0, update: 1, delete: 0, no_op: 0 } };
    expect(renderDriftText(plan)).toMatch(/ignore: \/tasks\/t0\/timeout_seconds, .*\/tasks\/t4\/timeout_seconds and 2 more +#/);
    expect(renderDriftMarkdown(plan)).toContain("`/tasks/t4/timeout_seconds` and 2 more:");
    expect(withRemedies(plan).changes[0]?.remedies?.at(-1)?.paths).toHaveLength(7);
  });

  it("keys and targets a shell would split are quoted", () => {
    expect(shellWord("a b")).toBe("'a b'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(remediesFor(change("update", { key: "x;rm" }), "my target")[0]?.command).toBe("jobform apply --target 'my target' --job 'x;rm'");
  });
});
