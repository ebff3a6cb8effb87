#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { requireWithCodeCache } from "./code-cache.js";
import type { Main } from "./start.js";
import { start } from "./start.js";

// The installed bin's entry (dist/bin/main.js, bundled by scripts/bundle-cli.mjs). The rest of the CLI is one
// CommonJS file beside it, cli.cjs, read through the V8 code cache: node 20 caches no compiled ES module, and
// its ES module loader alone adds ~13 ms to every start. Commands stay lazy inside it (esbuild runs a dynamically
// imported module's code only when the import runs), so `--help` still runs only the command it prints.
start(async () => (requireWithCodeCache(fileURLToPath(new URL("./cli.cjs", import.meta.url))).exports as { main: Main }).main);
