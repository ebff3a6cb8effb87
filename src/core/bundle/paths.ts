// Relative paths in a bundle job: the bundles CLI resolves them against the file that declares them, uploads
// the files (sync) and rewrites the path to where they landed under `${workspace.file_path}`. jobform uploads
// nothing, so the path becomes that deployed location and the report lists what must exist there.
import { isPlainObject } from "../merge.js";
import type { Obj, Sourced } from "./model.js";

export interface RelativePath {
  /** Where in the job (or override) the path sits, from the job's root. */
  at: string[];
  /** As written. */
  written: string;
  /** Relative to the bundle root (`src/ingest.ipynb`); may start with `../` when it leaves the root. */
  local: string;
  /** The deployed location as a bundle string (`${workspace.file_path}/src/ingest`); absent for artifacts. */
  deployed?: string;
  kind: "notebook" | "file" | "directory" | "artifact";
}

// The bundles CLI drops these extensions when it uploads a notebook (it becomes a workspace notebook object).
const NOTEBOOK_EXT = /\.(py|ipynb|sql|scala|r)$/i;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** A path the bundles CLI treats as local: not absolute, no scheme (dbfs:, s3:, …), no reference in it. */
export function isLocalPath(p: unknown): p is string {
  return typeof p === "string" && p !== "" && !p.startsWith("/") && !SCHEME.test(p) && !p.includes("${");
}

/** `dir` joined with `rel`, `.` and `..` folded, forward slashes (core does no I/O, so no node:path). */
export function joinPosix(dir: string, rel: string): string {
  const out: string[] = [];
  for (const seg of `${dir}/${rel}`.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

const dirOf = (file: string) => (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");

/**
 * The task fields that hold a local path, with the kind of object the bundles CLI deploys for each
 * (bundle/config/mutator/translate_paths_jobs.go). A task that takes its source from git is left alone.
 */
function taskPaths(task: Obj, at: string[], gitJob: boolean, found: (at: string[], value: unknown, kind: RelativePath["kind"]) => void): void {
  const fromGit = (t: unknown) => isPlainObject(t) && (t.source === "GIT" || (gitJob && t.source !== "WORKSPACE"));
  const nb = task.notebook_task;
  if (isPlainObject(nb) && !fromGit(nb)) found([...at, "notebook_task", "notebook_path"], nb.notebook_path, "notebook");
  const py = task.spark_python_task;
  if (isPlainObject(py) && !fromGit(py)) found([...at, "spark_python_task", "python_file"], py.python_file, "file");
  const sql = task.sql_task;
  if (isPlainObject(sql) && isPlainObject(sql.file) && !fromGit(sql.file)) found([...at, "sql_task", "file", "path"], sql.file.path, "file");
  const dbt = task.dbt_task;
  if (isPlainObject(dbt) && !fromGit(dbt)) found([...at, "dbt_task", "project_directory"], dbt.project_directory, "directory");
  if (Array.isArray(task.libraries)) {
    task.libraries.forEach((lib, i) => {
      if (!isPlainObject(lib)) return;
      for (const k of ["whl", "jar", "requirements"]) if (k in lib) found([...at, "libraries", String(i), k], lib[k], "artifact");
    });
  }
  const inner = isPlainObject(task.for_each_task) ? task.for_each_task.task : undefined;
  if (isPlainObject(inner)) taskPaths(inner, [...at, "for_each_task", "task"], gitJob, found);
}

/** Every local path of a job (or a target's override of it), resolved against the file that declares it. */
export function relativePaths(job: Sourced<Obj>, gitJob: boolean): RelativePath[] {
  const out: RelativePath[] = [];
  const found = (at: string[], value: unknown, kind: RelativePath["kind"]) => {
    if (!isLocalPath(value)) return;
    const local = joinPosix(dirOf(job.doc.file), value);
    const uploaded = kind === "notebook" ? local.replace(NOTEBOOK_EXT, "") : local;
    out.push({ at, written: value, local, kind, ...(kind === "artifact" ? {} : { deployed: `\${workspace.file_path}/${uploaded}` }) });
  };
  const tasks = job.value.tasks;
  if (Array.isArray(tasks)) tasks.forEach((t, i) => isPlainObject(t) && taskPaths(t, ["tasks", String(i)], gitJob, found));
  const envs = job.value.environments;
  if (Array.isArray(envs)) {
    envs.forEach((e, i) => {
      const deps = isPlainObject(e) && isPlainObject(e.spec) ? e.spec.dependencies : undefined;
      if (!Array.isArray(deps)) return;
      // Only a dependency that reads as a file (./dist/x.whl) is local; `pandas==2.2` is a package.
      deps.forEach((d, j) => typeof d === "string" && /^\.\.?\//.test(d) && found(["environments", String(i), "spec", "dependencies", String(j)], d, "artifact"));
    });
  }
  return out;
}
