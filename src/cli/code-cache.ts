import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { buildKey } from "./build-keys.js";

/**
 * `require` of a big generated CommonJS file (the installed bin's cli.cjs and undici.cjs; the precompiled ajv
 * validators, ~515 KB) through a V8 code cache: the first run compiles it and, at exit, saves V8's compiled code
 * (with the functions that run used); later runs hand that back to V8 and skip most of the parsing. Node 20.18 has
 * no `module.enableCompileCache`, so this is `vm.Script`'s `cachedData`.
 *
 * `JOBFORM_CODE_CACHE=DIR` puts the cache in DIR, `off` turns it off; by default it is under the OS cache folder.
 * A cache file that is truncated, corrupt or made for other code is ignored and replaced: its name holds a hash of
 * the source (or of the hash the build recorded for the file, and its length: see build-keys.ts) and the runtime,
 * and its first bytes a checksum of that name and the data, so damage and copies under another name are caught
 * before V8 sees them (V8 itself checks its version and flags, but of the source only the length). A cache that
 * cannot be written is skipped without a word.
 */

const CHECKSUM_BYTES = 32;
/** A temporary cache file this old was left by a run that died before its rename. */
const STALE_TMP_MS = 10 * 60_000;

/** The folder cache files go in, or undefined when caching is off. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string | undefined {
  const setting = env.JOBFORM_CODE_CACHE?.trim();
  if (setting === "off" || setting === "0" || setting === "false") return undefined;
  if (setting) return setting;
  const base =
    platform === "win32"
      ? (env.LOCALAPPDATA ?? join(home, "AppData", "Local"))
      : platform === "darwin"
        ? join(home, "Library", "Caches")
        : (env.XDG_CACHE_HOME ?? join(home, ".cache"));
  return join(base, "jobform", "code-cache");
}

/**
 * The cache file for `file` whose content is `content` (its text, or what identifies it: the build's hash of it):
 * named by the content and the runtime, so neither is ever mixed up, and by the variant, if any (one file's caches
 * for runs that use different parts of it; each variant keeps its own).
 */
export function cacheFileFor(dir: string, file: string, content: string, variant?: string): string {
  const key = createHash("sha256").update(`${process.version}\0${process.arch}\0${process.execArgv.join(" ")}\0`).update(content).digest("hex").slice(0, 24);
  return join(dir, `${basename(file)}-${variant === undefined ? "" : `${variant}-`}${key}.v8`);
}

/** The checksum a cache file starts with: of its name (the source's and runtime's hash) and its V8 data. */
function checksum(path: string, data: Buffer): Buffer {
  return createHash("sha256").update(basename(path)).update("\0").update(data).digest();
}

/** The V8 data of a cache file, or undefined when it is missing, truncated, damaged or another file's. */
export function readCacheFile(path: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  if (bytes.length <= CHECKSUM_BYTES) return undefined;
  const data = bytes.subarray(CHECKSUM_BYTES);
  return checksum(path, data).equals(bytes.subarray(0, CHECKSUM_BYTES)) ? data : undefined;
}

/**
 * Writes V8 data with its checksum, through a temporary file so a reader never sees half of it, and removes the
 * caches of the same file's earlier builds (another source or runtime), so the folder does not grow per build.
 */
export function writeCacheFile(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, Buffer.concat([checksum(path, data), data]));
    renameSync(tmp, path);
    const own = basename(path);
    const stem = own.slice(0, own.lastIndexOf("-") + 1);
    for (const f of readdirSync(dirname(path))) {
      if (f === own || !f.startsWith(stem)) continue;
      const rest = f.slice(stem.length);
      // Earlier builds' caches, and temporary files a killed run left (old enough that no writer still holds them).
      if (/^[0-9a-f]{24}\.v8$/.test(rest) || (/^[0-9a-f]{24}\.v8\.\d+\.tmp$/.test(rest) && Date.now() - statSync(join(dirname(path), f)).mtimeMs > STALE_TMP_MS)) rmSync(join(dirname(path), f), { force: true });
    }
  } catch {
    // A read-only home or a full disk only costs the next run its speed.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // There was no folder to leave it in.
    }
  }
}

// One list per process, however many copies of this module a test runner loads, so one exit listener.
const PENDING = Symbol.for("jobform.code-cache.pending");
const registry = globalThis as { [PENDING]?: Map<string, Script> };

function pending(): Map<string, Script> {
  if (registry[PENDING] === undefined) {
    registry[PENDING] = new Map();
    process.once("exit", saveCodeCaches);
  }
  return registry[PENDING];
}

/** Writes the cache files of this run's misses now (they are otherwise written at exit). */
export function saveCodeCaches(): void {
  const scripts = registry[PENDING];
  for (const [path, script] of scripts ?? []) writeCacheFile(path, script.createCachedData());
  scripts?.clear();
}

/**
 * What `require(file)` returns, for a CommonJS file, with the cache in `dir` (null: none) and of `variant` (see
 * cacheFileFor); `used` says whether the cache was hit (for tests).
 */
export function requireWithCodeCache(file: string, dir: string | null = codeCacheDir() ?? null, variant?: string): { exports: unknown; used: boolean } {
  const source = readFileSync(file, "utf8");
  // A bundled file's hash was recorded at build time: hashing 1.2 MB on every start would cost ~3 ms.
  const built = buildKey(file);
  const cachePath = dir === null ? undefined : cacheFileFor(dir, file, built === undefined ? source : `built ${built} ${source.length}`, variant);
  const cachedData = cachePath === undefined ? undefined : readCacheFile(cachePath);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (cachePath !== undefined && !used) {
    // Saved at exit, so the cache also holds the functions this run compiled lazily (the validation itself).
    pending().set(cachePath, script);
  }
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, used };
}
