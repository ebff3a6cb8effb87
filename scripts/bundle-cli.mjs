// Bundles the built CLI (dist/cli/main.js and what it imports) into dist/bin/: one entry, main.js, and a chunk
// per lazily imported command, so `jobform validate` reads a few files instead of ~200 and `--help` still loads
// only the command it prints. Run by `npm run build` after tsc and the validator compile; package.json's bin
// points at dist/bin/main.js. dist/cli/ stays as tsc wrote it (the tests spawn it).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const outdir = fileURLToPath(new URL("dist/bin/", root));
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  entryPoints: { main: fileURLToPath(new URL("dist/cli/main.js", root)) },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The chunks sit beside main.js, one folder below dist/ like dist/cli/, so paths made from import.meta.url
  // (../../schemas/, ../../dist/validators/) point where they did.
  chunkNames: "[name]-[hash]",
  // yaml's "node" build is CommonJS; its ESM build is the same code and bundles without a require shim.
  // (Found through node's resolution, so a yaml hoisted to a parent node_modules is found too.)
  alias: { yaml: join(dirname(createRequire(import.meta.url).resolve("yaml/package.json")), "browser", "index.js") },
  // ajv is required at run time only when a schema was edited after the build (src/cli/schemas.ts).
  external: ["ajv", "ajv-formats"],
  // CommonJS packages bundled into ES modules still call require() for node's own modules.
  banner: { js: 'import { createRequire as __jfRequire } from "node:module"; const require = __jfRequire(import.meta.url);' },
  sourcemap: true,
  // The bundled packages' license comments stay with their code.
  legalComments: "eof",
  minify: true,
  metafile: true,
  logLevel: "warning",
});

// Which sources each output holds, for test/cli/startup-modules.test.ts to check what a command loads.
const inputs = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([out]) => out.endsWith(".js"))
    .map(([out, o]) => [out.slice(out.lastIndexOf("/") + 1), Object.keys(o.inputs).map((i) => i.replace(/\\/g, "/").replace(/^.*?(dist\/|node_modules\/)/, "$1")).sort()]),
);
writeFileSync(new URL("dist/bin/inputs.json", root), `${JSON.stringify(inputs, null, 1)}\n`);
