// `import --from-bundle`'s reader: databricks.yml and every file its `include:` globs name (relative to the
// declaring file, as the bundles CLI reads them), with the project reader's bounds and symlink rules: nothing
// outside the bundle root is read, every file is size-capped, and the files together are too.
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";
import { fileDiagnostic, loadFile, locate } from "../core/load.js";
import type { LoadedDocument } from "../core/load.js";
import { MAX_JOB_FILES, MAX_PROJECT_BYTES } from "../core/input-limits.js";
import { segmentMatcher } from "../core/bundle/include-glob.js";
import { joinPosix } from "../core/bundle/paths.js";
import { isPlainObject } from "../core/merge.js";
import { toPointer } from "../core/pointer.js";
import { UserError } from "./errors.js";
import { inside, readSource } from "./read-project.js";

/** The names the bundles CLI looks for in a bundle folder, in its order. */
export const BUNDLE_FILES = ["databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"];
/** Folder entries one include pattern may visit: a `**` over a large tree is refused, not walked for minutes. */
const MAX_VISITED = 100_000;

export interface ReadBundle {
  root: string;
  files: LoadedDocument[];
  diagnostics: Diagnostic[];
}

function rootFile(given: string): { root: string; rel: string } {
  let st;
  try {
    st = statSync(given);
  } catch {
    throw new UserError(`--from-bundle ${given}: no such file or folder`);
  }
  if (!st.isDirectory()) return { root: realpathSync(dirname(given)), rel: basename(given) };
  const root = realpathSync(given);
  const rel = BUNDLE_FILES.find((n) => {
    try {
      lstatSync(join(root, n));
      return true;
    } catch {
      return false;
    }
  });
  if (!rel) throw new UserError(`--from-bundle ${given}: the folder has no ${BUNDLE_FILES.join(", ")}`);
  return { root, rel };
}

/** The files under `root` an include pattern (already relative to the root) names, sorted. */
function expand(root: string, pattern: string): { files: string[]; problem?: string } {
  let current = [""];
  let visited = 0;
  const list = (dir: string): string[] | string => {
    const full = join(root, dir);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return [];
    }
    if (!inside(root, real)) return `reaches ${dir}, a symlink to ${real} outside the bundle; symlinks may only point inside it`;
    try {
      const names = readdirSync(full);
      visited += names.length;
      return names.sort();
    } catch {
      return [];
    }
  };
  const segs = pattern.split("/");
  for (const [i, seg] of segs.entries()) {
    const last = i === segs.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (seg === "**") {
        const stack = [dir];
        while (stack.length) {
          const d = stack.pop() as string;
          next.push(d);
          const names = list(d);
          if (typeof names === "string") return { files: [], problem: names };
          for (const n of names) {
            const p = d ? `${d}/${n}` : n;
            try {
              if (lstatSync(join(root, p)).isDirectory()) stack.push(p);
            } catch {
              /* gone since listed */
            }
          }
          if (visited > MAX_VISITED) return { files: [], problem: `visits more than ${MAX_VISITED} folder entries; name the folders` };
        }
        continue;
      }
      const m = segmentMatcher(seg);
      if (!m) {
        next.push(dir ? `${dir}/${seg}` : seg);
        continue;
      }
      const names = list(dir);
      if (typeof names === "string") return { files: [], problem: names };
      for (const n of names) if (m.test(n)) next.push(dir ? `${dir}/${n}` : n);
      if (visited > MAX_VISITED) return { files: [], problem: `visits more than ${MAX_VISITED} folder entries; name the folders` };
    }
    current = last ? next : [...new Set(next)];
  }
  const files = current.filter((p) => {
    try {
      const st = lstatSync(join(root, p));
      return !st.isDirectory();
    } catch {
      return false;
    }
  });
  return { files: [...new Set(files)].sort() };
}

/**
 * Reads the bundle that `given` (a databricks.yml, or the folder holding one) declares. Problems of the input
 * come back as located diagnostics (file paths relative to the bundle root); only a missing bundle throws.
 */
export function readBundle(given: string): ReadBundle {
  const { root, rel } = rootFile(given);
  const files: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  let total = 0;
  const queue: { rel: string }[] = [{ rel }];
  while (queue.length) {
    const next = queue.shift() as { rel: string };
    let real: string;
    try {
      real = realpathSync(join(root, next.rel));
    } catch {
      real = join(root, next.rel);
    }
    // A file included twice (or including itself, or a cycle of includes) is read once, as the bundles CLI does.
    if (seen.has(real)) continue;
    seen.add(real);
    if (!inside(root, real)) {
      diagnostics.push(fileDiagnostic(next.rel, "JF090", `${next.rel} is ${real} through a symlink, outside the bundle folder; a bundle reads only files inside it`));
      continue;
    }
    if (seen.size > MAX_JOB_FILES) {
      diagnostics.push(fileDiagnostic(next.rel, "JF091", `the bundle includes more than ${MAX_JOB_FILES} files`));
      break;
    }
    const source = readSource(root, next.rel);
    total += source.size ?? source.bytes.length;
    if (total > MAX_PROJECT_BYTES) {
      diagnostics.push(fileDiagnostic(next.rel, "JF091", `brings the bundle's files over ${MAX_PROJECT_BYTES / 1024 / 1024} MB together`));
      break;
    }
    const loaded = loadFile(source);
    diagnostics.push(...loaded.diagnostics);
    const doc = loaded.document;
    if (!doc) continue;
    files.push(doc);
    const include = isPlainObject(doc.value) ? doc.value.include : undefined;
    if (include === undefined || include === null) continue;
    const at = (segments: string[]) => ({ ...locate(doc, segments), path: toPointer(segments) });
    if (!Array.isArray(include)) {
      const p = at(["include"]);
      diagnostics.push(fileDiagnostic(doc.file, "JF016", "include: must be a list of file patterns", p, p.path));
      continue;
    }
    include.forEach((pattern, i) => {
      const p = at(["include", String(i)]);
      const bad = (message: string) => diagnostics.push(fileDiagnostic(doc.file, "JF016", message, p, p.path));
      if (typeof pattern !== "string" || pattern === "") return bad("an include is a file pattern such as resources/*.yml");
      if (pattern.startsWith("/") || /^[A-Za-z]:[\\/]/.test(pattern)) return bad(`include ${pattern}: an absolute path; includes are relative to ${doc.file}`);
      const dir = doc.file.includes("/") ? doc.file.slice(0, doc.file.lastIndexOf("/")) : "";
      const joined = joinPosix(dir, pattern.replace(/\\/g, "/"));
      if (joined === ".." || joined.startsWith("../")) return bad(`include ${pattern}: leaves the bundle root; a bundle reads only files inside its folder`);
      const found = expand(root, joined);
      if (found.problem) return bad(`include ${pattern} ${found.problem}`);
      if (!found.files.length) return bad(`include ${pattern} matches no file (the bundles CLI refuses that too)`);
      for (const f of found.files) queue.push({ rel: f });
    });
  }
  return { root, files, diagnostics };
}
