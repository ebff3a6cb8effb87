// Which targets a command covers: kept apart from the planning code so `validate` loads no HTTP client.
import type { Command } from "commander";
import { targetsToRun } from "../core/all-targets.js";
import { UserError } from "./errors.js";
import { globals } from "./globals.js";
import { readProjectFile } from "./read-project.js";

/** The targets of `--all-targets` or `--target a,b`, or undefined for the usual one-target run. */
export function selectedTargets(cmd: Command, all: boolean): string[] | undefined {
  const g = globals(cmd);
  if (!all && !g.target?.includes(",")) return undefined;
  const { targets, error } = targetsToRun(readProjectFile(g.dir)?.value, { all, target: g.target });
  if (error) throw new UserError(error);
  return targets;
}
