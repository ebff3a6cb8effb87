// A scratch project as a git repository with a local bare `origin`, the way a workflow's checkout has it.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** git in `dir`, with a fixed identity and no user or system configuration leaking in. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
  });
}

/** Commits everything in `dir` on `main` and pushes it to a new bare repository; returns that remote's path. */
export function commitWithRemote(dir: string): string {
  const remote = mkdtempSync(join(tmpdir(), "jobform-remote-"));
  git(remote, "init", "-q", "--bare", "-b", "main");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.name", "t");
  git(dir, "config", "user.email", "t@example.com");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "project");
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main");
  return remote;
}
