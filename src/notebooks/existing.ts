/**
 * What a previous import left in the project: which file already stands for which notebook. Re-import
 * keeps those file names (users refer to definitions by name), matched by notebook_path, never by
 * the name a fresh import would pick.
 */
import { existsSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { readProjectText } from "../cli/read-project.js";

export interface ExistingFile {
  stem: string;
  /** As found: a user's .yml stays .yml. */
  fileName: string;
  text: string;
}

export interface ExistingFiles {
  /** notebook_path → the file that holds it. */
  byPath: Map<string, ExistingFile>;
  /** Every stem in the folder, whatever it holds: a new file must not take one of them. */
  stems: Set<string>;
}

const YAML_FILE = /^(.+)\.ya?ml$/i;

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The notebook paths a file refers to: a definition's notebook_path, or a job's notebook tasks. */
function notebookPaths(value: unknown): string[] {
  const doc = record(value);
  if (!doc) return [];
  if (typeof doc.notebook_path === "string") return [doc.notebook_path];
  const tasks = Array.isArray(doc.tasks) ? doc.tasks : [];
  return tasks.flatMap((t) => {
    const path = record(record(t)?.notebook_task)?.notebook_path;
    return typeof path === "string" ? [path] : [];
  });
}

export function readExisting(folder: string): ExistingFiles {
  const out: ExistingFiles = { byPath: new Map(), stems: new Set() };
  if (!existsSync(folder)) return out;
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const m = YAML_FILE.exec(entry.name);
    if (!entry.isFile() || !m) continue;
    const stem = m[1] as string;
    out.stems.add(stem);
    out.stems.add(stem.toLowerCase());
    const text = readProjectText(folder, entry.name);
    let value: unknown;
    try {
      value = parse(text);
    } catch {
      continue; // a broken file keeps its name; `jobform validate` reports what is wrong with it
    }
    for (const path of notebookPaths(value)) if (!out.byPath.has(path)) out.byPath.set(path, { stem, fileName: entry.name, text });
  }
  return out;
}
