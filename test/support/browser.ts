// The browser the UI tests drive: Debian's chromium (CI installs it), or the one JOBFORM_BROWSER names.
// Without one the tests skip with a message, except under CI=true, where a missing browser is a failure.
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.JOBFORM_BROWSER;
  if (named) return existsSync(named) ? named : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** The browser's path, or undefined after saying why the tests are skipped; throws under CI=true. */
export function browserForTests(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findBrowser(env);
  if (found) return found;
  const why = `no Chromium found (looked at ${env.JOBFORM_BROWSER ?? CANDIDATES.join(", ")}); install it (apt-get install -y chromium) or set JOBFORM_BROWSER`;
  if (env.CI === "true") throw new Error(`the UI tests need a browser under CI: ${why}`);
  process.stderr.write(`skipping the browser tests: ${why}\n`);
  return undefined;
}

/** Flags for Chromium in a container: root has no sandbox, /dev/shm is small. */
export const BROWSER_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"];
