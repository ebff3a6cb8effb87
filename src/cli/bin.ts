#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { requireWithCodeCache } from "./code-cache.js";
import type { Main } from "./start.js";
import { start } from "./start.js";

// The installed bin's entry (dist/bin/main.js, bundled by scripts/bundle-cli.mjs). The rest of the CLI is one
// CommonJS file beside it, cli.cjs, read through the V8 code cache: node 20 caches no compiled ES module, and
// its ES module loader alone adds ~13 ms to every start. Commands stay lazy inside it (esbuild runs a dynamically
// imported module's code only when the import runs), so `--help` still runs only the command it prints.
// The cache is saved at the end of the first run, with the functions that run compiled: a help text's and a
// command's runs use different parts of cli.cjs, so each kind has its own (otherwise a first `--help` would leave
// every later validate compiling its code afresh).
const args = process.argv.slice(2);
const variant = args.length === 0 || args[0] === "help" || args.includes("--help") || args.includes("-h") ? "help" : "run";
start(async () => (requireWithCodeCache(fileURLToPath(new URL("./cli.cjs", import.meta.url)), undefined, variant).exports as { main: Main }).main);
