// `jobform import --from-bundle`'s action (registered in import.ts): reads a bundle (read-bundle.ts), converts it
// (core/bundle) and writes the project into --out, never over an existing file without --force.
import { existsSync, lstatSync, mkdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Command } from "commander";
import { convertBundle } from "../../core/bundle/convert.js";
import { renderReport } from "../../core/bundle/report.js";
import { renderDiagnosticsJson, renderDiagnosticsText } from "../../render/diagnostics.js";
import { ExitCode, UserError } from "../errors.js";
import { formatOption, globals } from "../globals.js";
import { readBundle } from "../read-bundle.js";
import { inside } from "../read-project.js";
import type { ReadBundle } from "../read-bundle.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import { editorSchemaRef } from "../schema-home.js";
import { loadSchemas } from "../schemas.js";

export interface ImportBundleFlags {
  fromBundle: string;
  out?: string;
  force?: boolean;
  adopt?: boolean;
}

const exists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

export async function importBundle(flags: ImportBundleFlags & { jobId?: string[]; all?: boolean; name?: string }, cmd: Command): Promise<void> {
  if (flags.jobId?.length || flags.all || flags.name !== undefined) throw new UserError("--from-bundle reads the jobs from the bundle; it does not take --job-id, --all or --name");
  const g = globals(cmd);
  const format = formatOption(cmd, ["text", "json"], "text");
  const out = resolve(g.dir, flags.out ?? ".");
  const read = readBundle(resolve(flags.fromBundle));
  if (read.diagnostics.some((d) => d.severity === "error")) fail(read.diagnostics, format, read, g.color);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`--out ${flags.out ?? "."}: not a folder`);
  const targets = g.target?.split(",").map((t) => t.trim()).filter(Boolean);
  const result = convertBundle(
    { files: read.files },
    { targets, jobSchema: loadSchemas().job, schemaRefs: { job: editorSchemaRef(join(out, "jobs"), out, "job"), project: editorSchemaRef(out, out, "project") } },
  );
  if (result.diagnostics.some((d) => d.severity === "error")) fail(result.diagnostics, format, read, g.color);
  const clashes = result.files.filter((f) => exists(join(out, f.path))).map((f) => f.path);
  if (clashes.length && !flags.force) throw new UserError(`nothing was written: ${clashes.join(", ")} already exist${clashes.length === 1 ? "s" : ""} in ${out} (--force overwrites them, or give another --out)`);
  // --force replaces files, never writes through a symlink to wherever it points (nor into a jobs/ that leads out).
  const links = clashes.filter((p) => lstatSync(join(out, p)).isSymbolicLink());
  if (exists(join(out, "jobs")) && !inside(realpathSync(out), realpathSync(join(out, "jobs")))) links.push("jobs");
  if (links.length) throw new UserError(`nothing was written: ${links.join(", ")} in ${out} ${links.length === 1 ? "is a symlink" : "are symlinks"}; remove ${links.length === 1 ? "it" : "them"} or give another --out`);
  for (const f of result.files) {
    try {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.text);
    } catch (e) {
      throw new UserError(`cannot write ${join(out, f.path)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  // --adopt (import-bundle-adopt.ts): the jobs the bundle deployed to the target go into adopt:.
  const adopt = flags.adopt ? (await import("./import-bundle-adopt.js")).adoptFromBundle : undefined;
  if (format === "json") {
    await adopt?.(cmd, out, read, targets, (line) => process.stderr.write(line));
    process.stdout.write(JSON.stringify({ bundle: read.root, out, files: result.files.map((f) => f.path), report: result.report }, null, 2) + "\n");
    return;
  }
  for (const f of result.files) process.stdout.write(`wrote ${join(flags.out ?? ".", f.path)}\n`);
  await adopt?.(cmd, out, read, targets);
  process.stdout.write(`\n${renderReport(result.report)}`);
  process.stdout.write(`\nNext: jobform validate${flags.out ? ` --dir ${flags.out}` : ""}, then jobform plan against each target.\n`);
}

/** The bundle's problems, located in its files (named from the bundle root), and exit 1: nothing is written. */
function fail(found: readonly Diagnostic[], format: string, read: ReadBundle, color: boolean): never {
  // Named from where the user stands, not from the bundle root, so that an editor opens the right file.
  const shown = (file: string) => {
    const rel = relative(process.cwd(), join(read.root, file));
    return (rel.startsWith("..") ? join(read.root, file) : rel).split(sep).join("/");
  };
  const ds = found.map((d) => ({ ...d, file: shown(d.file) }));
  const sources = new Map(read.files.map((f) => [shown(f.file), f.text]));
  if (format === "json") process.stdout.write(renderDiagnosticsJson(ds));
  else process.stderr.write(renderDiagnosticsText(ds, { color, sources }) + "nothing was written: fix the bundle (or the --target names) and import again\n");
  throw new ExitCode(1);
}
