import { InvalidArgumentError, type Command } from "commander";
import { UserError } from "./errors.js";

/** The options every command shares (PRODUCT.md "Commands"), as defined on the root program. */
export interface GlobalOptions {
  dir: string;
  target?: string;
  var: string[];
  profile?: string;
  host?: string;
  format?: string;
  color: boolean;
  verbose: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Partial<GlobalOptions>;
  return {
    dir: o.dir ?? process.cwd(),
    target: o.target,
    var: o.var ?? [],
    profile: o.profile,
    host: o.host,
    format: o.format,
    color: o.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true,
    verbose: o.verbose === true,
  };
}

/** `--var name=value` (repeatable) into a map; a malformed one is the user's mistake, said in one line. */
export function parseVars(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    const name = eq > 0 ? item.slice(0, eq) : "";
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UserError(`--var ${item}: expected name=value (JF013)`);
    out[name] = item.slice(eq + 1);
  }
  return out;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function formatOption(cmd: Command, allowed: readonly string[], fallback: string): string {
  const f = globals(cmd).format ?? fallback;
  if (!allowed.includes(f)) throw new UserError(`--format ${f} is not supported by ${cmd.name()}; use ${allowed.join(" or ")}`);
  return f;
}

/** An option argument parser that takes one of `allowed` (any case) and names them all when it does not. */
export function oneOf(allowed: readonly string[]): (value: string) => string {
  return (value) => {
    if (allowed.some((a) => a.toLowerCase() === value.toLowerCase())) return value;
    throw new InvalidArgumentError(`expected one of ${allowed.join(", ")}`);
  };
}

/** `--fail-on-task-failure` of `run` and `runs get/repair`. */
export const FAIL_ON_TASK_FAILURE_HELP = "exit 1 instead of 0 when the run succeeds with failures (a task failed but every leaf task succeeded)";

/** The "Examples:" block at the end of a command's --help. */
export function examples(...commandLines: string[]): string {
  return `\nExamples:\n${commandLines.map((l) => `  $ jobform ${l}`).join("\n")}\n`;
}
