import { VERSION } from "./version.js";

/** What runs a command line: program.ts's `main`. */
export type Main = (argv: string[]) => Promise<number>;

/**
 * Starts the CLI, shared by tsc's entry (main.ts) and the installed bin's (bin.ts), which differ only in how
 * they load program.ts. A reader that stopped reading (`jobform runs list | head -1`) ends the command quietly,
 * as git and ls do: what it would have printed has nobody to read it. `jobform --version` answers before
 * commander and the commands load: it is what scripts probe with.
 */
export function start(loadMain: () => Promise<Main>): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(0);
      throw e;
    });
  }
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  void loadMain().then(async (main) => {
    process.exitCode = await main(process.argv);
  });
}
