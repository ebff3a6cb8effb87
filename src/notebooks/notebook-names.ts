/**
 * File stems for notebooks/<name>.yaml. The stem is how users refer to a definition
 * (`jobform submit <name>`), so it must not depend on the order the workspace listed the notebooks.
 */

// Names Windows refuses as file stems, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;
const MAX_STEM = 60;
const NOTEBOOK_EXTENSIONS = /\.(py|sql|scala|r|ipynb)$/i;

export function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_STEM)
    .replace(/-+$/, "");
  if (s === "") return "notebook";
  return RESERVED.test(s) ? `${s}-notebook` : s;
}

/** FNV-1a: a stable, dependency-free fingerprint; 6 hex digits are plenty within one folder tree. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0").slice(0, 6);
}

function segments(path: string): string[] {
  const parts = path.split("/").filter((p) => p !== "");
  const last = parts.length - 1;
  if (last >= 0) parts[last] = (parts[last] as string).replace(NOTEBOOK_EXTENSIONS, "");
  return parts;
}

/** The stem qualified by `depth` parent folders: depth 0 is the notebook's own name. */
function qualified(path: string, depth: number): string {
  const parts = segments(path);
  return slug(parts.slice(Math.max(0, parts.length - 1 - depth)).join("-"));
}

function depthOf(path: string): number {
  return Math.max(0, segments(path).length - 1);
}

/**
 * A name for one more notebook when some names are already in use (re-import keeps the names of
 * existing definitions, so only new notebooks get new names). Adds the chosen name to `taken`.
 */
export function notebookName(path: string, taken: Set<string>): string {
  for (let depth = 0; depth <= depthOf(path); depth++) {
    const candidate = qualified(path, depth);
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  return withHash(path, taken);
}

function withHash(path: string, taken: Set<string>): string {
  const base = `${qualified(path, 0)}-${shortHash(path)}`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Names for a whole import. Notebooks that share a name are all qualified by their parent folders
 * (not just the second one found), so the result depends only on the set of paths.
 */
export function assignNames(paths: string[], taken: Set<string> = new Set()): Map<string, string> {
  const sorted = [...new Set(paths)].sort();
  const groups = new Map<string, string[]>();
  for (const p of sorted) {
    const stem = qualified(p, 0);
    groups.set(stem, [...(groups.get(stem) ?? []), p]);
  }
  const proposed = new Map<string, string>();
  for (const [stem, members] of groups) {
    if (members.length === 1 && !taken.has(stem)) {
      proposed.set(members[0] as string, stem);
      continue;
    }
    const maxDepth = Math.max(...members.map(depthOf));
    let settled = false;
    for (let depth = 1; depth <= maxDepth && !settled; depth++) {
      const names = members.map((p) => qualified(p, depth));
      if (new Set(names).size === names.length && names.every((n) => !taken.has(n))) {
        members.forEach((p, i) => proposed.set(p, names[i] as string));
        settled = true;
      }
    }
    // Paths that differ only in case or punctuation slug to the same text at every depth.
    if (!settled) for (const p of members) proposed.set(p, `${stem}-${shortHash(p)}`);
  }
  const out = new Map<string, string>();
  const used = new Set(taken);
  for (const p of sorted) {
    const name = proposed.get(p) as string;
    if (used.has(name)) out.set(p, withHash(p, used));
    else {
      used.add(name);
      out.set(p, name);
    }
  }
  return out;
}
