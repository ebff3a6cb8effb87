import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import type { Stats } from "node:fs";
import { join, relative, sep } from "node:path";
import { loadFile } from "../core/load.js";
import type { LoadedDocument, SourceFile } from "../core/load.js";
import { MAX_FILE_BYTES, MAX_JOB_FILES, MAX_PROJECT_BYTES } from "../core/input-limits.js";
import { PROJECT_FILE } from "../core/resolve.js";
import { UserError } from "./errors.js";

const YAML_FILE = /\.ya?ml$/i;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function unreadable(rel: string, message: string, code: "JF090" | "JF091" = "JF090"): SourceFile {
  return { path: rel, bytes: new Uint8Array(0), problem: { code, message } };
}

export function inside(root: string, target: string): boolean {
  const r = relative(root, target);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r));
}

/**
 * Where `rel` leads, or why it may not be read. A symlink is followed only while it stays inside the project
 * (a job file shared between folders is fine; /etc/passwd or /dev/zero is not).
 */
function resolvePath(root: string, rel: string): { full: string } | { problem: string } {
  const full = join(root, rel);
  let link: Stats;
  try {
    link = lstatSync(full);
  } catch (e) {
    return { problem: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  if (!link.isSymbolicLink()) return { full };
  let target: string;
  try {
    target = realpathSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { problem: "is a symlink that loops; point it at a file" };
    if (code === "ENOENT") return { problem: "is a symlink to a file that does not exist (dangling); restore the file or delete the link" };
    return { problem: `is a symlink that cannot be followed: ${code ?? String(e)}` };
  }
  if (!inside(root, target)) return { problem: `is a symlink to ${target}, outside the project directory; symlinks may only point inside it` };
  return { full: target };
}

/**
 * Reads one project file as bytes, never more than the size limit plus one byte: the size comes from what
 * was read, not from stat, which says 0 for /dev/zero. Only regular files are opened for reading, and
 * without blocking, so a FIFO cannot stall the process.
 */
export function readSource(root: string, rel: string): SourceFile {
  const where = resolvePath(root, rel);
  if ("problem" in where) return unreadable(rel, where.problem);
  let fd: number;
  try {
    fd = openSync(where.full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return unreadable(rel, code === "EISDIR" ? "is a directory; expected a YAML file" : `cannot be read: ${code ?? String(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return unreadable(rel, `is ${kindOf(st)}; expected a regular YAML file`);
    const cap = MAX_FILE_BYTES + 1;
    const bytes = new Uint8Array(Math.min(cap, Math.max(st.size, 0) + 1));
    let buf = bytes;
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length >= cap) break;
        const bigger = new Uint8Array(Math.min(cap, buf.length * 2));
        bigger.set(buf);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    // A file that grew to the cap is reported by size; keeping a prefix is enough for the message.
    if (length > MAX_FILE_BYTES) return { path: rel, bytes: buf.subarray(0, 4096), size: Math.max(length, st.size) };
    return { path: rel, bytes: buf.subarray(0, length) };
  } catch (e) {
    return unreadable(rel, `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The YAML entries of a project folder: regular files and symlinks alike (a symlinked job skipped here would
 * look deleted to prune), and directories named like YAML files, which readSource reports.
 */
function yamlEntries(root: string, sub: string): { files: string[]; problem?: SourceFile } {
  const full = join(root, sub);
  let st: Stats;
  try {
    st = statSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !isDanglingLink(full)) return { files: [] };
    return { files: [], problem: unreadable(sub, code === "ELOOP" ? "is a symlink that loops; it should be a folder of YAML files" : `cannot be read: ${code ?? String(e)}`) };
  }
  if (!st.isDirectory()) return { files: [], problem: unreadable(sub, `is ${st.isFile() ? "a file" : kindOf(st)}; ${sub}/ must be a folder of YAML files`) };
  const real = resolvePath(root, sub);
  if ("problem" in real) return { files: [], problem: unreadable(sub, real.problem) };
  return {
    files: readdirSync(full, { withFileTypes: true })
      .filter((e) => YAML_FILE.test(e.name))
      .map((e) => `${sub}/${e.name}`)
      .sort(),
  };
}

function isDanglingLink(full: string): boolean {
  try {
    return lstatSync(full).isSymbolicLink();
  } catch {
    return false;
  }
}

function projectRoot(dir: string, required: boolean): string | undefined {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    if (required) throw new UserError(`project directory ${dir} does not exist`);
    return undefined;
  }
  if (statSync(root).isDirectory()) return root;
  if (required) throw new UserError(`project directory ${dir} is not a directory`);
  return undefined;
}

/**
 * Reads jobform.yaml, jobs/*.yaml and notebooks/*.yaml of a project directory (the only I/O of validate).
 * `jobs: false` skips the job files (a one-off notebook run should not wait for thousands of them);
 * `required: false` accepts a directory that is no project at all. A file that cannot be read comes back
 * with its `problem`, so it is reported where it is instead of being skipped.
 */
export function readProject(dir: string, opts: { jobs?: boolean; required?: boolean } = {}): SourceFile[] {
  const required = opts.required ?? true;
  const root = projectRoot(dir, required);
  if (root === undefined) return [];
  const files: SourceFile[] = [];
  if (existsSync(join(root, PROJECT_FILE)) || isDanglingLink(join(root, PROJECT_FILE))) files.push(readSource(root, PROJECT_FILE));
  const jobs = opts.jobs === false ? { files: [] } : yamlEntries(root, "jobs");
  const notebooks = yamlEntries(root, "notebooks");
  for (const listing of [jobs, notebooks]) if (listing.problem) files.push(listing.problem);
  if (jobs.files.length > MAX_JOB_FILES) {
    return [unreadable("jobs", `holds ${jobs.files.length} job files, more than the ${MAX_JOB_FILES} one project may have; split it into several projects`, "JF091")];
  }
  let total = files.reduce((n, f) => n + (f.size ?? f.bytes.length), 0);
  for (const rel of [...jobs.files, ...notebooks.files]) {
    const f = readSource(root, rel);
    total += f.size ?? f.bytes.length;
    // Nothing is parsed then: parsing tens of megabytes is the cost the limit exists to avoid.
    if (total > MAX_PROJECT_BYTES) return [unreadable(rel, `brings the project's files over ${MAX_PROJECT_BYTES / 1024 / 1024} MB together; split the project`, "JF091")];
    files.push(f);
  }
  if (required && files.length === 0) throw new UserError(`${dir} is not a jobform project: it has no jobform.yaml and no jobs/*.yaml`);
  return files;
}

/**
 * The text of one project file for commands that edit or compare it (pause, import): read with the same
 * rules and bounds as validate's reader; what it refuses ends the command with a one-line error.
 */
export function readProjectText(dir: string, rel: string): string {
  const root = projectRoot(dir, true) as string;
  const f = readSource(root, rel);
  if (f.problem) throw new UserError(`${rel} ${f.problem.message}`);
  if (f.size !== undefined) throw new UserError(`${rel} is more than ${MAX_FILE_BYTES / 1024 / 1024} MB; a job definition must stay under 10 MB`);
  return new TextDecoder().decode(f.bytes).replace(/^\uFEFF/, "");
}

/** jobform.yaml alone, parsed (undefined when absent or broken): for commands that need only its settings. */
export function readProjectFile(dir: string): LoadedDocument | undefined {
  const root = projectRoot(dir, false);
  if (root === undefined || !existsSync(join(root, PROJECT_FILE))) return undefined;
  return loadFile(readSource(root, PROJECT_FILE)).document;
}
