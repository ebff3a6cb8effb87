// Bundles the built CLI (dist/cli/, tsc's output) into dist/bin/, the installed bin, as CommonJS:
// - main.js, the entry (dist/cli/bin.js): answers `--version` itself and otherwise reads cli.cjs through the V8
//   code cache (src/cli/code-cache.ts);
// - cli.cjs, the rest (dist/cli/program.js and everything it imports) but undici. Commands stay lazy: esbuild runs
//   the code of a dynamically imported module only when that import runs, so `--help` runs only the command it prints;
// - undici.cjs, the HTTP client, read (through the code cache too) only by a command that calls the workspace: it is
//   half of the code, and every start reads the whole of cli.cjs (~8 ms per MB on a slow disk, before V8 sees it).
// Why CommonJS: node 20 caches no compiled ES module, and its ES module loader adds ~13 ms to every start, more per
// chunk; a CommonJS file read through vm.Script's cachedData skips both (bench/startup.mjs measures it).
// Run by `npm run build` after tsc and the validator compile; package.json's bin points at dist/bin/main.js.
// dist/cli/ stays as tsc wrote it (the tests spawn it).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const outdir = fileURLToPath(new URL("dist/bin/", root));
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
// The .js files here are CommonJS, whatever the package's "type" says.
writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);

const hash = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

const require = createRequire(import.meta.url);

/** cli.cjs's `import … from "undici"`: undici.cjs beside it, read through the code cache. */
const undiciBeside = {
  name: "undici-beside",
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: "undici", namespace: "undici-beside" }));
    b.onLoad({ filter: /.*/, namespace: "undici-beside" }, () => ({
      contents: `const { join } = require("node:path");\nmodule.exports = require(${JSON.stringify(fileURLToPath(new URL("dist/cli/code-cache.js", root)))}).requireWithCodeCache(join(__dirname, "undici.cjs")).exports;\n`,
      loader: "js",
      resolveDir: outdir,
    }));
  },
};

/** Bundles one entry into dist/bin/, with the build keys (src/cli/build-keys.ts) it may read. */
async function bundle(entry, out, keys, plugins = []) {
  await build({
    entryPoints: [entry],
    outfile: join(outdir, out),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    // The files sit in dist/bin/, one folder below dist/ like dist/cli/, so paths made from import.meta.url
    // (../../schemas/, ../../dist/validators/, ../ui/page/) point where they did.
    define: { "import.meta.url": "__jfImportMetaUrl", JOBFORM_BUILD_KEYS: JSON.stringify(keys) },
    banner: { js: '"use strict";const __jfImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    // yaml's ES build tree-shakes better than its CommonJS one.
    // (Found through node's resolution, so a yaml hoisted to a parent node_modules is found too.)
    alias: { yaml: join(dirname(require.resolve("yaml/package.json")), "browser", "index.js") },
    // ajv is required at run time only when a schema was edited after the build (src/cli/schemas.ts).
    external: ["ajv", "ajv-formats"],
    sourcemap: true,
    // The bundled packages' license comments go to <out>.LEGAL.txt beside the file, named at its end: one of them
    // is not ASCII, and a file that is not all ASCII is read and compiled as UTF-16 (+10 ms per start).
    legalComments: "linked",
    minify: true,
    logLevel: "warning",
    plugins,
  });
}

const cli = (file) => fileURLToPath(new URL(`dist/cli/${file}`, root));
await bundle(require.resolve("undici"), "undici.cjs", {});
// The hashes of the files cli.cjs loads go into it (the validators, undici.cjs), cli.cjs's into main.js.
const keys = { "undici.cjs": hash(join(outdir, "undici.cjs")) };
for (const name of ["job", "project", "notebook"]) {
  const path = fileURLToPath(new URL(`dist/validators/${name}.cjs`, root));
  if (existsSync(path)) keys[`${name}.cjs`] = hash(path);
}
await bundle(cli("program.js"), "cli.cjs", keys, [undiciBeside]);
await bundle(cli("bin.js"), "main.js", { "cli.cjs": hash(join(outdir, "cli.cjs")) });
