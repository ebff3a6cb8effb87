#!/usr/bin/env node
import { VERSION } from "./version.js";

// A reader that stopped reading (`jobform runs list | head -1`) ends the command quietly, as git and ls
// do: what it would have printed has nobody to read it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

// `jobform --version` answers before commander and the commands load: it is what scripts probe with.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) process.stdout.write(`${VERSION}\n`);
else {
  const { main } = await import("./program.js");
  process.exitCode = await main(process.argv);
}
