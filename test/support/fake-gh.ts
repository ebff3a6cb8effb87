// A stand-in for the GitHub CLI for the shipped workflows' scripts: a `gh` on PATH that records every call
// (with the text of its --body-file, which the script deletes afterwards) and keeps the open issues and pull
// requests in a state file, so `list` answers what earlier `create`/`close` calls did. Only the calls the
// scripts make are understood; anything else fails loudly.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI } from "./cli.js";

export interface GhCall {
  args: string[];
  body?: string;
}

interface GhState {
  next: number;
  prs: { number: number; head: string; open: boolean }[];
  issues: { number: number; open: boolean }[];
  calls: GhCall[];
}

const GH = `#!/usr/bin/env node
const fs = require("fs");
const file = process.env.FAKE_GH_STATE;
const s = JSON.parse(fs.readFileSync(file, "utf8"));
const a = process.argv.slice(2);
const opt = (n) => { const i = a.indexOf(n); return i < 0 ? undefined : a[i + 1]; };
const bodyFile = opt("--body-file");
s.calls.push(bodyFile ? { args: a, body: fs.readFileSync(bodyFile, "utf8") } : { args: a });
const save = () => fs.writeFileSync(file, JSON.stringify(s));
const [noun, verb] = a;
const find = (list) => list.find((x) => x.number === Number(a[2]));
if (noun === "pr" && verb === "list") { const p = s.prs.find((x) => x.open && x.head === opt("--head")); if (p) console.log(p.number); }
else if (noun === "pr" && verb === "create") { const number = s.next++; s.prs.push({ number, head: opt("--head"), open: true }); console.log("https://github.test/o/r/pull/" + number); }
else if (noun === "pr" && verb === "close") find(s.prs).open = false;
else if (noun === "issue" && verb === "list") { const i = s.issues.find((x) => x.open); if (i) console.log(i.number); }
else if (noun === "issue" && verb === "create") { const number = s.next++; s.issues.push({ number, open: true }); console.log("https://github.test/o/r/issues/" + number); }
else if (noun === "issue" && verb === "close") find(s.issues).open = false;
else if (!(["pr", "issue"].includes(noun) && ["edit", "comment"].includes(verb)) && !(noun === "label" && verb === "create")) { console.error("fake gh: unexpected call " + a.join(" ")); process.exit(3); }
save();
`;

/** A bin directory holding the fake `gh` and a `jobform` that runs the built CLI against `host`. */
export function fakeTools(host: string) {
  const bin = mkdtempSync(join(tmpdir(), "jobform-fake-bin-"));
  const stateFile = join(bin, "state.json");
  const state = (): GhState => JSON.parse(readFileSync(stateFile, "utf8")) as GhState;
  writeFileSync(stateFile, JSON.stringify({ next: 101, prs: [], issues: [], calls: [] } satisfies GhState));
  writeFileSync(join(bin, "gh"), GH);
  writeFileSync(join(bin, "jobform"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" --host "${host}" "$@"\n`);
  for (const f of ["gh", "jobform"]) chmodSync(join(bin, f), 0o755);
  return {
    bin,
    env: { FAKE_GH_STATE: stateFile, PATH: `${bin}:${process.env.PATH ?? ""}` },
    state,
    /** The calls so far, each as its words; `since` skips the first ones. */
    calls: (since = 0) => state().calls.slice(since),
    /** Pretends an issue labelled jobform-drift is open already (an earlier run opened it). */
    openIssue: () => {
      const s = state();
      s.issues.push({ number: s.next++, open: true });
      writeFileSync(stateFile, JSON.stringify(s));
    },
    /** Pretends a pull request from `head` is open already. */
    openPr: (head: string) => {
      const s = state();
      s.prs.push({ number: s.next++, head, open: true });
      writeFileSync(stateFile, JSON.stringify(s));
    },
  };
}

/** Runs a shell script without blocking this process (the emulator it talks to runs in it). */
export function runScript(script: string, cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [script], { cwd, env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
