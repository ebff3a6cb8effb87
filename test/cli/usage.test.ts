// Usage mistakes get one line and a pointer to --help; every command's help ends with examples.
import type { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { ensureBuilt, runCli } from "../support/cli.js";

beforeAll(ensureBuilt);

function leaves(cmd: Command): Command[] {
  return cmd.commands.length ? cmd.commands.flatMap(leaves) : [cmd];
}

function helpOf(cmd: Command): string {
  let text = "";
  cmd.configureOutput({ writeOut: (s) => (text += s) });
  cmd.outputHelp();
  return text;
}

describe("usage errors", () => {
  it("a wrong option is one line naming the command's --help, with exit 1", () => {
    const r = runCli(["validate", "--no-such-option"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("jobform validate: unknown option '--no-such-option' (see `jobform validate --help`)\n");
  });

  it("a missing argument of a subcommand is one line too", () => {
    const r = runCli(["runs", "get"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual(["jobform runs get: missing required argument 'run-id' (see `jobform runs get --help`)"]);
  });

  it("jobs list --status with a value outside its set exits 1 naming the allowed values, before any credentials are needed", () => {
    const r = runCli(["jobs", "list", "--status", "bogus"], { env: { DATABRICKS_HOST: "", DATABRICKS_TOKEN: "" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("'bogus' is invalid. expected one of success, failed, cancelled, running, never, QUEUED");
    expect(r.stderr).toContain("UPSTREAM_FAILED");
  });

  it("jobs list --status takes its words in any case", async () => {
    const program = await buildProgram(["node", "jobform", "jobs"]);
    const list = program.commands.find((c) => c.name() === "jobs")?.commands.find((c) => c.name() === "list") as Command;
    const status = list.options.find((o) => o.long === "--status");
    expect(status?.parseArg?.("Failed", undefined)).toBe("Failed");
    expect(status?.parseArg?.("timedout", undefined)).toBe("timedout");
  });
});

describe("help", () => {
  it("every command's --help ends with two or three examples of that command", async () => {
    const program = await buildProgram();
    const all = leaves(program);
    expect(all.length).toBeGreaterThan(15);
    for (const cmd of all) {
      const help = helpOf(cmd);
      const block = help.slice(help.indexOf("\nExamples:\n"));
      expect(help, cmd.name()).toContain("\nExamples:\n");
      const lines = block.split("\n").filter((l) => l.startsWith("  $ jobform "));
      const words: string[] = [];
      for (let c: Command | null = cmd; c?.parent; c = c.parent) words.unshift(c.name());
      expect(lines.length, words.join(" ")).toBeGreaterThanOrEqual(cmd.name() === "cancel" ? 1 : 2);
      expect(lines.length, words.join(" ")).toBeLessThanOrEqual(3);
      expect(lines.every((l) => l.startsWith(`  $ jobform ${words.join(" ")} `) || l === `  $ jobform ${words.join(" ")}` || l.includes(`jobform ${words.join(" ")} `)), words.join(" ")).toBe(true);
    }
  });
});
