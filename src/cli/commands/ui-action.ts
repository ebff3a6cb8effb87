// `jobform ui`: the console started over the project and the workspace, loaded when it runs (registered in ui.ts).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { openClient } from "../workspace.js";
import { createBackend } from "../../ui/server/backend.js";
import { startConsole } from "../../ui/server/http-server.js";
import { PAGE_DIR } from "../../ui/page-dir.js";
import type { UiFlags } from "./ui.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * commander parses the root's `--host` (a workspace URL) wherever it appears, so `ui --host ADDR` lands
 * there too: a URL is the workspace, anything else is where the console listens (and is taken off the root,
 * so the client does not mistake it for a workspace).
 */
function bindAddress(own: string, cmd: Command): string {
  if (cmd.getOptionValueSource("host") !== "default") return own;
  const root: unknown = cmd.parent?.opts().host;
  if (typeof root !== "string" || /^[a-z][a-z0-9+.-]*:\/\//i.test(root)) return own;
  cmd.parent?.setOptionValue("host", undefined);
  return root;
}

function portOf(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > 65535) throw new UserError(`--port must be an integer between 0 and 65535, got '${text}'`);
  return n;
}

/** The platform's "open this URL" command, detached; a failure only means the user opens it by hand. */
function openBrowser(url: string): void {
  const [command, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  try {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => process.stderr.write(`jobform ui: could not open a browser; open the URL above\n`));
    child.unref();
  } catch {
    process.stderr.write(`jobform ui: could not open a browser; open the URL above\n`);
  }
}

export async function ui(flags: UiFlags, cmd: Command): Promise<void> {
  const port = portOf(flags.port);
  const host = bindAddress(flags.host, cmd);
  if (!LOOPBACK.has(host)) process.stderr.write(`warning: the console listens on ${host}, not loopback: anyone who can reach it and has the URL can act on the workspace with your credentials\n`);
  const client = await openClient(cmd);
  const backend = createBackend(cmd, client);
  let running;
  try {
    running = await startConsole({ host, port, token: randomBytes(24).toString("hex"), pageDir: PAGE_DIR, backend, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (e) {
    await backend.close();
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE" || err.code === "EACCES" || err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") throw new UserError(`cannot start the console: ${err.message}`);
    throw e;
  }
  process.stdout.write(`jobform ui: the console for ${client.host} is at\n  ${running.url}\n(the token in the URL is this start's; Ctrl-C stops the console)\n`);
  if (flags.open) openBrowser(running.url);
  // The first plan is read now, so the page's first load does not wait for it; its errors reach the page.
  void backend.overview(false).catch(() => undefined);
  const server = running;
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server
        .close()
        .then(() => backend.close())
        .then(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
