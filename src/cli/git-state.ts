// What production mode needs to know about the work tree: its branch and uncommitted files.
import { execFileSync } from "node:child_process";
import type { GitState } from "../core/deployment.js";

function git(dir: string, args: string[]): string {
  return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 });
}

/**
 * The branch and uncommitted paths of the work tree holding `dir`, or undefined outside one. A CI checkout
 * of a pushed branch may be a detached HEAD: GITHUB_REF_NAME names the branch there.
 */
export function gitState(dir: string, env: Readonly<Record<string, string | undefined>>): GitState | undefined {
  try {
    const head = git(dir, ["rev-parse", "--abbrev-ref", "HEAD"]).trim();
    const dirty = git(dir, ["status", "--porcelain", "--untracked-files=normal", "--", "."])
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => l.slice(3));
    const branch = head !== "HEAD" ? head : env.GITHUB_REF_TYPE === "branch" ? env.GITHUB_REF_NAME : undefined;
    return { branch, dirty };
  } catch {
    return undefined;
  }
}
