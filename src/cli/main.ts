#!/usr/bin/env node
import { main } from "./program.js";

// A reader that stopped reading (`jobform runs list | head -1`) ends the command quietly, as git and ls
// do: what it would have printed has nobody to read it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
