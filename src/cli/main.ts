#!/usr/bin/env node
import { start } from "./start.js";

// tsc's entry (dist/cli/main.js, which the tests spawn); the installed bin is bin.ts, bundled.
start(async () => (await import("./program.js")).main);
