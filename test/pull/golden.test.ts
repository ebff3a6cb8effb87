// Golden pull cases: test/cases/pull-*/ holds a project (before/), the UI edits made through the emulator's
// REST API (edits.json: per job, top-level settings to replace and the whole access list), the files pull
// writes (after/, byte for byte) and its report (pull.json).
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Workspace } from "../../src/emulator/state.js";
import { call, ok } from "../emulator/helpers.js";
import { caseArgs, CASES_DIR, golden } from "../support/cases.js";
import { changeLines, check, deploy, emulatorWorkspace, planOf, pull, readLiveJobs } from "./harness.js";
import type { Files } from "./harness.js";

interface UiEdit {
  settings?: Record<string, unknown>;
  permissions?: unknown[];
}

function readTree(dir: string, sub = ""): Files {
  const out: Files = new Map();
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of readTree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel), "utf8"));
  }
  return out;
}

/** A UI edit: the job's settings with these top-level fields replaced (null removes one), sent as jobs/reset. */
export function uiEdit(ws: Workspace, id: string, edit: UiEdit): void {
  if (edit.settings) {
    const current = ok<{ settings: Record<string, unknown> }>(call(ws, "GET", `/api/2.2/jobs/get?job_id=${id}`)).settings;
    const next: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(edit.settings)) if (v === null) delete next[k];
    else next[k] = k === "tags" ? { ...(v as object), ...Object.fromEntries(Object.entries(current.tags as object).filter(([t]) => t.startsWith("jobform_"))) } : v;
    ok(call(ws, "POST", "/api/2.2/jobs/reset", { job_id: Number(id), new_settings: next }));
  }
  if (edit.permissions) ok(call(ws, "PUT", `/api/2.0/permissions/jobs/${id}`, { access_control_list: edit.permissions }));
}

const cases = readdirSync(CASES_DIR).filter((n) => n.startsWith("pull-") && existsSync(join(CASES_DIR, n, "edits.json")));

describe("pull golden cases", () => {
  for (const name of cases) {
    it(name, () => {
      const dir = join(CASES_DIR, name);
      const args = caseArgs(name);
      const target = args.includes("--target") ? args[args.indexOf("--target") + 1] : undefined;
      const files = readTree(join(dir, "before"));
      const ws = emulatorWorkspace();
      const ids = deploy(ws, check(files, target));
      expect(changeLines(planOf(files, readLiveJobs(ws), target))).toEqual([]);
      for (const [key, edit] of Object.entries(JSON.parse(readFileSync(join(dir, "edits.json"), "utf8")) as Record<string, UiEdit>)) uiEdit(ws, ids.get(key) as string, edit);
      const live = readLiveJobs(ws);
      const { outcome, files: after } = pull(files, live, target);

      expect(outcome.errors).toEqual([]);
      expect(outcome.unsettled).toEqual([]);
      for (const [file, text] of after) {
        if (process.env.UPDATE_GOLDEN === "1") mkdirSync(dirname(join(dir, "after", file)), { recursive: true });
        expect(text, file).toBe(golden(name, `after/${file}`, text));
      }
      const report = JSON.stringify({ edits: outcome.edits.map(({ op: _op, ...e }) => e), left_alone: outcome.left, missing: outcome.missing }, null, 2) + "\n";
      expect(report).toBe(golden(name, "pull.json", report));
      // What is left for plan is exactly what pull reported and left.
      expect(changeLines(planOf(after, live, target))).toEqual(outcome.left.map((l) => `${l.key} ${l.pointer}`).sort());
      // Every comment line of the files survives, but the ones written on a removed key or item.
      for (const [file, text] of files) {
        const comments = text.split("\n").filter((l) => l.trim().startsWith("#"));
        const gone = comments.filter((c) => !(after.get(file) ?? "").includes(c));
        expect(gone, file).toEqual(name === "pull-commented-job" && file === "jobs/etl.yaml" ? ["  # 2. clean them (this task is removed in the UI; this comment goes with it)"] : []);
      }
    });
  }
});
